import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { giveCollection } from './large_source';

/** One empty collection, so that "still empty" is recognised as no change. */
export const EMPTY_COLLECTION: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** What a source holds after giving it data failed: unlike any collection, so any retries. */
const NOT_GIVEN: FeatureCollection = { type: 'FeatureCollection', features: [] };

const drawn = new WeakMap<MapLibreMap, Map<string, FeatureCollection>>();
const changedAt = new WeakMap<MapLibreMap, number>();

/**
 * Gives a GeoJSON source new data only when it is another collection than the one it has:
 * the map then re-tiles and redraws only the sources that changed. Returns whether it did.
 * For the overlay sources, which the style starts with EMPTY_COLLECTION: one not given
 * anything yet holds it, so clearing it on load is no change (and no frames drawn for it).
 */
export function setSourceData(
  map: MapLibreMap,
  id: string,
  collection: FeatureCollection | null | undefined,
  { longOutlinesAsText = false }: { longOutlinesAsText?: boolean } = {},
): boolean {
  const next = collection ?? EMPTY_COLLECTION;
  let bySource = drawn.get(map);
  if (!bySource) drawn.set(map, (bySource = new Map()));
  if ((bySource.get(id) ?? EMPTY_COLLECTION) === next) return false;
  const source = map.getSource<GeoJSONSource>(id);
  if (!source) return false;
  bySource.set(id, next);
  // Outlines drawn or imported by a planner (a scenario's parks) can hold many thousands of
  // vertices: asked for, those go as text, which MapLibre's worker reads itself, instead of
  // being walked on the page. The analysis' own shapes, simplified and of bounded size, reach
  // the map sooner as objects (the text's fetch and parse in the worker cost more). If that fails the source keeps its old data: forget what it was given, so that setting the
  // same collection again retries, and report it as the map's own errors are reported.
  giveCollection(source, next, longOutlinesAsText).catch((error: unknown) => {
    if (bySource.get(id) === next) bySource.set(id, NOT_GIVEN);
    map.fire('error', { error: error instanceof Error ? error : new Error(String(error)) });
  });
  changedAt.set(map, performance.now());
  return true;
}

/** When setSourceData last changed one of the map's sources (performance.now), or null. */
export const lastSourceChange = (map: MapLibreMap): number | null => changedAt.get(map) ?? null;
