import type { FeatureCollection } from 'geojson';
import {
  type GeoJSONSource,
  type LayerSpecification,
  type Map as MapLibreMap,
  type SourceSpecification,
  type VectorTileSource,
  addProtocol,
} from 'maplibre-gl';
import type { LayerTextPart } from '../data/layer_text';
import { POINT_TILES_LAYER, POINT_TILES_MAX_ZOOM, pointChunksOf } from '../data/point_tiles';
import { MAP_FEATURE_PROPERTIES } from '../layers/catalog';
import { dropPointLayer, loadPointLayer, pointTile } from '../worker/point_tiles_client';

/*
 * A large layer of points is drawn from vector tiles made by the point tiles worker (see
 * src/data/point_tiles.ts) and asked for by a URL scheme of the app's own; every other layer
 * from its GeoJSON source. The map asks for a tile by URL, the page relays it to the worker.
 */

const SCHEME = 'huitian-points';
const TILE_URL = /^huitian-points:\/\/(\d+)\/(\d+)\/(\d+)\/(\d+)$/;

let nextKey = 1;
// The worker's copy of a layer goes with the collection it was made from.
const forget = new FinalizationRegistry<number>((key) => void dropPointLayer(key));

let schemeAdded = false;
function addScheme(): void {
  if (schemeAdded) return;
  schemeAdded = true;
  addProtocol(SCHEME, async ({ url }) => {
    const match = TILE_URL.exec(url);
    if (!match) throw new Error(`not a tile of points: ${url}`);
    const [key, z, x, y] = match.slice(1).map(Number) as [number, number, number, number];
    return { data: await pointTile(key, z, x, y) };
  });
}

/** A layer's point tiles: their URL template, and when the worker has its points. */
export interface PointTilesOf {
  url: string;
  loaded: Promise<unknown>;
}

const tilesOf = new WeakMap<FeatureCollection, PointTilesOf>();

/**
 * The point tiles of a collection made of these parts, or null when one of its features is
 * not a point: loaded into the worker once per collection, for every map that draws it, with
 * the properties the map reads. The URL can be used at once: the worker answers in order, so
 * the map's first tiles are made as soon as the points are in.
 */
export function pointTiles(
  collection: FeatureCollection,
  parts: readonly LayerTextPart[],
): PointTilesOf | null {
  let tiles = tilesOf.get(collection);
  if (!tiles) {
    const chunks = pointChunksOf(parts);
    if (!chunks) return null;
    addScheme();
    const key = nextKey++;
    const loaded = loadPointLayer(key, chunks, MAP_FEATURE_PROPERTIES);
    loaded.catch(() => {
      tilesOf.delete(collection);
      void dropPointLayer(key);
    });
    forget.register(collection, key);
    tilesOf.set(collection, (tiles = { url: `${SCHEME}://${key}/{z}/{x}/{y}`, loaded }));
  }
  return tiles;
}

/** Draws the layer of source `id` from point tiles at `url` (a template from `pointTiles`). */
export function drawFromPointTiles(map: MapLibreMap, id: string, url: string): void {
  const source = map.getSource(id);
  if (source?.type === 'vector') {
    const vector = source as VectorTileSource;
    if (vector.tiles?.[0] !== url) vector.setTiles([url]);
    return;
  }
  replaceSource(
    map,
    id,
    { type: 'vector', tiles: [url], maxzoom: POINT_TILES_MAX_ZOOM, promoteId: 'id' },
    POINT_TILES_LAYER,
  );
}

/** The GeoJSON source `id`, made again in place of point tiles when it was drawn from those. */
export function geoJsonSource(map: MapLibreMap, id: string): GeoJSONSource | undefined {
  if (map.getSource(id)?.type === 'vector') {
    const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
    replaceSource(map, id, { type: 'geojson', data: empty, promoteId: 'id' }, undefined);
  }
  return map.getSource<GeoJSONSource>(id);
}

/**
 * Puts another source under an id: the style layers drawing it are taken off and put back in
 * the same places, with their paint, layout and visibility, reading `sourceLayer` of it.
 */
function replaceSource(
  map: MapLibreMap,
  id: string,
  spec: SourceSpecification,
  sourceLayer: string | undefined,
): void {
  const order = map.getLayersOrder();
  const drawing = new Set(order.filter((layer) => map.getLayer(layer)?.source === id));
  const kept = order
    .filter((layer) => drawing.has(layer))
    .map((layer) => {
      const spec = { ...(map.getLayer(layer)!.serialize() as Record<string, unknown>) };
      if (sourceLayer) spec['source-layer'] = sourceLayer;
      else delete spec['source-layer'];
      const after = order.slice(order.indexOf(layer) + 1).find((l) => !drawing.has(l));
      return { spec: spec as LayerSpecification, before: after };
    });
  for (const layer of drawing) map.removeLayer(layer);
  map.removeSource(id);
  map.addSource(id, spec);
  for (const { spec: layer, before } of kept) map.addLayer(layer, before);
}
