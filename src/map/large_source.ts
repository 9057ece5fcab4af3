import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { collectionSummary } from '../data/feature_summary';
import { LARGE_LAYER, featureCount, layerTextParts } from '../data/layer_text';
import type { LayerData } from '../data/load';
import { CLUSTER_MAX_ZOOM } from '../data/point_tiles';
import { MAP_FEATURE_PROPERTIES } from '../layers/catalog';
import { layerTextBlob } from '../worker/layer_text_client';
import { workersReadBlobs } from './map_workers';
import { drawFromPointTiles, geoJsonSource, pointTiles } from './point_tile_source';

/*
 * A layer with more than LARGE_LAYER features is given to the map as bytes by a blob URL
 * (see `featuresBytes`), written in a worker from the compact form its imports are kept in:
 * MapLibre's worker then reads it itself. Given as objects, MapLibre walks every one on the page's thread to
 * send them to its worker: seconds in one task for 200,000 car parks. The bytes carry only
 * the properties the map reads (MAP_FEATURE_PROPERTIES); the rest stay in the app's data.
 */

const byText = (collection: FeatureCollection) =>
  featureCount(collection) > LARGE_LAYER ? layerTextParts(collection) : undefined;

/**
 * Positions past which a layer of few features is given as text too, written here: MapLibre's
 * walk over a scenario's park of 99,000 vertices took 0.18 s of the page's thread, against
 * about 15 ms for JSON.stringify.
 */
const LONG_OUTLINES = 10_000;

function positionCount(collection: FeatureCollection, stopAt: number): number {
  let n = 0;
  const add = (c: unknown): void => {
    if (n > stopAt || !Array.isArray(c)) return;
    if (typeof c[0] === 'number') n++;
    else for (const inner of c) add(inner);
  };
  for (const feature of collection.features) {
    const geometry = feature.geometry;
    if (geometry && 'coordinates' in geometry) add(geometry.coordinates);
    if (n > stopAt) break;
  }
  return n;
}

const hasLongOutlines = (collection: FeatureCollection) =>
  positionCount(collection, LONG_OUTLINES) > LONG_OUTLINES;

/** The data the map's style starts with: large layers empty, given afterwards by `giveLayer`. */
export function withoutLargeLayers(data: LayerData): LayerData {
  const layers = { ...data.layers };
  for (const id of Object.keys(layers) as (keyof typeof layers)[]) {
    if (byText(layers[id])) layers[id] = { type: 'FeatureCollection', features: [] };
  }
  return { ...data, layers };
}

/**
 * A large layer of points drawn from its GeoJSON (when its point tiles could not be made) is
 * clustered as the tiles are: 200,000 circles at once cost every frame seconds without a GPU.
 */
const CLUSTER_RADIUS_PX = 40;
const clustered = new WeakMap<GeoJSONSource, boolean>();

function setClustered(source: GeoJSONSource, cluster: boolean) {
  if ((clustered.get(source) ?? false) === cluster) return;
  clustered.set(source, cluster);
  // Applied to the data the source holds now, before the new data is sent.
  void source.setClusterOptions({
    cluster,
    clusterMaxZoom: CLUSTER_MAX_ZOOM,
    clusterRadius: CLUSTER_RADIUS_PX,
  });
}

const latestCalls = new WeakMap<MapLibreMap | GeoJSONSource, Map<string, number>>();
let calls = 0;

/** Marks a call as the newest for a source; the answer tells whether it still is. */
function newestCall(owner: MapLibreMap | GeoJSONSource, id: string): () => boolean {
  const call = ++calls;
  let latest = latestCalls.get(owner);
  if (!latest) latestCalls.set(owner, (latest = new Map()));
  latest.set(id, call);
  return () => latest.get(id) === call;
}

/**
 * Gives the map's source `id` a layer's features; resolves true once the map's worker has
 * them (or, for a large layer of points, the tiles it asks for can be made), false when a
 * newer call for the same source replaced this one first.
 */
export async function giveLayer(
  map: MapLibreMap,
  id: string,
  collection: FeatureCollection,
): Promise<boolean> {
  const current = newestCall(map, id);
  const parts = byText(collection);
  const points = parts !== undefined && collectionSummary(collection).allPoints;
  if (points) {
    const tiles = pointTiles(collection, parts);
    if (tiles) {
      drawFromPointTiles(map, id, tiles.url);
      const loaded = await tiles.loaded.then(
        () => true,
        () => false,
      );
      performance.mark(`map:source-text:${id}`);
      if (loaded || !current()) return loaded && current();
      // The tiles could not be made: the layer's GeoJSON, clustered by MapLibre, as below.
    }
  }
  let blob: Blob | null = null;
  if (parts) {
    const bytes = await workersReadBlobs();
    blob = await layerTextBlob(parts, MAP_FEATURE_PROPERTIES, !bytes).catch(() => null);
    performance.mark(`map:source-text:${id}`);
  } else if (hasLongOutlines(collection)) {
    blob = await longOutlinesText(collection);
  }
  if (!current()) return false;
  const source = geoJsonSource(map, id);
  if (!source) return false;
  setClustered(source, points);
  return blob ? giveText(source, blob, current) : giveObjects(source, collection, current);
}

/**
 * Gives a source of few features (the overlays: a scenario's edits, what it changes) its
 * collection, as text when asked to and its outlines are long; resolves as `giveLayer` does.
 * Otherwise the collection is given at once, before this returns.
 */
export async function giveCollection(
  source: GeoJSONSource,
  collection: FeatureCollection,
  longOutlinesAsText = false,
): Promise<boolean> {
  const current = newestCall(source, '');
  if (!longOutlinesAsText || !hasLongOutlines(collection)) {
    return giveObjects(source, collection, current);
  }
  const blob = await longOutlinesText(collection);
  return current() ? giveText(source, blob, current) : false;
}

async function longOutlinesText(collection: FeatureCollection): Promise<Blob> {
  const blob = new Blob([JSON.stringify(collection)], { type: 'application/json' });
  await workersReadBlobs();
  return blob;
}

async function giveObjects(
  source: GeoJSONSource,
  collection: FeatureCollection,
  current: () => boolean,
): Promise<boolean> {
  await source.setData(collection);
  return current();
}

async function giveText(
  source: GeoJSONSource,
  blob: Blob,
  current: () => boolean,
): Promise<boolean> {
  const url = URL.createObjectURL(blob);
  try {
    await source.setData(url);
  } finally {
    URL.revokeObjectURL(url);
  }
  return current();
}
