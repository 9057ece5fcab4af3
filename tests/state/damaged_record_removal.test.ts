import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Scenario } from '../../src/analysis/scenario';

/**
 * The notice of damaged records, and its remove buttons, when a good record has been written
 * under a damaged one's key since the restore named it. IndexedDB here is fake-indexeddb,
 * empty for each test; each test opens a fresh tab (a fresh copy of the app's modules).
 */
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

async function openTab() {
  vi.resetModules();
  const saved = await import('../../src/data/saved_work');
  const { useAppStore } = await import('../../src/state/store');
  return { saved, store: useAppStore };
}

const db = async () => {
  const { createStore } = await import('idb-keyval');
  return createStore('huitian-map', 'saved-work');
};

async function writeRaw(key: string, value: unknown) {
  const { set } = await import('idb-keyval');
  await set(key, value, await db());
}

const NOW = '2026-12-07T00:00:00.000Z';
const s1: Scenario = { id: 's1', name: '方案 1', edits: [], createdAt: NOW, updatedAt: NOW };
const DAMAGED_SCENARIO = { revision: 2, geojson: { type: 'FeatureCollection', features: [null] } };

const carPark = {
  type: 'Feature' as const,
  geometry: { type: 'Point' as const, coordinates: [116.33, 40.07] },
  properties: {
    id: 'imp-b-1',
    name: 'P1',
    kind: 'car-park',
    subdistrict: '回龙观街道',
    source: 'import-b',
    source_crs: 'WGS-84',
    accuracy: 'surveyed',
    spaces: 40,
  },
};

describe('removing a damaged record never deletes a good one stored under its key since', () => {
  it('clears the notice of a damaged scenario once this tab stores a good one under its key', async () => {
    await writeRaw('scenario:s1', DAMAGED_SCENARIO);
    const { saved, store } = await openTab();
    store.getState().restoreWork(await saved.loadSavedWork());
    expect(store.getState().skippedRecords.map((r) => r.key)).toEqual(['scenario:s1']);
    // The planner opens a file (or an old link) of the scenario with that id.
    store.getState().saveScenario(s1);
    await vi.waitFor(async () => {
      expect((await saved.loadSavedWork()).scenarios.map((s) => s.id)).toEqual(['s1']);
      expect(store.getState().skippedRecords.map((r) => r.key)).toEqual([
        expect.stringMatching(/^scenario:s1#damaged-/),
      ]);
    });
    // The planner removes every damaged record the notice names.
    for (const { key } of store.getState().skippedRecords) {
      await store.getState().removeSkippedRecord(key);
    }
    expect(store.getState().skippedRecords).toEqual([]);
    const work = await saved.loadSavedWork();
    expect([work.scenarios.map((s) => s.id), work.skipped]).toEqual([['s1'], []]);
  });

  it('keeps, and shows, a good scenario another tab stored under a damaged key before the removal', async () => {
    await writeRaw('scenario:s1', DAMAGED_SCENARIO);
    const { saved, store } = await openTab();
    store.getState().restoreWork(await saved.loadSavedWork());
    // Another tab stores a good s1 there; this tab has not heard of it yet.
    const other = await openTab();
    await other.saved.storeScenarioChanges(null, 's1', [{ kind: 'put', scenario: s1 }]);
    await store.getState().removeSkippedRecord('scenario:s1');
    expect(store.getState().skippedRecords).toEqual([]);
    expect(store.getState().scenarios.map((s) => s.name)).toEqual(['方案 1']);
    expect((await saved.loadSavedWork()).scenarios.map((s) => s.id)).toEqual(['s1']);
  });

  it('keeps a good import stored under a damaged key before the removal', async () => {
    await writeRaw('import:b', { id: 'b', fileName: 'b.geojson', layers: 'nonsense' });
    const { saved, store } = await openTab();
    store.getState().restoreWork(await saved.loadSavedWork());
    expect(store.getState().skippedRecords.map((r) => r.name)).toEqual(['b.geojson']);
    const other = await openTab();
    const head = { id: 'b', fileName: 'b.geojson', mode: 'add', crs: 'WGS-84', importedAt: NOW };
    const features = await other.saved.encodeFeaturesInSlices([carPark] as never);
    await other.saved.putImportRecord(head as never, [{ layer: 'car-parks', features }]);
    await store.getState().removeSkippedRecord('import:b');
    expect(store.getState().skippedRecords).toEqual([]);
    expect(store.getState().imports.map((d) => [d.id, d.features.length])).toEqual([['b', 1]]);
    expect((await saved.loadSavedWork()).imports.map((d) => d.id)).toEqual(['b']);
  });

  it('still deletes a record that fails the gate when removed', async () => {
    await writeRaw('scenario:c', { revision: 1, geojson: { type: 'FeatureCollection' } });
    await writeRaw('import:d', null);
    const { saved, store } = await openTab();
    store.getState().restoreWork(await saved.loadSavedWork());
    await store.getState().removeSkippedRecord('scenario:c');
    await store.getState().removeSkippedRecord('import:d');
    expect(store.getState().skippedRecords).toEqual([]);
    const { keys } = await import('idb-keyval');
    expect(await keys(await db())).not.toContain('scenario:c');
    expect(await keys(await db())).not.toContain('import:d');
  });
});
