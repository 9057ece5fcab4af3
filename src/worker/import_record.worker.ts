/// <reference lib="webworker" />
/**
 * The restore gate for import records, off the page's thread: reads a record from IndexedDB,
 * decodes and checks every feature (src/data/import_record.ts), and answers with the datasets
 * in their compact form, whose typed arrays are moved to the page rather than copied.
 */
import { checkedTransferables, readCheckedImport, skippedImport } from '../data/import_record';
import type { ImportRecordRequest, ImportRecordResponse } from './import_record_client';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (event: MessageEvent<ImportRecordRequest>) => {
  const { id, key } = event.data;
  try {
    const read = await readCheckedImport(key);
    const response: ImportRecordResponse = { id, read };
    self.postMessage(response, checkedTransferables(read));
  } catch (error) {
    // Whatever the record held, the page gets an answer: the record skipped, with the reason.
    const read = skippedImport(key, key, `unreadable: ${String(error)}`);
    self.postMessage({ id, read } satisfies ImportRecordResponse);
  }
};
