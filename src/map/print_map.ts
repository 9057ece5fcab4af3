import { type GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { LayerData } from '../data/load';
import { LAYER_IDS, type LayerId } from '../data/layers';
import { type Rect, tiles } from '../export/page_layout';
import { LOCAL_FONT_FAMILY, schoolLabelField } from '../layers/catalog';
import type { Language } from '../state/url_hash';
import { LABEL_BARRIER_LAYER, addLabelBarriers } from './label_barriers';
import { giveLayer, withoutLargeLayers } from './large_source';
import { installNoDataPattern } from './no_data_pattern';
import { buildStyle } from './style';

/**
 * Larger canvases are refused or silently scaled down by browsers; tiles stay below this. It is
 * large enough that every page offered (up to A3 at 300 dpi) is drawn in one piece: labels are
 * placed once for the whole map, so none is cut where two tiles would meet.
 */
const MAX_TILE_PX = 4096;

export interface PrintMapRequest {
  data: LayerData;
  visibleLayers: LayerId[];
  /** The UI language, for the notes some labels carry. */
  language: Language;
  /** The plan layout under the results, faded, as on screen while they are shown. */
  planMuted: boolean;
  /** Extra GeoJSON to show, by source id (analysis results, the inspection circle). */
  overlays: Record<string, FeatureCollection | null | undefined>;
  /** Where, at which zoom and with how many device pixels per CSS pixel (see printView). */
  view: { center: [number, number]; zoom: number; pixelRatio: number };
  /** Output size in device pixels. */
  width: number;
  height: number;
  /** Boxes drawn over the map later (the north arrow), in output pixels: no label goes there. */
  keepClear?: Rect[];
  onProgress?: (done: number, total: number) => void;
}

/**
 * Draws the map at the requested pixel size in a hidden map of its own, never touching the
 * one on screen. Images larger than a tile are drawn tile by tile: the hidden map moves to
 * each tile's centre (found by unprojecting from the print's centre) and its canvas is copied
 * into place, so the result always has the full requested size.
 */
export async function printMap(request: PrintMapRequest): Promise<HTMLCanvasElement> {
  const { width, height, view } = request;
  const { pixelRatio, zoom } = view;
  const output = document.createElement('canvas');
  output.width = width;
  output.height = height;
  const context = output.getContext('2d')!;
  const pieces = tiles(width, height, MAX_TILE_PX);

  const container = document.createElement('div');
  container.setAttribute('aria-hidden', 'true');
  container.className = 'print-stage';
  document.body.appendChild(container);
  const sizeTo = (w: number, h: number) => {
    container.style.width = `${w / pixelRatio}px`;
    container.style.height = `${h / pixelRatio}px`;
  };
  sizeTo(pieces[0]!.width, pieces[0]!.height);
  // As on screen, large layers start empty and follow as text (see large_source).
  const initial = withoutLargeLayers(request.data);
  const map = new MapLibreMap({
    container,
    style: buildStyle(initial, request.visibleLayers, { planMuted: request.planMuted }),
    center: view.center,
    zoom,
    pixelRatio,
    interactive: false,
    attributionControl: false,
    fadeDuration: 0,
    localIdeographFontFamily: LOCAL_FONT_FAMILY,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  installNoDataPattern(map);
  const idle = () => new Promise<void>((resolve) => map.once('idle', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      map.once('load', () => resolve());
      map.once('error', (event) => reject(new Error(String(event.error?.message ?? event))));
    });
    if (map.getLayer('schools-label')) {
      map.setLayoutProperty('schools-label', 'text-field', schoolLabelField(request.language));
    }
    for (const [source, collection] of Object.entries(request.overlays)) {
      if (collection) map.getSource<GeoJSONSource>(source)?.setData(collection);
    }
    await Promise.all(
      LAYER_IDS.filter((id) => initial.layers[id] !== request.data.layers[id]).map((id) =>
        giveLayer(map, id, request.data.layers[id]),
      ),
    );
    // The map is still centred on the print's centre, at the first tile's size.
    const first = pieces[0]!;
    addLabelBarriers(
      map,
      { width: width / pixelRatio, height: height / pixelRatio },
      (request.keepClear ?? []).map((box) => ({
        x: box.x / pixelRatio,
        y: box.y / pixelRatio,
        width: box.width / pixelRatio,
        height: box.height / pixelRatio,
      })),
      (x, y) =>
        map
          .unproject([
            (first.width - width) / pixelRatio / 2 + x,
            (first.height - height) / pixelRatio / 2 + y,
          ])
          .toArray(),
    );
    for (const [i, tile] of pieces.entries()) {
      sizeTo(tile.width, tile.height);
      map.resize();
      map.jumpTo({ center: view.center, zoom });
      const canvas = map.getCanvas();
      if (
        canvas.width < Math.floor(tile.width) - 1 ||
        canvas.height < Math.floor(tile.height) - 1
      ) {
        throw new Error(
          `the browser drew ${canvas.width}×${canvas.height} for a ${tile.width}×${tile.height} tile`,
        );
      }
      // The tile's centre, in CSS pixels from the print's centre.
      const dx = (tile.x + tile.width / 2 - width / 2) / pixelRatio;
      const dy = (tile.y + tile.height / 2 - height / 2) / pixelRatio;
      const tileCenter = map.unproject([
        tile.width / pixelRatio / 2 + dx,
        tile.height / pixelRatio / 2 + dy,
      ]);
      const ready = idle();
      map.jumpTo({ center: tileCenter, zoom });
      map.triggerRepaint();
      await ready;
      await gpuFinished(map.getCanvas());
      context.drawImage(map.getCanvas(), tile.x, tile.y, tile.width, tile.height);
      if (import.meta.env.MODE === 'e2e' && pieces.length === 1) {
        const labelLayers = map
          .getStyle()
          .layers.filter((l) => l.type === 'symbol' && l.id !== LABEL_BARRIER_LAYER)
          .map((l) => l.id);
        const { recordPrintLabels } = await import('./test_hooks');
        recordPrintLabels(map, labelLayers);
      }
      request.onProgress?.(i + 1, pieces.length);
    }
  } finally {
    map.remove();
    container.remove();
  }
  return output;
}

/**
 * Resolves once the GPU has run every drawing command given so far, checking between tasks:
 * copying the map's canvas would otherwise hold the page's thread until then (seconds for a
 * print-sized frame drawn in software).
 */
async function gpuFinished(canvas: HTMLCanvasElement): Promise<void> {
  const gl = canvas.getContext('webgl2');
  const sync = gl?.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
  if (!gl || !sync) return;
  gl.flush();
  try {
    while (gl.getSyncParameter(sync, gl.SYNC_STATUS) !== gl.SIGNALED) {
      if (gl.isContextLost()) throw new Error('the map lost its drawing context');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    gl.deleteSync(sync);
  }
}
