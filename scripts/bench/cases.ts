import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, Position } from 'geojson';
import { type LayerId, layerFileName } from '../../src/data/layers';
import { asLayer } from '../../src/data/load';
import type { AppFeatureCollection } from '../../src/data/schema';

export interface BenchCase {
  label: string;
  subdistricts: AppFeatureCollection;
  residential: AppFeatureCollection;
  parks: AppFeatureCollection;
}

export type BenchCaseName = 'real' | '10x' | '100x';

/** Copies in a grid of the real area, side by side: 10× is 5 × 2 copies, 100× is 10 × 10. */
export const TILING: Record<BenchCaseName, [columns: number, rows: number]> = {
  real: [1, 1],
  '10x': [5, 2],
  '100x': [10, 10],
};

export function loadBenchCase(name: BenchCaseName, dataDir = 'public/geo'): BenchCase {
  const load = (layer: LayerId) =>
    asLayer(layer, JSON.parse(readFileSync(join(dataDir, layerFileName(layer)), 'utf8')));
  const [columns, rows] = TILING[name];
  const real = {
    subdistricts: load('subdistricts'),
    residential: load('residential'),
    parks: load('parks'),
  };
  const tile = (collection: AppFeatureCollection) => tiled(collection, columns, rows);
  return {
    label: name === 'real' ? 'real data' : `${name} synthetic (${columns}×${rows} copies)`,
    subdistricts: tile(real.subdistricts),
    residential: tile(real.residential),
    parks: tile(real.parks),
  };
}

// The real data spans about 0.21° of longitude and 0.11° of latitude with its extent.
const STEP_LON = 0.22;
const STEP_LAT = 0.12;

export function tiled(collection: AppFeatureCollection, columns: number, rows: number) {
  if (columns === 1 && rows === 1) return collection;
  const features: Feature[] = [];
  for (let i = 0; i < columns; i++) {
    for (let j = 0; j < rows; j++) {
      for (const feature of collection.features) {
        features.push({
          ...feature,
          properties: { ...feature.properties, id: `${String(feature.properties.id)}@${i},${j}` },
          geometry: shift(feature.geometry, i * STEP_LON, j * STEP_LAT),
        });
      }
    }
  }
  return { type: 'FeatureCollection', features } as AppFeatureCollection;
}

function shift<G extends Feature['geometry']>(geometry: G, dLon: number, dLat: number): G {
  const move = (c: unknown): unknown =>
    typeof (c as Position)[0] === 'number'
      ? [(c as Position)[0]! + dLon, (c as Position)[1]! + dLat]
      : (c as unknown[]).map(move);
  return {
    ...geometry,
    coordinates: move((geometry as { coordinates: unknown }).coordinates),
  } as G;
}
