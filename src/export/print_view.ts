/**
 * Where and at which zoom a print map is drawn: the extent chosen (the view on screen, the whole
 * area or one sub-district) fitted into the page's map frame, in Web Mercator with 512-pixel
 * tiles as MapLibre draws it.
 */
import { mercatorLatitude, mercatorLongitude, mercatorX, mercatorY } from '../data/web_mercator';

export type Bounds = [west: number, south: number, east: number, north: number];

export interface PrintView {
  center: [number, number];
  /** The zoom the map is drawn at: it decides which labels are shown. */
  zoom: number;
  /** Device pixels per CSS pixel for the hidden map. */
  pixelRatio: number;
  /** Ground metres per device pixel of the print at its centre. */
  metresPerPixel: number;
}

const TILE = 512;
const EARTH_CIRCUMFERENCE_M = 40075016.686;

/** The ground bounds of a map of `size` CSS pixels centred on `center` at `zoom`. */
export function viewBounds(
  center: [number, number],
  zoom: number,
  size: { width: number; height: number },
): Bounds {
  const world = TILE * 2 ** zoom;
  const x = mercatorX(center[0]);
  const y = mercatorY(center[1]);
  const dx = size.width / 2 / world;
  const dy = size.height / 2 / world;
  return [
    mercatorLongitude(x - dx),
    mercatorLatitude(y + dy),
    mercatorLongitude(x + dx),
    mercatorLatitude(y - dy),
  ];
}

/** The zoom at which `bounds` just fits `size` CSS pixels. */
export function fitZoom(bounds: Bounds, size: { width: number; height: number }): number {
  const spanX = mercatorX(bounds[2]) - mercatorX(bounds[0]);
  const spanY = mercatorY(bounds[1]) - mercatorY(bounds[3]);
  return Math.log2(Math.min(size.width / (TILE * spanX), size.height / (TILE * spanY)));
}

/**
 * The print of `bounds` in a frame of `frame` device pixels at `dpi`. The map is drawn at the
 * zoom a screen of `screen` CSS pixels would show the same extent at (or the print's own, if
 * higher), so the print carries at least the labels seen on screen at that scale; the pixel
 * ratio makes up the difference, so the extent is the same either way.
 */
export function printView(
  bounds: Bounds,
  frame: { width: number; height: number },
  dpi: number,
  screen: { width: number; height: number },
): PrintView {
  const naturalRatio = dpi / 96;
  const natural = fitZoom(bounds, {
    width: frame.width / naturalRatio,
    height: frame.height / naturalRatio,
  });
  const onScreen = fitZoom(bounds, screen);
  const zoom = Math.max(natural, onScreen);
  const pixelRatio = naturalRatio * 2 ** (natural - zoom);
  const center: [number, number] = [
    mercatorLongitude((mercatorX(bounds[0]) + mercatorX(bounds[2])) / 2),
    mercatorLatitude((mercatorY(bounds[1]) + mercatorY(bounds[3])) / 2),
  ];
  const lat = (center[1] * Math.PI) / 180;
  const metresPerCssPixel = (EARTH_CIRCUMFERENCE_M * Math.cos(lat)) / (TILE * 2 ** zoom);
  return { center, zoom, pixelRatio, metresPerPixel: metresPerCssPixel / pixelRatio };
}

/** The representative fraction 1:N of a print with `metresPerPixel` at `dpi`, N to 3 figures. */
export function scaleDenominator(metresPerPixel: number, dpi: number): number {
  const exact = (metresPerPixel * dpi) / 0.0254;
  const power = 10 ** Math.max(0, Math.floor(Math.log10(exact)) - 2);
  return Math.round(exact / power) * power;
}

/** Bounds of a set of coordinates (any nesting of [lon, lat] arrays). */
export function boundsOf(coordinates: unknown): Bounds | null {
  const out: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (value: unknown) => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number' && typeof value[1] === 'number') {
      out[0] = Math.min(out[0], value[0]);
      out[1] = Math.min(out[1], value[1]);
      out[2] = Math.max(out[2], value[0]);
      out[3] = Math.max(out[3], value[1]);
    } else value.forEach(visit);
  };
  visit(coordinates);
  return Number.isFinite(out[0]) ? out : null;
}
