import { yieldToPage } from '../data/compact_features';
import { type CheckedDataset, readCheckedImport } from '../data/import_record';
import { setWrittenText } from '../data/layer_text';
import type { RecordRead } from '../data/saved_work_store';
import { MAP_FEATURE_PROPERTIES } from '../layers/catalog';
import { workerRequests } from './worker_requests';

/**
 * `check`: one import record read and through the gate (the worker keeps the checked
 * features until the next request). `map-text`: the map's text of each dataset of the record
 * checked just before, with only the properties in `keep`.
 */
export type ImportRecordRequest =
  | { id: number; kind: 'check'; key: string }
  | { id: number; kind: 'map-text'; key: string; keep: readonly string[] };
export type ImportRecordResponse =
  | { id: number; read: RecordRead<CheckedDataset[]> }
  /** null: the record was not checked last, or did not pass. */
  | { id: number; texts: Blob[] | null };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

const requestWorker = workerRequests<
  ImportRecordRequest,
  ImportRecordResponse,
  ImportRecordResponse
>(
  () => new Worker(new URL('./import_record.worker.ts', import.meta.url), { type: 'module' }),
  (response) => ({ value: response }),
) as (request: WithoutId<ImportRecordRequest>) => Promise<ImportRecordResponse>;

/** Whether this page can run the restore gate in a worker (not in Node, say). */
const canCheckInWorker = () => typeof Worker !== 'undefined';

/**
 * One import record read and through the gate in a worker, so that the page never decodes or
 * checks a record; its datasets come with their features compact and already checked. The
 * same worker then writes each dataset's text for the map (see `setWrittenText`) while the
 * page builds the features. Where no worker runs (one that failed to start), the gate runs
 * on the page in slices.
 */
export async function checkImport(key: string): Promise<RecordRead<CheckedDataset[]>> {
  if (canCheckInWorker()) {
    const check = requestWorker({ kind: 'check', key });
    // Asked at once: the worker answers in order, and drops the features once it wrote them.
    const texts = requestWorker({ kind: 'map-text', key, keep: MAP_FEATURE_PROPERTIES }).then(
      (response) => ('texts' in response ? response.texts : null),
      () => null,
    );
    const response = await check.catch(() => null);
    if (response && 'read' in response) {
      const { read } = response;
      if (read.ok) {
        read.value.forEach((dataset, i) => {
          setWrittenText(
            dataset.compact,
            MAP_FEATURE_PROPERTIES,
            texts.then((t) => t?.[i] ?? null),
          );
        });
      }
      return read;
    }
  }
  return readCheckedImport(key, yieldToPage);
}
