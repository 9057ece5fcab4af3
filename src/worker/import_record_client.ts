import {
  type CompactChunk,
  type CompactFeatures,
  transferables,
  yieldToPage,
} from '../data/compact_features';
import { type CheckedDataset, readCheckedImport } from '../data/import_record';
import { setWrittenText } from '../data/layer_text';
import type { RecordRead } from '../data/saved_work_store';
import {
  type ImportRecord,
  type ImportRecordHead,
  type StoredScenarioChanges,
  deleteDamagedRecord,
  importKey,
  readScenario,
  scenarioKey,
  storeScenarioChanges,
} from '../data/saved_work';
import type { Scenario } from '../analysis/scenario';
import type { ScenarioChange } from '../analysis/scenario_change';
import type { AppFeature } from '../data/schema';
import { MAP_FEATURE_PROPERTIES } from '../layers/catalog';
import { chunkHelperChannel } from './chunk_check_client';
import { startPointTilesWorker } from './point_tiles_client';
import { workerRequests } from './worker_requests';

/**
 * `check`: one import record read and through the gate; with `keep`, the worker writes the
 * map's text of each chunk, with only those properties, as the chunk passes, and keeps the
 * texts until the next request (none for a dataset of points, drawn from point tiles).
 * `map-text`: those texts of each dataset of the record checked just before.
 */
export type ImportRecordRequest =
  | {
      id: number;
      kind: 'check';
      key: string;
      keep?: readonly string[];
      /** A port to the gate's helper (see src/worker/chunk_helper.ts), moved with the request. */
      helper?: MessagePort;
    }
  | { id: number; kind: 'map-text'; key: string; keep: readonly string[] }
  | { id: number; kind: 'scenario'; key: string }
  /** One import record written to storage, from chunks whose buffers were moved here. */
  | {
      id: number;
      kind: 'store-import';
      key: string;
      head: ImportRecordHead;
      layers: ImportRecord['layers'];
    }
  | {
      id: number;
      kind: 'change-scenario';
      key: string;
      scenarioId: string;
      local: Scenario | null;
      changes: readonly ScenarioChange[];
    }
  | { id: number; kind: 'remove-damaged'; key: string };
export type ImportRecordResponse =
  /** A chunk of a dataset whose features passed; more follow, then the answer. */
  | { id: number; dataset: number; chunk: CompactChunk }
  /** The answer to `check`: its datasets' chunks are the ones sent before it, in order. */
  | { id: number; read: RecordRead<CheckedDataset[]> }
  /** null: the record was not checked last, or did not pass. */
  | { id: number; texts: (Blob | null)[] | null }
  /** The answer to `scenario`: the record through the strict scenario reader. */
  | { id: number; scenario: RecordRead<Scenario | null> }
  /** The answer to `store-import`: true once stored, false when the browser refused. */
  | { id: number; stored: boolean }
  /** The answer to `change-scenario`: the scenario as now stored, or why nothing was. */
  | {
      id: number;
      changed: ({ ok: true } & StoredScenarioChanges) | { ok: false; reason: string };
    }
  /** The answer to `remove-damaged`: whether the record was deleted, or why nothing was. */
  | { id: number; removed: { ok: true; deleted: boolean } | { ok: false; reason: string } };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

const requestWorker = workerRequests<
  ImportRecordRequest,
  ImportRecordResponse,
  ImportRecordResponse
>(
  () => new Worker(new URL('./import_record.worker.ts', import.meta.url), { type: 'module' }),
  (response) => ('chunk' in response ? null : { value: response }),
) as (
  request: WithoutId<ImportRecordRequest>,
  onMessage?: (response: ImportRecordResponse) => void,
  transfer?: Transferable[],
) => Promise<ImportRecordResponse>;

/** Whether this page can run the restore gate in a worker (not in Node, say). */
const canCheckInWorker = () => typeof Worker !== 'undefined';

/** A dataset that passed the gate, with its features when they were built already. */
export type RestoredDataset = CheckedDataset & { features?: AppFeature[] };

/**
 * One import record read and through the gate in a worker, so that the page never checks a
 * record. The page keeps each chunk as it arrives, while the worker checks the next, and uses
 * them once the whole record passed; it builds their features later (see `readImport`). The
 * same worker then writes each dataset's text for the map (see `setWrittenText`). Where no
 * worker runs (one that failed to start), the gate runs on the page in slices.
 */
export async function checkImport(key: string): Promise<RecordRead<RestoredDataset[]>> {
  if (canCheckInWorker()) {
    const chunks: CompactChunk[][] = [];
    const channel = chunkHelperChannel();
    const helper = channel?.port;
    const request = { kind: 'check' as const, key, keep: MAP_FEATURE_PROPERTIES, helper };
    const onChunk = (message: ImportRecordResponse) => {
      if (!('chunk' in message)) return;
      (chunks[message.dataset] ??= []).push(message.chunk);
      // A large layer of points is drawn from tiles made in a worker of their own, started
      // at its first checked chunk: started once the map is being made, it waits long for
      // the page's thread; started before the page's first tasks, it delays them.
      if (message.chunk.points) startPointTilesWorker();
    };
    const check = requestWorker(request, onChunk, helper ? [helper] : []);
    channel?.connect();
    // Asked at once: the worker answers in order, and drops the texts once it gave them.
    const texts = requestWorker({ kind: 'map-text', key, keep: MAP_FEATURE_PROPERTIES }).then(
      (response) => ('texts' in response ? response.texts : null),
      () => null,
    );
    const response = await check.catch(() => null);
    const read = response && 'read' in response ? response.read : null;
    if (read && !read.ok) return read;
    const datasets = read?.value.map((d, i) => ({
      ...d,
      compact: { count: d.compact.count, chunks: chunks[i] ?? [] },
    }));
    if (datasets?.every((d) => chunkCount(d.compact) === d.compact.count)) {
      datasets.forEach((dataset, i) => {
        setWrittenText(
          dataset.compact,
          MAP_FEATURE_PROPERTIES,
          texts.then((t) => t?.[i] ?? null),
        );
      });
      return { ok: true, value: datasets };
    }
  }
  return readCheckedImport(key, yieldToPage);
}

/** The features the chunks hold, as each says (the gate held each to its own count). */
const chunkCount = (compact: CompactFeatures) =>
  compact.chunks.reduce((sum, chunk) => sum + chunk.count, 0);

/**
 * One scenario record read and through the strict scenario reader in the same worker, so that
 * a scenario holding long outlines is not checked on the page's thread when it is restored.
 * Where no worker runs, the reader runs here.
 */
export async function checkScenario(key: string): Promise<RecordRead<Scenario | null>> {
  if (canCheckInWorker()) {
    const response = await requestWorker({ kind: 'scenario', key }).catch(() => null);
    if (response && 'scenario' in response) return response.scenario;
  }
  return readScenario(key);
}

/**
 * Changes to one scenario applied to its stored copy in the same worker (see
 * `storeScenarioChanges`): the stored copy passes the strict scenario reader inside the
 * transaction that writes the changes, so the page never runs the reader when a scenario holding
 * long outlines is edited. Rejects, with nothing written, when the browser refused. Where no
 * worker runs, or it failed before answering, the changes are stored from here (applying them
 * again is harmless: see `applyScenarioChange`).
 */
export async function storeScenarioChangesInWorker(
  local: Scenario | null,
  id: string,
  changes: readonly ScenarioChange[],
): Promise<StoredScenarioChanges> {
  if (canCheckInWorker()) {
    const key = scenarioKey(id);
    const request = { kind: 'change-scenario' as const, key, scenarioId: id, local, changes };
    const response = await requestWorker(request).catch(() => null);
    if (response && 'changed' in response) {
      if (response.changed.ok) {
        const { scenario, setAside, overLimit, notFound } = response.changed;
        return { scenario, setAside, overLimit, notFound };
      }
      throw new Error(response.changed.reason);
    }
  }
  return storeScenarioChanges(local, id, changes);
}

/**
 * A damaged record deleted in the same worker only while it still fails the gate (see
 * `deleteDamagedRecord`): the gate runs inside the transaction that deletes it, and for an
 * import that is the whole import check, never run on the page. Rejects, with nothing deleted,
 * when the browser refused. Where no worker runs, or it failed before answering, it runs here.
 */
export async function deleteDamagedRecordInWorker(key: string): Promise<boolean> {
  if (canCheckInWorker()) {
    const response = await requestWorker({ kind: 'remove-damaged', key }).catch(() => null);
    if (response && 'removed' in response) {
      if (response.removed.ok) return response.removed.deleted;
      throw new Error(response.removed.reason);
    }
  }
  return deleteDamagedRecord(key);
}

/** A copy of compact features whose typed arrays are new, to move to a worker: the page keeps its own. */
function copyOfChunks(compact: CompactFeatures): CompactFeatures {
  const copy = <T extends Uint8Array | Float64Array | string | undefined>(kept: T): T =>
    (ArrayBuffer.isView(kept) ? kept.slice() : kept) as T;
  const chunks = compact.chunks.map((chunk) => {
    const { points, geometries } = chunk;
    return {
      count: chunk.count,
      properties: copy(chunk.properties),
      ...(points !== undefined ? { points: copy(points) } : {}),
      ...(geometries !== undefined ? { geometries: copy(geometries) } : {}),
    };
  });
  return { count: compact.count, chunks };
}

/**
 * One import record written to storage by the restore's worker, from a copy of the page's
 * chunks moved to it, so that the copy into storage (a task of 150 ms at 200,000 points) is
 * none of the page's: for an import whose own worker is gone before the confirm stored it.
 * The page's part is a block copy of each chunk's arrays. True once stored, false when the
 * browser refused, null where no worker runs or it failed before answering (see `saveImport`).
 */
export async function storeImportInWorker(
  head: ImportRecordHead,
  layers: ImportRecord['layers'],
): Promise<boolean | null> {
  if (!canCheckInWorker()) return null;
  // Not in the task that confirmed the import and drew it.
  await yieldToPage();
  const copies = layers.map(({ layer, features }) => ({ layer, features: copyOfChunks(features) }));
  const moved = copies.flatMap(({ features }) => transferables(features));
  const request = { kind: 'store-import' as const, key: importKey(head.id), head, layers: copies };
  const response = await requestWorker(request, undefined, moved).catch(() => null);
  return response && 'stored' in response ? response.stored : null;
}
