/// <reference lib="webworker" />
/**
 * Reads and maps imported files off the main thread. The last read stays here, so a build
 * (for example after the user changes the coordinate system) does not send the file again.
 * On confirm, the map's text and the import's record in storage are written here too, from
 * the chunks of the build the page was given.
 */
import { scenarioFromFileBytes } from '../analysis/scenario_file';
import { buildImport } from './build';
import { buildNetworkImport } from './build_network';
import { compactPreview, previewTransferables } from './compact_preview';
import { type CompactFeatures, decodeChunk } from '../data/compact_features';
import type { ImportLayer } from '../data/imported_data';
import { featuresBytesBlob } from '../data/layer_text';
import { putImportRecord } from '../data/saved_work';
import type { FromImportWorker, ToImportWorker } from './protocol';
import { readImportFile, summariseRead } from './read';
import type { ImportContext, ReadResult } from './types';
import { failOnUnreadableMessage } from '../worker/unreadable_message';
import { answeringPings } from '../worker/liveness';

declare const self: DedicatedWorkerGlobalScope;

failOnUnreadableMessage(self, 'import worker');

let context: ImportContext = {
  subdistricts: { type: 'FeatureCollection', features: [] },
  reference: {},
};
let lastRead: ReadResult = { ok: false, error: { code: 'no-features' } };
/**
 * A copy of the last build's chunks (the page was given the chunks themselves), kept for the
 * confirm: the map's text and the import's record are written here from the same bytes, so
 * the page neither copies them to another worker nor copies them into storage in one of its
 * own tasks. About 40 MB for 200,000 points: let go once the confirm has had both (`used`),
 * and as soon as a new read or build makes the preview stale.
 */
let lastBuilt: {
  id: number;
  layers: Partial<Record<ImportLayer, CompactFeatures>>;
  used: { text: boolean; record: boolean };
} | null = null;

/** Marks one of the confirm's uses of the last build, letting it go after the second. */
function used(use: 'text' | 'record') {
  if (!lastBuilt) return;
  lastBuilt.used[use] = true;
  if (lastBuilt.used.text && lastBuilt.used.record) lastBuilt = null;
}

const post = (message: FromImportWorker, transfer: Transferable[] = []) =>
  self.postMessage(message, transfer);

// Messages are handled one after another: a build waits for the read before it.
let queue: Promise<void> = Promise.resolve();

self.onmessage = answeringPings(self, (event: MessageEvent<ToImportWorker>) => {
  queue = queue.then(() => handle(event.data));
});

async function handle(message: ToImportWorker): Promise<void> {
  try {
    await handleUnchecked(message);
  } catch (error) {
    // Only posting can fail here (read and build never throw); answer so no promise hangs.
    if (message.type === 'context') return;
    if (message.type === 'scenario') {
      post({
        type: 'scenario-result',
        id: message.id,
        result: { ok: false, message: String(error) },
      });
      return;
    }
    const problem = { code: 'internal-error' as const, detail: String(error) };
    if (message.type === 'map-text') {
      post({ type: 'map-text-result', id: message.id, result: null });
      return;
    }
    if (message.type === 'store') {
      post({ type: 'store-result', id: message.id, result: null });
      return;
    }
    const type =
      message.type === 'read'
        ? 'read-result'
        : message.type === 'network'
          ? 'network-result'
          : 'build-result';
    post({ type, id: message.id, result: { ok: false, error: problem } } as FromImportWorker);
  }
}

async function handleUnchecked(message: ToImportWorker): Promise<void> {
  if (message.type === 'context') {
    context = message.context;
    return;
  }
  if (message.type === 'scenario') {
    const result = scenarioFromFileBytes(new Uint8Array(message.bytes));
    post({ type: 'scenario-result', id: message.id, result });
    return;
  }
  const progress = (done: number, total: number) =>
    post({ type: 'progress', id: message.id, done, total });
  if (message.type === 'read') {
    lastBuilt = null;
    lastRead = await readImportFile(new Uint8Array(message.bytes), message.fileName, progress);
    // Features and rows stay here for the build; the page gets a summary.
    post({ type: 'read-result', id: message.id, result: summariseRead(lastRead) });
    return;
  }
  if (message.type === 'network') {
    lastBuilt = null;
    const result = buildNetworkImport(lastRead, message.crs, message.snapToleranceM, progress);
    post({ type: 'network-result', id: message.id, result });
    return;
  }
  if (message.type === 'map-text') {
    post({
      type: 'map-text-result',
      id: message.id,
      result: mapTexts(message.build, message.keep),
    });
    return;
  }
  if (message.type === 'store') {
    post({ type: 'store-result', id: message.id, result: await storeRecord(message) });
    return;
  }
  lastBuilt = null;
  const result = compactPreview(buildImport(lastRead, message.options, context, progress));
  lastBuilt = result.ok
    ? {
        id: message.id,
        layers: structuredClone(result.layers),
        used: { text: false, record: false },
      }
    : null;
  post({ type: 'build-result', id: message.id, result }, previewTransferables(result));
}

/** The map's text of each layer of build `build`, or null when it is not the last build. */
function mapTexts(
  build: number,
  keep: readonly string[],
): Partial<Record<ImportLayer, Blob>> | null {
  if (lastBuilt?.id !== build) return null;
  const held = lastBuilt.layers;
  used('text');
  const texts: Partial<Record<ImportLayer, Blob>> = {};
  for (const [layer, compact] of Object.entries(held) as [ImportLayer, CompactFeatures][]) {
    texts[layer] = featuresBytesBlob(compact.chunks.map(decodeChunk), keep);
  }
  return texts;
}

/**
 * Writes the import record of build `build` from its chunks held here: true once stored,
 * false when the browser refused, null when that build is not the last one (the page then
 * writes the record itself).
 */
async function storeRecord({
  build,
  head,
  layers,
}: Extract<ToImportWorker, { type: 'store' }>): Promise<boolean | null> {
  if (lastBuilt?.id !== build) return null;
  const held = lastBuilt.layers;
  used('record');
  const stored = [];
  for (const layer of layers) {
    const features = held[layer];
    if (!features) return null;
    stored.push({ layer, features });
  }
  try {
    await putImportRecord(head, stored);
    return true;
  } catch {
    return false;
  }
}
