import { readGeometry } from '../import/geometry';
import { geometryProblems } from './check';
import { type CompactChunk, type CompactFeatures, decodeChunk } from './compact_features';
import { addToSummary, emptySummary } from './feature_summary';
import { IMPORT_LAYERS, type ImportLayer, type ImportedDataset } from './imported_data';
import type { AppFeature } from './schema';
import { validateFeatureProperties } from './schema';
import { exceeds, vertexLimitCounter, limitMessageBoth } from './limits';
import {
  IMPORT_PREFIX,
  type RecordRead,
  importKey,
  isRecord,
  storeGet,
  textOr,
} from './saved_work_store';

/**
 * The restore gate for import records: a stored import is used again only if every feature
 * passes the checks the import made. It runs in a worker (src/worker/import_record.worker.ts)
 * so that the page's thread never decodes or checks a record; the page gets the datasets
 * with their features still in the compact form they were stored in, already checked.
 */

/**
 * A dataset of an import record that passed the gate, its features compact, with the summary
 * of them the gate worked out as it checked them (never one read from storage).
 */
export type CheckedDataset = Omit<ImportedDataset, 'features' | 'compact' | 'summary'> & {
  compact: CompactFeatures;
  summary: NonNullable<ImportedDataset['summary']>;
};

/** One import record read from storage and through the gate; no datasets when it is gone. */
export async function readCheckedImport(
  key: string,
  pause: () => Promise<void> | void = () => {},
  onChecked?: CheckedChunkListener,
): Promise<RecordRead<CheckedDataset[]>> {
  let value: unknown;
  try {
    value = await storeGet(key);
  } catch (error) {
    return skippedImport(key, key, `unreadable: ${String(error)}`);
  }
  if (value === undefined) return { ok: true, value: [] };
  return checkImportRecord(key, value, pause, onChecked);
}

/**
 * Called with each chunk once its features passed, by the index of the dataset they belong
 * to (in the order of the answer), with the features decoded and the chunk as kept (only
 * the fields a chunk has). A record can still be skipped after some of its chunks passed:
 * what the listener kept of it must then be dropped.
 */
export type CheckedChunkListener = (
  dataset: number,
  features: readonly AppFeature[],
  chunk: CompactChunk,
) => void;

/**
 * A stored value through the gate, decoded and checked a chunk at a time, with `pause`
 * awaited between chunks (to yield to the page when run there).
 */
export async function checkImportRecord(
  key: string,
  value: unknown,
  pause: () => Promise<void> | void = () => {},
  onChecked?: CheckedChunkListener,
): Promise<RecordRead<CheckedDataset[]>> {
  const record = isRecord(value) ? value : {};
  const name = textOr(record.fileName, key.slice(IMPORT_PREFIX.length));
  const skip = (reason: string) => skippedImport(key, name, reason);
  if (
    typeof record.id !== 'string' ||
    importKey(record.id) !== key ||
    typeof record.fileName !== 'string' ||
    (record.mode !== 'add' && record.mode !== 'replace') ||
    !['WGS-84', 'GCJ-02', 'BD-09'].includes(record.crs as string) ||
    typeof record.importedAt !== 'string' ||
    !Array.isArray(record.layers) ||
    record.layers.length === 0
  ) {
    return skip('not an import record');
  }
  const datasets: CheckedDataset[] = [];
  // The limits an import was held to, over all of the record's layers: the feature count its
  // chunks declare (decoding holds each chunk to it) before any work, then as chunks decode.
  const tooMany = exceeds('featuresPerImport', declaredFeatures(record.layers as unknown[]));
  if (tooMany) return skip(limitMessageBoth(tooMany));
  const overLimit = vertexLimitCounter();
  for (const part of record.layers as unknown[]) {
    const layer = isRecord(part) ? part.layer : undefined;
    const compact = isRecord(part) ? part.features : undefined;
    if (!(IMPORT_LAYERS as readonly unknown[]).includes(layer) || !isRecord(compact)) {
      return skip('unknown layer');
    }
    if (!Array.isArray(compact.chunks)) return skip('no features');
    let count = 0;
    const summary = emptySummary();
    for (const chunk of compact.chunks as unknown[]) {
      let decoded;
      try {
        decoded = decodeChunk(chunk as never);
      } catch (error) {
        return skip(`damaged features: ${(error as Error).message}`);
      }
      const over = overLimit(decoded);
      if (over) {
        const { batchIndex, ...limit } = over;
        const where = batchIndex === undefined ? '' : `feature ${count + batchIndex + 1}: `;
        return skip(`${where}${limitMessageBoth(limit)}`);
      }
      for (const feature of decoded) {
        const problem = restoredFeatureProblem(layer as ImportLayer, feature);
        if (problem) return skip(`feature ${count + 1}: ${problem}`);
        count++;
      }
      addToSummary(summary, decoded);
      onChecked?.(datasets.length, decoded as AppFeature[], keptChunk(chunk as CompactChunk));
      await pause();
    }
    datasets.push({
      id: record.id,
      fileName: record.fileName,
      layer: layer as ImportLayer,
      mode: record.mode,
      crs: record.crs as ImportedDataset['crs'],
      importedAt: record.importedAt,
      // Checked above, chunk by chunk; its count is what the chunks hold.
      compact: { chunks: compact.chunks as CompactFeatures['chunks'], count },
      summary,
    });
  }
  return { ok: true, value: datasets };
}

/** A chunk that decoded, with only the fields a chunk has. */
function keptChunk({ count, properties, points, geometries }: CompactChunk): CompactChunk {
  return {
    count,
    properties,
    ...(points !== undefined ? { points } : {}),
    ...(geometries !== undefined ? { geometries } : {}),
  };
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

export function skippedImport(key: string, name: string, reason: string): RecordRead<never> {
  return { ok: false, skipped: { key, kind: 'import', name, reason } };
}

/** The features a record's chunks say they hold, all layers together. */
function declaredFeatures(layers: unknown[]): number {
  let total = 0;
  for (const part of layers) {
    const chunks = isRecord(part) && isRecord(part.features) ? part.features.chunks : undefined;
    if (!Array.isArray(chunks)) continue;
    for (const chunk of chunks as unknown[]) {
      const count = isRecord(chunk) ? chunk.count : undefined;
      if (typeof count === 'number' && Number.isFinite(count) && count > 0) total += count;
    }
  }
  return total;
}
