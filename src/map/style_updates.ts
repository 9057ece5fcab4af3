import type { FilterSpecification, Map as MapLibreMap } from 'maplibre-gl';

/*
 * Style changes made only when they change something. MapLibre draws a new frame for every
 * call even when the value is the one it has, and re-tiles a layer's whole source for a layout
 * or filter change; with software WebGL each frame holds the page's thread while it is drawn.
 * `unset` is what the map draws for a property the style leaves out (MapLibre reports none).
 */

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

type Layout = Parameters<MapLibreMap['setLayoutProperty']>;
type Paint = Parameters<MapLibreMap['setPaintProperty']>;

export function setLayoutIfChanged(
  map: MapLibreMap,
  layer: string,
  name: Layout[1],
  value: Layout[2],
  unset?: Layout[2],
): void {
  if (!map.getLayer(layer)) return;
  if (same(map.getLayoutProperty(layer, name) ?? unset, value)) return;
  map.setLayoutProperty(layer, name, value);
}

export function setPaintIfChanged(
  map: MapLibreMap,
  layer: string,
  name: Paint[1],
  value: Paint[2],
  unset?: Paint[2],
): void {
  if (!map.getLayer(layer)) return;
  if (same(map.getPaintProperty(layer, name) ?? unset, value)) return;
  map.setPaintProperty(layer, name, value);
}

export function setFilterIfChanged(
  map: MapLibreMap,
  layer: string,
  filter: FilterSpecification,
): void {
  if (!map.getLayer(layer)) return;
  if (same(map.getFilter(layer), filter)) return;
  map.setFilter(layer, filter);
}
