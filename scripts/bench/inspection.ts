import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FACILITY_GROUPS,
  type FacilityIndex,
  createFacilityIndex,
  linearScan,
} from '../../src/analysis/facility_index';
import { inspectPoint } from '../../src/analysis/inspection';
import { sinusoidalProjection } from '../../src/analysis/local_projection';
import { type LayerId, layerFileName } from '../../src/data/layers';
import { asLayer } from '../../src/data/load';
import { TILING, tiled } from './cases';

const FACILITY_LAYERS: LayerId[] = [
  'parks',
  'schools',
  'healthcare',
  'metro-stations',
  'greenways',
];
const INSPECTIONS = 10_000;
const RADIUS_M = 500;

/** Scan every facility for the same answers inspectPoint gives from the index. */
function inspectByScan(index: FacilityIndex, lonLat: [number, number], radiusM: number) {
  const xy = index.projection.forward(lonLat);
  let found = 0;
  for (const group of FACILITY_GROUPS) {
    const within = linearScan.within(index, group, xy, radiusM);
    const nearest = within[0] ?? linearScan.nearest(index, group, xy);
    found += within.length + (nearest ? 1 : 0);
  }
  return found;
}

/**
 * 10,000 inspections (500 m circle, nearest of every kind) at random points over the data,
 * from the spatial index and by a linear scan, on the real data or its 10× copies.
 */
export function benchInspection(caseName: 'real' | '10x', dataDir: string): string {
  const [columns, rows] = TILING[caseName];
  const layers = Object.fromEntries(
    FACILITY_LAYERS.map((layer) => [
      layer,
      tiled(
        asLayer(layer, JSON.parse(readFileSync(join(dataDir, layerFileName(layer)), 'utf8'))),
        columns,
        rows,
      ),
    ]),
  );
  const west = 116.25;
  const south = 40.02;
  const spanLon = 0.2 + (columns - 1) * 0.22;
  const spanLat = 0.1 + (rows - 1) * 0.12;
  const index = createFacilityIndex(layers, sinusoidalProjection(west + spanLon / 2));
  let seed = 11;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const points = Array.from(
    { length: INSPECTIONS },
    () => [west + random() * spanLon, south + random() * spanLat] as [number, number],
  );
  const facilities = [...index.groups.values()].reduce((s, g) => s + g.facilities.length, 0);

  const time = (inspect: (p: [number, number]) => number) => {
    inspect(points[0]!); // warm
    const start = performance.now();
    let found = 0;
    for (const p of points) found += inspect(p);
    return { ms: performance.now() - start, found };
  };
  const indexed = time((p) => {
    const r = inspectPoint(index, p, RADIUS_M);
    return FACILITY_GROUPS.reduce((s, g) => s + r.within[g].length + (r.nearest[g] ? 1 : 0), 0);
  });
  const scan = time((p) => inspectByScan(index, p, RADIUS_M));
  if (indexed.found !== scan.found) throw new Error('index and scan disagree');
  const label = caseName === 'real' ? 'real data' : `10x synthetic (${columns}×${rows} copies)`;
  return `inspection, ${label}: ${facilities} facility entries, ${INSPECTIONS} points, ${RADIUS_M} m — index ${(indexed.ms / INSPECTIONS).toFixed(3)} ms per inspection, linear scan ${(scan.ms / INSPECTIONS).toFixed(3)} ms — ratio ${(scan.ms / indexed.ms).toFixed(0)}×`;
}
