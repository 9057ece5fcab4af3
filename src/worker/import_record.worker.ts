/// <reference lib="webworker" />
/**
 * The restore gate for import records, off the page's thread: reads a record from IndexedDB,
 * decodes and checks every feature (src/data/import_record.ts), and answers with the datasets
 * in their compact form, whose typed arrays are moved to the page rather than copied. Asked
 * next for the map's text of the record, it writes it from the features it has just checked,
 * so the map's text needs no second pass over them elsewhere.
 */
import type { AppFeature } from '../data/schema';
import { checkedTransferables, readCheckedImport, skippedImport } from '../data/import_record';
import { featuresTextBlob } from '../data/layer_text';
import type { ImportRecordRequest, ImportRecordResponse } from './import_record_client';

declare const self: DedicatedWorkerGlobalScope;

/** The checked features of the record checked last, by dataset, until its text is asked for. */
let checked: { key: string; datasets: (readonly AppFeature[])[][] } | null = null;

async function answer(request: ImportRecordRequest): Promise<void> {
  const { id, key } = request;
  if (request.kind === 'map-text') {
    const datasets = checked?.key === key ? checked.datasets : null;
    checked = null;
    let texts: Blob[] | null = null;
    try {
      texts = datasets?.map((chunks) => featuresTextBlob(chunks, request.keep)) ?? null;
    } catch {
      // No text: the page has the map's text written from the features as before.
    }
    self.postMessage({ id, texts } satisfies ImportRecordResponse);
    return;
  }
  const kept: (readonly AppFeature[])[][] = [];
  checked = null;
  try {
    const read = await readCheckedImport(key, undefined, (dataset, features) => {
      (kept[dataset] ??= []).push(features);
    });
    if (read.ok) checked = { key, datasets: read.value.map((_, i) => kept[i] ?? []) };
    self.postMessage({ id, read } satisfies ImportRecordResponse, checkedTransferables(read));
  } catch (error) {
    // Whatever the record held, the page gets an answer: the record skipped, with the reason.
    const read = skippedImport(key, key, `unreadable: ${String(error)}`);
    self.postMessage({ id, read } satisfies ImportRecordResponse);
  }
}

// One request at a time, in the order asked: the text of a record follows its check.
let queue = Promise.resolve();
self.onmessage = (event: MessageEvent<ImportRecordRequest>) => {
  queue = queue.then(() => answer(event.data)).catch(() => undefined);
};
