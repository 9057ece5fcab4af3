import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { bboxesOverlap, intersection } from '../../src/analysis/area_operations';
import {
  DEFAULT_COVERAGE_PARAMETERS,
  type PreparedCoverage,
  indicatorCoverage,
  parkFacilities,
  prepareCoverage,
} from '../../src/analysis/coverage_report';
import { serviceArea } from '../../src/analysis/service_area';
import { prepareCoverageWithFile } from '../../src/analysis/shipped_prepared';
import type { BenchCase } from './cases';

type Areal = Feature<Polygon | MultiPolygon>;

/** The app's method: the share of residential land the parks serve, whole area. */
export function rowMethodShare(prepared: PreparedCoverage, data: BenchCase): number {
  const rows = indicatorCoverage(prepared, parkFacilities(data.parks, DEFAULT_COVERAGE_PARAMETERS));
  return rows[rows.length - 1]!.share!;
}

/** Residential land clipped to the units — given to the naive method ready-made. */
export function residentialInUnits(data: BenchCase): Areal[] {
  const pieces: Areal[] = [];
  for (const unit of data.subdistricts.features as Areal[]) {
    const box = turf.bbox(unit);
    for (const block of data.residential.features as Areal[]) {
      if (!bboxesOverlap(turf.bbox(block), box)) continue;
      const piece = intersection(block, unit);
      if (piece) pieces.push(piece);
    }
  }
  return pieces;
}

/** The naive method: Turf-buffer every park, union them all, intersect with the land. */
export function naiveShare(pieces: Areal[], data: BenchCase): number {
  const buffers = parkFacilities(data.parks, DEFAULT_COVERAGE_PARAMETERS).map((f) =>
    serviceArea(turf.feature(f.geometry), f.radiusM),
  );
  const served = turf.union(turf.featureCollection(buffers)) as Areal;
  let land = 0;
  let covered = 0;
  for (const piece of pieces) {
    land += turf.area(piece);
    const part = intersection(piece, served);
    if (part) covered += turf.area(part);
  }
  return covered / land;
}

/**
 * Cold against warm in a context where nothing has run the analysis before: the time to
 * prepare the residential rows, the first whole-area park coverage, then the median of
 * `warmRuns` warm runs (after two not counted).
 */
export function coldAndWarmTimes(data: BenchCase, warmRuns: number) {
  const start = performance.now();
  const prepared = prepareCoverage(data);
  return firstAndWarmTimes(data, warmRuns, prepared, performance.now() - start);
}

/**
 * `coldAndWarmTimes` as the app's worker prepares the rows: reading the shipped prepared-rows
 * file (`readFile`), its gate and the digest of the layers all count in the preparing. With
 * `changed`, the layers are not the shipped ones (one block moved, as by an edit): the file is
 * read and refused, and the rows prepared from the layers.
 */
export async function coldAndWarmTimesWithFile(
  data: BenchCase,
  warmRuns: number,
  readFile: () => ArrayBuffer | Promise<ArrayBuffer>,
  changed: boolean,
) {
  const start = performance.now();
  const { prepared, fileRefused } = await prepareCoverageWithFile(data, await readFile());
  const prepareMs = performance.now() - start;
  if ((fileRefused === null) === changed) {
    throw new Error(
      `prepared rows ${changed ? 'used for changed layers' : `refused: ${fileRefused}`}`,
    );
  }
  return firstAndWarmTimes(data, warmRuns, prepared, prepareMs);
}

/** The shipped layers with one block's vertex moved by 10⁻⁹° (about 0.1 mm), as by an edit. */
export function withOneBlockMoved(data: BenchCase): BenchCase {
  const residential = structuredClone(data.residential);
  const geometry = residential.features[0]!.geometry as Polygon | MultiPolygon;
  const ring = (geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates[0]!)[0]!;
  ring[1] = [ring[1]![0]! + 1e-9, ring[1]![1]!];
  return { ...data, residential };
}

function firstAndWarmTimes(
  data: BenchCase,
  warmRuns: number,
  prepared: PreparedCoverage,
  prepareMs: number,
) {
  let start = performance.now();
  rowMethodShare(prepared, data);
  const firstMs = performance.now() - start;
  const runs: number[] = [];
  for (let i = 0; i < warmRuns + 2; i++) {
    start = performance.now();
    rowMethodShare(prepared, data);
    if (i >= 2) runs.push(performance.now() - start);
  }
  const warmMs = [...runs].sort((a, b) => a - b)[runs.length >> 1]!;
  return { prepareMs, firstMs, warmMs };
}
