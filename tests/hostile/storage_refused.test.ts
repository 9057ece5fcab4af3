import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportedDataset } from '../../src/data/imported_data';
import type { StoredNetwork } from '../../src/data/network_storage';

/**
 * The notice shown when the browser refuses to save names what it refused: a full storage
 * throws QuotaExceededError from localStorage.setItem (project statuses) and from IndexedDB
 * writes (imports, scenarios, the walking network).
 */
const quotaExceeded = () => {
  throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
};

/** localStorage with no room left: reads work, every write is refused. */
class FullStorage {
  length = 0;
  key = () => null;
  getItem = () => null;
  setItem = quotaExceeded;
  removeItem() {}
  clear() {}
}

async function openTab() {
  vi.resetModules();
  const { useAppStore } = await import('../../src/state/store');
  const { storageRefusedNotice } = await import('../../src/ui/data/storage_notice');
  const notice = (language: 'zh' | 'en') =>
    storageRefusedNotice(language, useAppStore.getState().storageRefused);
  return { store: useAppStore, notice };
}

const started = { status: 'started', date: '2025-03-01', note: '甲' } as const;
const network = {
  id: 'n',
  fileName: '路网.geojson',
  importedAt: '2026-12-01T00:00:00.000Z',
  crs: 'WGS-84',
  lengthM: 0,
  report: {},
  edges: { type: 'FeatureCollection', features: [] },
} as unknown as StoredNetwork;
const carParks: ImportedDataset = {
  id: 'cp',
  fileName: 'car-parks.csv',
  layer: 'car-parks',
  mode: 'add',
  crs: 'WGS-84',
  importedAt: '2026-12-01T00:00:00.000Z',
  features: [],
};

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  vi.stubGlobal('localStorage', new FullStorage());
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the storage-refused notice names what was not kept', () => {
  it('names project statuses when their write is refused, and keeps the status for the visit', async () => {
    const { store, notice } = await openTab();
    expect(store.getState().storageRefused).toEqual([]);
    store.getState().setProjectStatus('plan-project-1-1', started);
    expect(store.getState().projectStatus['plan-project-1-1']).toEqual(started);
    expect(notice('zh')).toBe(
      '浏览器拒绝保存（隐私模式或存储已满）：对项目状态的更改仅在本次访问中有效。',
    );
    expect(notice('en')).toBe(
      'The browser refused to save (private mode or storage full): changes to project statuses last for this visit only.',
    );
  });

  it('names the walking network, imports and statuses together when all were refused', async () => {
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(quotaExceeded);
    const { store, notice } = await openTab();
    store.getState().setWalkNetwork(network);
    await vi.waitFor(() => expect(store.getState().storageRefused).toContain('network'));
    expect(notice('zh')).toBe(
      '浏览器拒绝保存（隐私模式或存储已满）：对步行网络的更改仅在本次访问中有效。',
    );
    store.getState().setProjectStatus('plan-project-1-1', started);
    store.getState().addImports([carParks]);
    await vi.waitFor(() => expect(store.getState().storageRefused).toContain('import'));
    expect(notice('zh')).toBe(
      '浏览器拒绝保存（隐私模式或存储已满）：对导入的数据、项目状态和步行网络的更改仅在本次访问中有效。',
    );
    expect(notice('en')).toBe(
      'The browser refused to save (private mode or storage full): changes to imports, project statuses and the walking network last for this visit only.',
    );
  });

  it('names imports when the import worker is refused their record, and keeps them on screen', async () => {
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(quotaExceeded);
    const { store, notice } = await openTab();
    const { putImportRecord } = await import('../../src/data/saved_work');
    // As the import worker answers: false when the browser refused the record it wrote.
    const inWorker = (head: Parameters<typeof putImportRecord>[0]) =>
      putImportRecord(head, []).then(
        () => true,
        () => false,
      );
    store.getState().addImports([carParks], inWorker);
    await vi.waitFor(() => expect(store.getState().storageRefused).toEqual(['import']));
    expect(store.getState().imports).toEqual([carParks]);
    expect(notice('en')).toBe(
      'The browser refused to save (private mode or storage full): changes to imports last for this visit only.',
    );
  });
});
