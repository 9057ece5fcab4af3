import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeFeaturesInSlices } from '../../src/data/compact_features';
import type { CompactPreview } from '../../src/import/compact_preview';
import { MAP_FEATURE_PROPERTIES } from '../../src/layers/catalog';
import { carParkCsv as csv, carParkOptions as options, startImportWorker } from './import_worker';

/**
 * On confirm, the import worker writes the import's record to storage (IndexedDB, here
 * fake-indexeddb) from its copy of the preview's chunks, so that the page does not copy them
 * into storage in one of its own tasks; the restore then gives back what the preview showed.
 */
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.resetModules();
});

const head = {
  id: 'w',
  fileName: 'p.csv',
  mode: 'add',
  crs: 'WGS-84',
  importedAt: '2026-12-07T05:00:00.000Z',
} as const;

/** What a fresh page restores, through the restore's gate. */
async function restored() {
  const { loadSavedWork } = await import('../../src/data/saved_work');
  return loadSavedWork();
}

/** The keys of the records in the app's store, read as another page would. */
async function storedKeys(): Promise<string[]> {
  const { database, request } = await import('../../src/data/saved_work_store');
  const keys = await database()!('readonly', (s) => request(s.getAllKeys()));
  return keys.map(String).filter((key) => key !== 'version');
}

describe('the import record the import worker writes of its preview', () => {
  it('holds every feature of the preview, and restores as the import the preview showed', async () => {
    const ask = await startImportWorker();
    await ask({ type: 'read', id: 1, bytes: csv(7003), fileName: 'p.csv' }, 'read-result');
    const built = await ask({ type: 'build', id: 2, options }, 'build-result');
    const preview = built.result as Extract<CompactPreview, { ok: true }>;
    const features = await decodeFeaturesInSlices(structuredClone(preview.layers['car-parks']!));

    const layers = ['car-parks'] as const;
    const stored = await ask({ type: 'store', id: 3, build: 2, head, layers }, 'store-result');
    expect(stored.result).toBe(true);
    expect(await storedKeys()).toEqual(['import:w']);
    const work = await restored();
    expect(work.skipped).toEqual([]);
    expect(work.imports).toHaveLength(1);
    const [dataset] = work.imports;
    expect(dataset).toMatchObject({ ...head, layer: 'car-parks' });
    expect(dataset!.features).toHaveLength(7003);
    expect(dataset!.features).toEqual(features);
  }, 60_000);

  it('lets the preview go once the confirm had both its record and its map text', async () => {
    const keep = MAP_FEATURE_PROPERTIES;
    const layers = ['car-parks'] as const;
    for (const recordFirst of [true, false]) {
      vi.resetModules();
      const ask = await startImportWorker();
      await ask({ type: 'read', id: 1, bytes: csv(5), fileName: 'p.csv' }, 'read-result');
      await ask({ type: 'build', id: 2, options }, 'build-result');
      const record = () => ask({ type: 'store', id: 3, build: 2, head, layers }, 'store-result');
      const text = () => ask({ type: 'map-text', id: 4, build: 2, keep }, 'map-text-result');
      // Whichever comes first, the chunks are still held for the other.
      if (recordFirst) {
        expect((await record()).result).toBe(true);
        expect((await text()).result?.['car-parks']).toBeInstanceOf(Blob);
      } else {
        expect((await text()).result?.['car-parks']).toBeInstanceOf(Blob);
        expect((await record()).result).toBe(true);
      }
      const textAgain = await ask({ type: 'map-text', id: 5, build: 2, keep }, 'map-text-result');
      expect(textAgain.result).toBeNull();
      const again = await ask({ type: 'store', id: 6, build: 2, head, layers }, 'store-result');
      expect(again.result).toBeNull();
    }
  });

  it('writes nothing for a build that is not its last, nor for a layer it did not build', async () => {
    const ask = await startImportWorker();
    await ask({ type: 'read', id: 1, bytes: csv(3), fileName: 'p.csv' }, 'read-result');
    await ask({ type: 'build', id: 2, options }, 'build-result');
    await ask({ type: 'build', id: 3, options: { ...options, crs: 'GCJ-02' } }, 'build-result');
    const stale = await ask(
      { type: 'store', id: 4, build: 2, head, layers: ['car-parks'] },
      'store-result',
    );
    expect(stale.result).toBeNull();
    const otherLayer = await ask(
      { type: 'store', id: 5, build: 3, head, layers: ['parks'] },
      'store-result',
    );
    expect(otherLayer.result).toBeNull();
    expect(await storedKeys()).toEqual([]);
  });

  it('answers false when the browser refuses the record, and nothing is kept', async () => {
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      if (String(key).startsWith('import:')) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.call(this, value, key);
    });
    const ask = await startImportWorker();
    await ask({ type: 'read', id: 1, bytes: csv(3), fileName: 'p.csv' }, 'read-result');
    await ask({ type: 'build', id: 2, options }, 'build-result');
    const refused = await ask(
      { type: 'store', id: 3, build: 2, head, layers: ['car-parks'] },
      'store-result',
    );
    expect(refused.result).toBe(false);
    expect(await storedKeys()).toEqual([]);
    expect((await restored()).imports).toEqual([]);
  });
});
