import type { CheckedDataset } from '../data/import_record';
import type { RecordRead } from '../data/saved_work_store';

export interface ImportRecordRequest {
  id: number;
  key: string;
}
export interface ImportRecordResponse {
  id: number;
  read: RecordRead<CheckedDataset[]>;
}

type Waiting = {
  resolve: (read: RecordRead<CheckedDataset[]>) => void;
  reject: (e: Error) => void;
};

let worker: Worker | null = null;
const waiting = new Map<number, Waiting>();
let nextId = 1;

function ensureWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./import_record.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<ImportRecordResponse>) => {
    const entry = waiting.get(event.data.id);
    waiting.delete(event.data.id);
    entry?.resolve(event.data.read);
  };
  worker.onerror = (event) => {
    for (const entry of waiting.values()) entry.reject(new Error(event.message));
    waiting.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

/** Whether this page can run the restore gate in a worker (not in Node, say). */
export const canCheckInWorker = () => typeof Worker !== 'undefined';

/**
 * One import record read and checked in a worker; the page receives its datasets with the
 * features compact and already checked.
 */
export function checkImportInWorker(key: string): Promise<RecordRead<CheckedDataset[]>> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    const request: ImportRecordRequest = { id, key };
    ensureWorker().postMessage(request);
  });
}
