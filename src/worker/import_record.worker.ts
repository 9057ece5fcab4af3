/// <reference lib="webworker" />
/**
 * The restore gate for import records (and stored scenarios, read and changed), off the page's thread: reads a record from IndexedDB,
 * decodes and checks every feature (src/data/import_record.ts), and answers with the datasets.
 * Each chunk is sent as soon as its features passed, its typed arrays moved to the page rather
 * than copied, so the page builds the features while the rest is checked; the last message
 * says whether the record passed, and the page uses none of it before. Asked with the
 * properties the map reads, it writes the map's bytes of each chunk (see `featuresBytes`) as
 * soon as the chunk passed, from the features it has just decoded, and drops them: 200,000
 * decoded features held to the end of the check cost its garbage collector more than writing
 * their bytes as it goes. The bytes are made a Blob when asked for, after the check answered. It also
 * writes the record of a new import whose own worker is gone, from chunks moved to it.
 */
import { transferables } from '../data/compact_features';
import { readCheckedImport, skippedImport } from '../data/import_record';
import { bytesBlob, featuresBytes } from '../data/layer_text';
import {
  deleteDamagedRecord,
  putImportRecord,
  readScenario,
  storeScenarioChanges,
} from '../data/saved_work';
import type { ImportRecordRequest, ImportRecordResponse } from './import_record_client';
import { failOnUnreadableMessage } from './unreadable_message';
import { answeringPings } from './liveness';
import { chunkHelperOn } from './chunk_helper';
import { nextTask } from './next_task';

declare const self: DedicatedWorkerGlobalScope;

failOnUnreadableMessage(self, 'restore worker');

/**
 * The map's bytes of the record checked last, by dataset a piece per chunk, until asked for;
 * none for a dataset of points (drawn from point tiles, see src/data/point_tiles.ts, which
 * read the chunks as they are).
 */
type Piece = Uint8Array<ArrayBuffer>[];
let written: { key: string; keep: readonly string[]; datasets: (Piece[] | null)[] } | null = null;

const sameNames = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((name, i) => name === b[i]);

async function answer(request: ImportRecordRequest): Promise<void> {
  const { id, key } = request;
  if (request.kind === 'scenario') {
    // readScenario never throws: a damaged record comes back skipped, with the reason.
    self.postMessage({ id, scenario: await readScenario(key) } satisfies ImportRecordResponse);
    return;
  }
  if (request.kind === 'change-scenario') {
    let changed: Extract<ImportRecordResponse, { changed: unknown }>['changed'];
    try {
      const { local, scenarioId, changes } = request;
      const stored = await storeScenarioChanges(local, scenarioId, changes);
      changed = { ok: true, ...stored };
    } catch (error) {
      changed = { ok: false, reason: String(error) };
    }
    self.postMessage({ id, changed } satisfies ImportRecordResponse);
    return;
  }
  if (request.kind === 'remove-damaged') {
    let removed: Extract<ImportRecordResponse, { removed: unknown }>['removed'];
    try {
      removed = { ok: true, deleted: await deleteDamagedRecord(key) };
    } catch (error) {
      removed = { ok: false, reason: String(error) };
    }
    self.postMessage({ id, removed } satisfies ImportRecordResponse);
    return;
  }
  if (request.kind === 'store-import') {
    let stored = true;
    try {
      await putImportRecord(request.head, request.layers);
    } catch {
      stored = false;
    }
    self.postMessage({ id, stored } satisfies ImportRecordResponse);
    return;
  }
  if (request.kind === 'map-text') {
    const pieces = written?.key === key && sameNames(written.keep, request.keep) ? written : null;
    written = null;
    let texts: (Blob | null)[] | null = null;
    try {
      texts = pieces?.datasets.map((dataset) => dataset && bytesBlob(dataset)) ?? null;
    } catch {
      // No text: the page has the map's text written from the features as before.
    }
    self.postMessage({ id, texts } satisfies ImportRecordResponse);
    return;
  }
  const { keep } = request;
  const pieces: Piece[][] = [];
  const points = new Set<number>();
  let unwritten = keep === undefined;
  written = null;
  const helper = request.helper ? chunkHelperOn(request.helper, keep) : undefined;
  try {
    const read = await readCheckedImport(
      key,
      // Between chunks, a task of its own: the helper's verdicts come in then.
      helper ? nextTask : undefined,
      (dataset, features, chunk, helped) => {
        // The chunk first, for the page to build its features while this writes their text
        // (from the decoded features, not from the chunk's arrays, which go with it).
        const moved = transferables({ count: chunk.count, chunks: [chunk] });
        self.postMessage({ id, dataset, chunk } satisfies ImportRecordResponse, moved);
        if (chunk.points) points.add(dataset);
        if (unwritten || points.has(dataset)) return;
        try {
          const piece = features ? featuresBytes(features, keep) : helped;
          if (piece) (pieces[dataset] ??= []).push(piece);
          else unwritten = true;
        } catch {
          unwritten = true;
        }
      },
      helper,
    );
    if (read.ok && !unwritten) {
      const datasets = read.value.map((_, i) => (points.has(i) ? null : (pieces[i] ?? [])));
      written = { key, keep: keep!, datasets };
    }
    // The chunks went ahead (and their buffers with them): the answer names the datasets.
    const answered = read.ok
      ? {
          ok: true as const,
          value: read.value.map((d) => ({ ...d, compact: { count: d.compact.count, chunks: [] } })),
        }
      : read;
    self.postMessage({ id, read: answered } satisfies ImportRecordResponse);
  } catch (error) {
    // Whatever the record held, the page gets an answer: the record skipped, with the reason.
    const read = skippedImport(key, key, `unreadable: ${String(error)}`);
    self.postMessage({ id, read } satisfies ImportRecordResponse);
  } finally {
    helper?.stop();
  }
}

// One request at a time, in the order asked: the text of a record follows its check. A change
// to a scenario, the removal of a damaged record or a new import's record does not wait behind
// the restore of a big import: it starts at once, and the database runs its transactions in the
// order they were started, so writes keep their order.
let queue = Promise.resolve();
self.onmessage = answeringPings(self, (event: MessageEvent<ImportRecordRequest>) => {
  const { kind } = event.data;
  if (kind === 'change-scenario' || kind === 'remove-damaged' || kind === 'store-import') {
    void answer(event.data).catch(() => undefined);
  } else queue = queue.then(() => answer(event.data)).catch(() => undefined);
});
