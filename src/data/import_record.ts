import { type ChunkVerdict, checkChunk } from './chunk_check';
import type { CompactChunk, CompactFeatures } from './compact_features';
import { type FeatureSummary, mergeSummaries } from './feature_summary';
import { IMPORT_LAYERS, type ImportLayer, type ImportedDataset } from './imported_data';
import type { AppFeature } from './schema';
import { LIMITS, exceeds, limitMessageBoth } from './limits';
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
  helper?: ChunkHelper,
): Promise<RecordRead<CheckedDataset[]>> {
  let value: unknown;
  try {
    value = await storeGet(key);
  } catch (error) {
    return skippedImport(key, key, `unreadable: ${String(error)}`);
  }
  if (value === undefined) return { ok: true, value: [] };
  return checkImportRecord(key, value, pause, onChecked, helper, () => storeGet(key));
}

/**
 * Called with each chunk once its features passed, by the index of the dataset they belong
 * to (in the order of the answer), with the features decoded and the chunk as kept (only
 * the fields a chunk has). A chunk a helper checked comes without its features, with the bytes
 * it wrote of them (see `ChunkHelper`). A record can still be skipped after some of its chunks
 * passed: what the listener kept of it must then be dropped.
 */
export type CheckedChunkListener = (
  dataset: number,
  features: readonly AppFeature[] | null,
  chunk: CompactChunk,
  written?: Uint8Array<ArrayBuffer>[],
) => void;

/**
 * Another thread that checks the later part of a record's chunks while the gate checks the
 * earlier (src/worker/chunk_check.worker.ts). The chunks handed over are moved to it, not
 * copied (a copy of half of 200,000 car parks cost more than the helper saved), and come back
 * with its verdict on each, which the gate reads in the record's order. A helper that fails
 * gives none back: the gate then reads the record again and checks the rest itself.
 */
export interface ChunkHelper {
  /**
   * Moves the later chunks to the helper and answers the index of the first one moved (the
   * number of chunks when none was).
   */
  handOver(chunks: readonly { layer: ImportLayer; chunk: CompactChunk }[]): number;
  /** A chunk handed over, back, with the verdict on it (if the helper checked it); null if lost. */
  back(index: number): Promise<HelperReturn | null>;
  /** Nothing more is needed from it. */
  stop(): void;
}

export interface HelperReturn {
  chunk: CompactChunk;
  /** None when the helper left the chunk to the gate (past its budget of positions). */
  verdict?: ChunkVerdict;
  /** The map's bytes of the chunk's features, when asked for and written. */
  written?: Uint8Array<ArrayBuffer>[];
}

/**
 * A stored value through the gate, decoded and checked a chunk at a time (see `checkChunk`),
 * with `pause` awaited between chunks (to yield to the page when run there, and to let a
 * helper's verdicts in).
 */
export async function checkImportRecord(
  key: string,
  value: unknown,
  pause: () => Promise<void> | void = () => {},
  onChecked?: CheckedChunkListener,
  helper?: ChunkHelper,
  /** The record read again from storage, should the helper fail with chunks handed over. */
  reread?: () => Promise<unknown>,
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
  const parts = recordParts(record.layers as unknown[]);
  if (typeof parts === 'string') return skip(parts);
  // The limits an import was held to, over all of the record's layers: the feature count its
  // chunks declare (decoding holds each chunk to it) before any work, then as chunks decode.
  const tooMany = exceeds('featuresPerImport', declaredFeatures(record.layers as unknown[]));
  if (tooMany) return skip(limitMessageBoth(tooMany));
  let chunks = flatChunks(parts);
  const handedOver = helper?.handOver(chunks) ?? chunks.length;
  try {
    const kept: CompactChunk[][] = parts.map(() => []);
    const summaries: FeatureSummary[][] = parts.map(() => []);
    const counts = parts.map(() => 0);
    let vertices = 0;
    let helperLost = false;
    for (let i = 0; i < chunks.length; i++) {
      const { layer, dataset } = chunks[i]!;
      let chunk = chunks[i]!.chunk;
      let back: HelperReturn | null = null;
      if (i >= handedOver && !helperLost) {
        back = await helper!.back(i);
        if (back) chunk = back.chunk;
        else {
          // The helper failed with the chunks: the rest as stored, checked here.
          helperLost = true;
          const again = reread ? await reread().catch(() => undefined) : undefined;
          const layers = isRecord(again) && Array.isArray(again.layers) ? again.layers : [];
          const parts = recordParts(layers as unknown[]);
          const rest = typeof parts === 'string' ? null : sameChunks(chunks, flatChunks(parts), i);
          if (!rest) return skip('unreadable: the record could not be read again');
          chunks = rest;
          chunk = chunks[i]!.chunk;
        }
      }
      let features: readonly AppFeature[] | null = null;
      const verdict =
        back?.verdict ??
        checkChunk(layer, chunk, LIMITS.verticesPerFile - vertices, (f) => (features = f));
      if ('damaged' in verdict) return skip(`damaged features: ${verdict.damaged}`);
      for (const n of verdict.vertices) {
        vertices += n;
        if (vertices > LIMITS.verticesPerFile) {
          const limit = { limit: 'verticesPerFile' as const, found: vertices, stoppedEarly: true };
          return skip(limitMessageBoth(limit));
        }
      }
      const number = (index: number) => `feature ${counts[dataset]! + index + 1}`;
      if (verdict.overFeature) {
        const { index, found } = verdict.overFeature;
        const limit = { limit: 'verticesPerFeature' as const, found, stoppedEarly: true };
        return skip(`${number(index)}: ${limitMessageBoth(limit)}`);
      }
      if (verdict.problem) return skip(`${number(verdict.problem.index)}: ${verdict.problem.text}`);
      counts[dataset]! += chunk.count;
      summaries[dataset]!.push(verdict.summary);
      kept[dataset]!.push(chunk);
      onChecked?.(dataset, features, keptChunk(chunk), back?.written);
      await pause();
    }
    return {
      ok: true,
      value: parts.map(({ layer }, dataset) => ({
        id: record.id as string,
        fileName: record.fileName as string,
        layer,
        mode: record.mode as ImportedDataset['mode'],
        crs: record.crs as ImportedDataset['crs'],
        importedAt: record.importedAt as string,
        // Checked above, chunk by chunk; its count is what the chunks hold.
        compact: { chunks: kept[dataset]!, count: counts[dataset]! },
        summary: mergeSummaries(summaries[dataset]!),
      })),
    };
  } finally {
    helper?.stop();
  }
}

type RecordPart = { layer: ImportLayer; chunks: CompactChunk[] };
type FlatChunks = { layer: ImportLayer; chunk: CompactChunk; dataset: number }[];

/** A record's layers with their chunks, or why they are not an import's. */
function recordParts(layers: readonly unknown[]): RecordPart[] | string {
  const parts: RecordPart[] = [];
  for (const part of layers) {
    const layer = isRecord(part) ? part.layer : undefined;
    const compact = isRecord(part) ? part.features : undefined;
    if (!(IMPORT_LAYERS as readonly unknown[]).includes(layer) || !isRecord(compact)) {
      return 'unknown layer';
    }
    if (!Array.isArray(compact.chunks)) return 'no features';
    parts.push({ layer: layer as ImportLayer, chunks: compact.chunks as CompactChunk[] });
  }
  return parts;
}

/** The chunks of all layers, in order, each with its layer and the index of its dataset. */
const flatChunks = (parts: readonly RecordPart[]): FlatChunks =>
  parts.flatMap(({ layer, chunks }, dataset) => chunks.map((chunk) => ({ layer, chunk, dataset })));

/**
 * The chunks read again, when they are the ones read first (as many, on the same layers, each
 * declaring as many features), with the first `from` as already checked.
 */
function sameChunks(first: FlatChunks, again: FlatChunks, from: number): FlatChunks | null {
  if (again.length !== first.length) return null;
  const same = first.every(
    (c, i) =>
      c.layer === again[i]!.layer &&
      c.dataset === again[i]!.dataset &&
      c.chunk.count === (again[i]!.chunk as Partial<CompactChunk> | null)?.count,
  );
  return same ? [...first.slice(0, from), ...again.slice(from)] : null;
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
