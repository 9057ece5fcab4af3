/**
 * Parking figures for a planner's folder of car parks: the share of residential land within
 * the parking radius of one, and each block's distance to the nearest. 30,000 and 300,000 car
 * parks generated over the area's box from a fixed seed (as the big-import case generates
 * them), timed in one run; the line ends with how the time grows for 10× the car parks.
 */
import type { Feature, Point } from 'geojson';
import {
  DEFAULT_COVERAGE_PARAMETERS,
  parkingFigures,
  prepareCoverage,
} from '../../src/analysis/coverage_report';
import type { AppFeatureCollection } from '../../src/data/schema';
import { loadBenchCase } from './cases';
import { seededRandom } from './seeded_random';

/** Car parks spread over the area's box, the same for every run. */
export function generatedCarParks(count: number): AppFeatureCollection {
  const random = seededRandom(12345);
  const features: Feature<Point>[] = [];
  for (let i = 0; i < count; i++) {
    features.push({
      type: 'Feature',
      properties: { id: `停车场${i}` },
      geometry: { type: 'Point', coordinates: [116.28 + 0.17 * random(), 40.03 + 0.09 * random()] },
    });
  }
  return { type: 'FeatureCollection', features } as AppFeatureCollection;
}

export function benchCarParks(dataDir: string): string[] {
  const prepared = prepareCoverage(loadBenchCase('real', dataDir));
  const radiusM = DEFAULT_COVERAGE_PARAMETERS.parkingRadiusMeters;
  const time = (count: number) => {
    const carParks = generatedCarParks(count);
    const start = performance.now();
    parkingFigures(prepared, { carParks, knownExtents: {} }, radiusM);
    return performance.now() - start;
  };
  time(3_000); // warms the engine, so that both counts are measured alike
  const small = time(30_000);
  const large = time(300_000);
  return [
    `car parks: parking figures (${radiusM} m) for generated car parks — 30,000 in ${(small / 1000).toFixed(2)} s, 300,000 in ${(large / 1000).toFixed(2)} s; 10× the car parks takes ${(large / small).toFixed(1)}× the time`,
  ];
}
