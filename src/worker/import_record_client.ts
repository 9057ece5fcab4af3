import type { CheckedDataset } from '../data/import_record';
import type { RecordRead } from '../data/saved_work_store';
import { workerRequests } from './worker_requests';

export interface ImportRecordRequest {
  id: number;
  key: string;
}
export interface ImportRecordResponse {
  id: number;
  read: RecordRead<CheckedDataset[]>;
}

const requestCheck = workerRequests<
  ImportRecordRequest,
  ImportRecordResponse,
  RecordRead<CheckedDataset[]>
>(
  () => new Worker(new URL('./import_record.worker.ts', import.meta.url), { type: 'module' }),
  (response) => ({ value: response.read }),
);

/** Whether this page can run the restore gate in a worker (not in Node, say). */
export const canCheckInWorker = () => typeof Worker !== 'undefined';

/**
 * One import record read and checked in a worker; the page receives its datasets with the
 * features compact and already checked.
 */
export function checkImportInWorker(key: string): Promise<RecordRead<CheckedDataset[]>> {
  return requestCheck({ key });
}
