import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bridgedWorker } from './bridged_worker';
import { encodeFeatures } from '../../src/data/compact_features';
import type { ImportedDataset } from '../../src/data/imported_data';

/**
 * The confirm of an import whose own worker is gone (ended for memory, say) before it stored
 * the record: the restore's worker writes it, from a copy of the page's chunks moved to it,
 * so the copy into storage is none of the page's tasks. The real worker module runs here
 * behind a stand-in for the browser's Worker that passes messages as the browser does
 * (structured clone, with the listed buffers moved: the sender's copy of them is detached).
 */
const BridgedWorker = bridgedWorker(
  { 'import_record.worker': () => import('../../src/worker/import_record.worker') },
  { indexedDb: true },
);
afterEach(() => vi.restoreAllMocks());

const carParks = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    type: 'Feature' as const,
    properties: {
      id: `imp-w-${i + 1}`,
      name: `停车场${i}`,
      kind: 'car-park',
      subdistrict: '回龙观街道',
      source: 'import-w',
      source_crs: 'WGS-84',
      accuracy: 'surveyed',
      spaces: i % 90,
    },
    geometry: { type: 'Point' as const, coordinates: [116.33 + (i % 1000) * 1e-5, 40.07] },
  }));

function confirmedDataset(features: ReturnType<typeof carParks>): ImportedDataset {
  return {
    id: 'w',
    fileName: '停车场.csv',
    layer: 'car-parks',
    mode: 'add',
    crs: 'WGS-84',
    importedAt: '2026-12-07T05:00:00.000Z',
    features: features as ImportedDataset['features'],
    compact: encodeFeatures(features),
  };
}

/** The import records of the app's store, as the page last put them, by key. */
function watchPuts() {
  const puts = new Map<string, unknown>();
  const put = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
    this: IDBObjectStore,
    value: unknown,
    key?: IDBValidKey,
  ) {
    puts.set(String(key), value);
    return put.call(this, value, key);
  });
  return puts;
}

/** The saved work a fresh page restores (its own modules, the same database). */
async function restoredByFreshPage() {
  vi.resetModules();
  const { loadSavedWork } = await import('../../src/data/saved_work');
  return loadSavedWork();
}

describe('the record of an import whose own worker is gone at the confirm', () => {
  it('is written by the restore worker from a copy, and the page keeps its chunks', async () => {
    const puts = watchPuts();
    const { useAppStore } = await import('../../src/state/store');
    const features = carParks(7_003);
    const dataset = confirmedDataset(features);
    const pageChunks = dataset.compact!.chunks;
    // As the import client answers when the worker that built the preview is gone.
    const importWorkerGone = vi.fn(async () => null);
    useAppStore.getState().addImports([dataset], importWorkerGone);

    await vi.waitFor(() => expect(puts.has('import:w')).toBe(true));
    expect(importWorkerGone).toHaveBeenCalledOnce();
    const [worker] = BridgedWorker.made;
    expect(worker!.received.map((r) => r.kind)).toEqual(['store-import']);
    // What went into storage is the worker's copy, not the page's arrays.
    const stored = puts.get('import:w') as {
      layers: { features: { chunks: { points: Float64Array }[] } }[];
    };
    const storedChunks = stored.layers[0]!.features.chunks;
    expect(storedChunks).toHaveLength(2);
    storedChunks.forEach((chunk, i) => expect(chunk.points).not.toBe(pageChunks[i]!.points));
    // The page's chunks were copied, not moved: still whole for the map and the analysis.
    expect(pageChunks[0]!.points!.length).toBe(2 * 5000);
    expect(encodeFeatures(features)).toEqual(dataset.compact);

    const work = await restoredByFreshPage();
    expect(work.skipped).toEqual([]);
    expect(work.imports).toHaveLength(1);
    expect(work.imports[0]).toMatchObject({ id: 'w', fileName: '停车场.csv', layer: 'car-parks' });
    expect(work.imports[0]!.features).toEqual(features);
  }, 60_000);

  it('is written by the page when that worker fails too, so the import is not lost', async () => {
    BridgedWorker.failing = true;
    const puts = watchPuts();
    const { useAppStore } = await import('../../src/state/store');
    const features = carParks(12);
    const dataset = confirmedDataset(features);
    useAppStore.getState().addImports([dataset], async () => null);
    await vi.waitFor(() => expect(puts.has('import:w')).toBe(true));
    expect(BridgedWorker.made[0]!.received.map((r) => r.kind)).toEqual(['store-import']);
    // The last resort: the page's own chunks, written from the page.
    const stored = puts.get('import:w') as { layers: { features: { chunks: unknown[] } }[] };
    expect(stored.layers[0]!.features.chunks[0]).toBe(dataset.compact!.chunks[0]);
    const work = await restoredByFreshPage();
    expect(work.imports[0]!.features).toEqual(features);
  });

  it('reports a refusal of the browser as such, without writing from the page', async () => {
    const put = IDBObjectStore.prototype.put;
    let refusals = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      if (String(key).startsWith('import:')) {
        refusals++;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.call(this, value, key);
    });
    const { useAppStore } = await import('../../src/state/store');
    useAppStore.getState().addImports([confirmedDataset(carParks(3))], async () => null);
    await vi.waitFor(() => expect(useAppStore.getState().storageRefused).toContain('import'));
    // Asked once, of the worker: a refusal is an answer, not a failure to try again here.
    expect(refusals).toBe(1);
    expect((await restoredByFreshPage()).imports).toEqual([]);
  });
});
