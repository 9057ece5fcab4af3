import type { Map as MapLibreMap } from 'maplibre-gl';

/** WebGL renderers that draw on the CPU: SwiftShader (Chromium), Mesa's, Windows' and Apple's. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|basic render|software/i;

/** Whether the browser draws the map's WebGL on the CPU (no GPU, or its GPU blocked). */
function drawsInSoftware(map: MapLibreMap): boolean {
  const canvas = map.getCanvas();
  // The map's own context: asked for again, the canvas returns it.
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return SOFTWARE_RENDERER.test(
    String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)),
  );
}

/**
 * Draws the map at one pixel per CSS pixel when the CPU draws it. On a screen of device pixel
 * ratio 2 a frame has four times the pixels, and with software WebGL the page's thread waits
 * for every frame to be drawn: a reload read its frames back in 4.5 s instead of 1.4 s, and
 * its longest task was 0.87 s instead of 0.34 s. Lines and labels are then a little softer on
 * such a screen; with a GPU the map keeps the screen's full resolution.
 */
export function limitSoftwarePixelRatio(map: MapLibreMap): void {
  if (window.devicePixelRatio > 1 && drawsInSoftware(map)) map.setPixelRatio(1);
}
