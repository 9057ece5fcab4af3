import type { Feature } from 'geojson';
import { readGeometry } from '../import/geometry';
import { geometryProblems } from './check';
import { type CompactChunk, decodeChunk } from './compact_features';
import { type FeatureSummary, addToSummary, emptySummary } from './feature_summary';
import type { ImportLayer } from './imported_data';
import { LIMITS, countPositions } from './limits';
import type { AppFeature } from './schema';
import { validateFeatureProperties } from './schema';
import { isRecord } from './saved_work_store';

/**
 * One stored chunk through the restore gate's checks on its own, without what came before it:
 * what it found is a verdict that the gate reads in the record's order (see
 * `checkImportRecord`), which adds the limits over the whole record. A chunk can so be checked
 * by another thread than the one reading the record, in any order.
 */
export type ChunkVerdict =
  | { damaged: string }
  | {
      /** Positions in each feature, in order, up to the first over a limit. */
      vertices: Int32Array;
      /** A feature with more positions than one feature may have: the chunk's check stopped. */
      overFeature?: { index: number; found: number };
      /** More positions than the budget given: the chunk's check stopped at this feature. */
      overBudget?: true;
      /** The first feature that fails the import's checks. */
      problem?: { index: number; text: string };
      summary: FeatureSummary;
    };

/**
 * Decodes and checks one chunk of `layer`, counting at most `budget` positions in all (the
 * positions a file may still hold, where the record's own count is known): past it the chunk's
 * check stops, so that no thread ever checks more than a file may hold. The features are given
 * to `passed` when every one of them passed.
 */
export function checkChunk(
  layer: ImportLayer,
  chunk: CompactChunk,
  budget: number,
  passed?: (features: readonly AppFeature[]) => void,
): ChunkVerdict {
  let decoded: Feature[];
  try {
    decoded = decodeChunk(chunk);
  } catch (error) {
    return { damaged: (error as Error).message };
  }
  const vertices = new Int32Array(decoded.length);
  const summary = emptySummary();
  let counted = 0;
  for (let i = 0; i < decoded.length; i++) {
    const n = countPositions(decoded[i]?.geometry, LIMITS.verticesPerFeature);
    if (n > LIMITS.verticesPerFeature) {
      return { vertices: vertices.subarray(0, i), overFeature: { index: i, found: n }, summary };
    }
    vertices[i] = n;
    counted += n;
    if (counted > budget)
      return { vertices: vertices.subarray(0, i + 1), overBudget: true, summary };
  }
  for (let i = 0; i < decoded.length; i++) {
    const text = restoredFeatureProblem(layer, decoded[i]);
    if (text) return { vertices, problem: { index: i, text }, summary };
  }
  addToSummary(summary, decoded);
  passed?.(decoded as AppFeature[]);
  return { vertices, summary };
}

/** What an imported feature must be to be used again: the checks the import made. */
function restoredFeatureProblem(layer: ImportLayer, feature: AppFeature | unknown): string | null {
  const f = feature as AppFeature;
  if (!isRecord(f.properties)) return 'no properties';
  if (!(layer !== 'residential' && isPlainPoint(f.geometry))) {
    const geometry = readGeometry(f.geometry, layer);
    if (!geometry.ok) return `${geometry.code}${geometry.detail ? ` (${geometry.detail})` : ''}`;
  }
  const problems = geometryProblems(f);
  const schema = validateFeatureProperties(layer, f);
  if (problems.length === 0 && schema.length === 0) return null;
  return [...problems, ...schema].join('; ');
}

/**
 * A Point that `readGeometry` would take as it is (on a layer that takes points): checked
 * here without the copy it makes, since a restore checks every one of 200,000 car parks.
 */
function isPlainPoint(geometry: unknown): boolean {
  if (typeof geometry !== 'object' || geometry === null || Array.isArray(geometry)) return false;
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (type !== 'Point' || !Array.isArray(coordinates) || coordinates.length < 2) return false;
  const [x, y] = coordinates as unknown[];
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y);
}
