import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { Rect } from '../export/page_layout';

/** The obstacles' layer: drawn nothing, placed first. */
export const LABEL_BARRIER_LAYER = 'print-label-barriers';
const SOURCE = LABEL_BARRIER_LAYER;
const IMAGE = 'print-label-barrier';
/** Side of one invisible obstacle, in CSS pixels; obstacles overlap so labels cannot slip between. */
const SIZE = 12;
const STEP = SIZE / 2;

/**
 * Lines invisible obstacles along the outside of a print's frame and over `keepClear` boxes
 * (things drawn over the map, like the north arrow), on top of every layer. MapLibre places the
 * top layer first and then leaves out any label that would overlap an obstacle, so each label is
 * either whole inside the frame or not there: none is cut mid-glyph at the frame's edge.
 *
 * `toLonLat` turns a position in the print's CSS pixels (from its top-left) into coordinates.
 */
export function addLabelBarriers(
  map: MapLibreMap,
  frame: { width: number; height: number },
  keepClear: Rect[],
  toLonLat: (x: number, y: number) => [number, number],
): void {
  const points: [number, number][] = [];
  // Centres half an obstacle outside the frame: the obstacles cover the frame line itself and a
  // few pixels either side of it, never the map's inside.
  const out = SIZE / 2 - 2;
  for (let x = -SIZE; x <= frame.width + SIZE; x += STEP) {
    points.push([x, -out], [x, frame.height + out]);
  }
  for (let y = -SIZE; y <= frame.height + SIZE; y += STEP) {
    points.push([-out, y], [frame.width + out, y]);
  }
  for (const box of keepClear) {
    for (let y = box.y + STEP / 2; y < box.y + box.height + STEP; y += STEP) {
      for (let x = box.x + STEP / 2; x < box.x + box.width + STEP; x += STEP) points.push([x, y]);
    }
  }
  const features: Feature<Point>[] = points.map(([x, y]) => ({
    type: 'Feature',
    properties: {},
    geometry: { type: 'Point', coordinates: toLonLat(x, y) },
  }));
  const collection: FeatureCollection<Point> = { type: 'FeatureCollection', features };
  if (!map.hasImage(IMAGE)) {
    map.addImage(IMAGE, { width: SIZE, height: SIZE, data: new Uint8Array(SIZE * SIZE * 4) });
  }
  map.addSource(SOURCE, { type: 'geojson', data: collection });
  map.addLayer({
    id: SOURCE,
    type: 'symbol',
    source: SOURCE,
    layout: {
      'icon-image': IMAGE,
      'icon-allow-overlap': true,
      'icon-ignore-placement': false,
      'icon-padding': 0,
    },
  });
}
