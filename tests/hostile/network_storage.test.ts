import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredNetwork } from '../../src/data/network_storage';

/**
 * The saved walking network as a browser keeps it (IndexedDB, here fake-indexeddb). A "tab" is
 * a fresh copy of the app's modules sharing the database and the BroadcastChannel.
 */
async function openTab() {
  vi.resetModules();
  const saved = await import('../../src/data/saved_work');
  const storage = await import('../../src/data/network_storage');
  const { useAppStore } = await import('../../src/state/store');
  saved.onSavedWorkChange((key) => void useAppStore.getState().reloadRecord(key));
  return { saved, storage, store: useAppStore };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

/** Two streets of 100 m meeting at a corner, as the network import would store them. */
const street = (from: number, to: number, coordinates: unknown[]) => ({
  type: 'Feature',
  geometry: { type: 'LineString', coordinates },
  properties: { from, to, direction: 1 },
});
const network = (id: string, fileName: string, edges: unknown[]) =>
  ({
    id,
    fileName,
    importedAt: '2026-12-01T00:00:00.000Z',
    crs: 'WGS-84',
    lengthM: 200,
    report: {},
    edges: { type: 'FeatureCollection', features: edges },
  }) as unknown as StoredNetwork;
const corner = [
  street(0, 1, [
    [116.33, 40.07],
    [116.3312, 40.07],
  ]),
  street(1, 2, [
    [116.3312, 40.07],
    [116.3312, 40.0709],
  ]),
];

async function writeRaw(value: unknown) {
  const { createStore, set } = await import('idb-keyval');
  await set('walk-network', value, createStore('huitian-map', 'saved-work'));
}

describe('the saved walking network is read through a gate', () => {
  it('names a damaged network by its file, starts without it, and removes it on request', async () => {
    await writeRaw(network('n', '旧路网.geojson', [corner[0], street(1, 2, [[116.33, null]])]));
    const { storage, store } = await openTab();
    const read = await storage.loadNetwork();
    expect(read).toEqual({
      ok: false,
      skipped: {
        key: 'walk-network',
        kind: 'network',
        name: '旧路网.geojson',
        reason: 'edge 2 is not a line of the network',
      },
    });
    store.getState().restoreWork({ imports: [], scenarios: [], activeScenarioId: null });
    store.getState().restoreWalkNetwork(read);
    expect(store.getState().walkNetwork).toBeNull();
    expect(store.getState().skippedRecords.map((r) => r.name)).toEqual(['旧路网.geojson']);
    await store.getState().removeSkippedRecord('walk-network');
    expect(store.getState().skippedRecords).toEqual([]);
    expect(await storage.loadNetwork()).toEqual({ ok: true, value: null });
  });

  it.each([
    ['null', null, 'walk-network'],
    ['a string', 'walk-network', 'walk-network'],
    ['a record without a file name', { ...network('n', 'x', corner), fileName: 5 }, 'walk-network'],
    ['a record without a date', { ...network('n', 'x.osm', corner), importedAt: 1 }, 'x.osm'],
  ])('skips %s and names it', async (_, value, name) => {
    await writeRaw(value);
    const { storage } = await openTab();
    const read = await storage.loadNetwork();
    expect(read).toMatchObject({ ok: false, skipped: { kind: 'network', name } });
  });
});

describe('the walking network in two tabs', () => {
  it('shows a network imported or removed in one tab in the other', async () => {
    const a = await openTab();
    const b = await openTab();
    a.store.getState().setWalkNetwork(network('n1', '街道.geojson', corner));
    await vi.waitFor(() => expect(b.store.getState().walkNetwork?.fileName).toBe('街道.geojson'));
    b.store.getState().setInspectByNetwork(true);
    a.store.getState().setWalkNetwork(null);
    await vi.waitFor(() => expect(b.store.getState().walkNetwork).toBeNull());
    // Tab B no longer measures along a network that is gone.
    expect(b.store.getState().inspectByNetwork).toBe(false);
  });

  it('takes a damaged network written by another tab out of use, and names it', async () => {
    const a = await openTab();
    const b = await openTab();
    a.store.getState().setWalkNetwork(network('n1', '街道.geojson', corner));
    await vi.waitFor(() => expect(b.store.getState().walkNetwork).not.toBeNull());
    // Another tab (an older version, or a damaged write) stores what this version cannot use.
    await writeRaw({ ...network('n2', '坏路网.geojson', corner), lengthM: 'long' });
    const writer = await openTab();
    writer.saved.broadcast('walk-network');
    await vi.waitFor(() => expect(b.store.getState().walkNetwork).toBeNull());
    expect(b.store.getState().skippedRecords.map((r) => r.name)).toEqual(['坏路网.geojson']);
  });
});
