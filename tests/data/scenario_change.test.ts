import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Scenario, ScenarioEdit } from '../../src/analysis/scenario';
import { type ScenarioChange, applyScenarioChange } from '../../src/analysis/scenario_change';
import { scenarioWithPark, surveyOutline } from '../hostile/inputs';

/**
 * A change to a scenario as data, applied to this tab's copy and, inside one transaction, to
 * the stored copy once it passed the strict reader (what the restore's worker runs when a
 * planner edits a scenario). IndexedDB here is fake-indexeddb, empty for each test.
 */
const NOW = '2026-12-07T00:00:00.000Z';
const LATER = '2026-12-07T01:00:00.000Z';
const carPark = (id: string, lon = 116.33): ScenarioEdit => ({
  id,
  type: 'add-car-park',
  name: `停车场 ${id}`,
  spaces: 50,
  geometry: { type: 'Point', coordinates: [lon, 40.07] },
});
const scenario = (edits: ScenarioEdit[] = [], name = '方案'): Scenario => ({
  id: 's',
  name,
  edits,
  createdAt: NOW,
  updatedAt: NOW,
});

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => vi.restoreAllMocks());

async function savedWork() {
  vi.resetModules();
  return import('../../src/data/saved_work');
}

/** The stored record of scenario `s` (or under `key`), as a fresh page reads it. */
async function storedRecord(
  key = 'scenario:s',
): Promise<{ revision: number; geojson: unknown } | undefined> {
  const { createStore, get } = await import('idb-keyval');
  return get(key, createStore('huitian-map', 'saved-work'));
}

async function writeRecord(value: unknown) {
  const { createStore, set } = await import('idb-keyval');
  await set('scenario:s', value, createStore('huitian-map', 'saved-work'));
}

describe('a change to a scenario, as data', () => {
  it('adds, removes and renames, each with its own time', () => {
    const one = applyScenarioChange(scenario(), {
      kind: 'add-edit',
      edit: carPark('a'),
      updatedAt: LATER,
    });
    expect(one?.edits.map((e) => e.id)).toEqual(['a']);
    expect(one?.updatedAt).toBe(LATER);
    const renamed = applyScenarioChange(one, { kind: 'rename', name: '新名', updatedAt: LATER });
    expect([renamed?.name, renamed?.edits.length]).toEqual(['新名', 1]);
    const none = applyScenarioChange(renamed, {
      kind: 'remove-edit',
      editId: 'a',
      updatedAt: LATER,
    });
    expect(none?.edits).toEqual([]);
    expect(applyScenarioChange(none, { kind: 'delete' })).toBeNull();
    expect(applyScenarioChange(null, { kind: 'put', scenario: scenario() })).toEqual(scenario());
  });

  it('gives the same scenario when applied twice, and nothing to a scenario that is gone', () => {
    const changes: ScenarioChange[] = [
      { kind: 'add-edit', edit: carPark('a'), updatedAt: LATER },
      { kind: 'remove-edit', editId: 'a', updatedAt: LATER },
      { kind: 'rename', name: '新名', updatedAt: LATER },
    ];
    for (const change of changes) {
      const once = applyScenarioChange(scenario([carPark('b')]), change);
      expect(applyScenarioChange(once, change)).toEqual(once);
      expect(applyScenarioChange(null, change)).toBeNull();
    }
  });
});

describe('a change stored in one transaction', () => {
  it("is applied to the stored copy, so another tab's change made meanwhile stays", async () => {
    const saved = await savedWork();
    await saved.storeScenarioChanges(null, 's', [{ kind: 'put', scenario: scenario() }]);
    // Another tab renamed it; this tab still holds the old name.
    await saved.storeScenarioChanges(null, 's', [{ kind: 'rename', name: '乙', updatedAt: LATER }]);
    const stored = await saved.storeScenarioChanges(scenario(), 's', [
      {
        kind: 'add-edit',
        edit: carPark('a'),
        updatedAt: LATER,
      },
    ]);
    expect([stored.scenario?.name, stored.scenario?.edits.map((e) => e.id)]).toEqual(['乙', ['a']]);
    const record = await storedRecord();
    expect(record?.revision).toBe(3);
    const read = await saved.readScenario('scenario:s');
    expect(read.ok && [read.value?.name, read.value?.edits.length]).toEqual(['乙', 1]);
  });

  it("keeps a stored copy the strict reader refuses aside, named and removable, and stores this tab's", async () => {
    const damaged = { revision: 4, geojson: { type: 'FeatureCollection', features: [null] } };
    await writeRecord(damaged);
    const saved = await savedWork();
    const local = scenario([carPark('a')], '本页的方案');
    const stored = await saved.storeScenarioChanges(local, 's', [
      {
        kind: 'add-edit',
        edit: carPark('b', 116.34),
        updatedAt: LATER,
      },
    ]);
    expect(stored.scenario?.edits.map((e) => e.id)).toEqual(['a', 'b']);
    const read = await saved.readScenario('scenario:s');
    expect(read.ok && read.value?.name).toBe('本页的方案');
    expect((await storedRecord())?.revision).toBe(5);
    const aside = stored.setAside!;
    expect(await storedRecord(aside)).toEqual(damaged);
    const work = await saved.loadSavedWork();
    expect(work.scenarios.map((s) => s.name)).toEqual(['本页的方案']);
    expect(work.skipped.map((r) => [r.key, r.kind, r.reason])).toEqual([
      [aside, 'scenario', 'no "scenario" member: not a scenario file'],
    ]);
    expect(await saved.deleteRecord(aside)).toBe(true);
    expect((await saved.loadSavedWork()).skipped).toEqual([]);
  });

  it("never lets another tab's older copy write over one the reader refuses", async () => {
    const saved = await savedWork();
    await saved.storeScenarioChanges(null, 's', [{ kind: 'put', scenario: scenario() }]);
    // Tab A adds four car parks in the area, and a fifth east of it (116.55 E is the edge), as
    // an editor that checked less than the reader did.
    const lons = [116.33, 116.34, 116.35, 116.36, 116.56];
    for (const [i, lon] of lons.entries()) {
      const edit = carPark(`a${i + 1}`, lon);
      await saved.storeScenarioChanges(null, 's', [{ kind: 'add-edit', edit, updatedAt: LATER }]);
    }
    // Tab B read the scenario before any of them and adds its own.
    const stored = await saved.storeScenarioChanges(scenario(), 's', [
      {
        kind: 'add-edit',
        edit: carPark('b1'),
        updatedAt: LATER,
      },
    ]);
    expect(stored.scenario?.edits.map((e) => e.id)).toEqual(['b1']);
    const work = await saved.loadSavedWork();
    expect(work.scenarios.map((s) => s.edits.map((e) => e.id))).toEqual([['b1']]);
    expect(work.skipped).toEqual([
      {
        key: stored.setAside,
        kind: 'scenario',
        name: '方案',
        reason: 'feature 4: position 116.56,40.07 outside the area',
      },
    ]);
    // All five of tab A's edits are kept as they were stored.
    const kept = (await storedRecord(stored.setAside!)) as {
      geojson: { features: { id: string }[] };
    };
    expect(kept.geojson.features.map((f) => f.id)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
  });

  it("keeps another scenario's copy stored under this key aside, and never shows it here", async () => {
    const saved = await savedWork();
    const mine = scenario([carPark('a')], '我的方案');
    await saved.storeScenarioChanges(null, 's', [{ kind: 'put', scenario: mine }]);
    // Scenario x's record, as its own key holds it, ends up under this scenario's key.
    const other = { ...scenario([], '别的方案'), id: 'x' };
    await saved.storeScenarioChanges(null, 'x', [{ kind: 'put', scenario: other }]);
    const foreign = await storedRecord('scenario:x');
    await writeRecord(foreign);
    const stored = await saved.storeScenarioChanges(mine, 's', [
      {
        kind: 'add-edit',
        edit: carPark('b', 116.34),
        updatedAt: LATER,
      },
    ]);
    expect([stored.scenario?.id, stored.scenario?.name]).toEqual(['s', '我的方案']);
    expect(stored.scenario?.edits.map((e) => e.id)).toEqual(['a', 'b']);
    expect(await storedRecord(stored.setAside!)).toEqual(foreign);
    const work = await saved.loadSavedWork();
    expect(work.scenarios.map((s) => [s.id, s.name, s.edits.length])).toEqual([
      ['s', '我的方案', 2],
      ['x', '别的方案', 0],
    ]);
    expect(work.skipped.map((r) => [r.key, r.reason])).toEqual([
      [stored.setAside, 'id does not match'],
    ]);
  });

  it('writes nothing when the changed copy would be over the limit of edits, and says so', async () => {
    const saved = await savedWork();
    const full = Array.from({ length: 10_000 }, (_, i) => carPark(`e${i}`, 116.3 + i / 100_000));
    await saved.storeScenarioChanges(null, 's', [{ kind: 'put', scenario: scenario(full) }]);
    const stored = await saved.storeScenarioChanges(scenario(full.slice(1)), 's', [
      {
        kind: 'add-edit',
        edit: carPark('late'),
        updatedAt: LATER,
      },
    ]);
    expect(stored.overLimit).toEqual([
      {
        index: 0,
        reason:
          '方案的编辑数超过上限 10,000（此文件：10,001） / edits per scenario over the limit of 10,000 (this file: 10,001)',
      },
    ]);
    expect(stored.scenario?.edits).toHaveLength(10_000);
    expect((await storedRecord())?.revision).toBe(1);
    const work = await saved.loadSavedWork();
    expect([work.skipped, work.scenarios[0]?.edits.length]).toEqual([[], 10_000]);
  });

  it('keeps a stored park of 99,000 vertices and adds the edit beside it', async () => {
    const geojson = JSON.parse(scenarioWithPark(surveyOutline(99_000))) as { scenario: object };
    geojson.scenario = { ...geojson.scenario, id: 's' };
    await writeRecord({ revision: 1, geojson });
    const saved = await savedWork();
    const stored = await saved.storeScenarioChanges(null, 's', [
      {
        kind: 'add-edit',
        edit: carPark('a'),
        updatedAt: LATER,
      },
    ]);
    expect(stored.scenario?.edits.map((e) => e.type)).toEqual(['add-park', 'add-car-park']);
    expect(stored.setAside).toBeNull();
    const park = stored.scenario?.edits[0];
    expect(park?.type === 'add-park' && park.geometry.coordinates[0]?.length).toBe(99_001);
  });

  it('writes nothing when the browser refuses, and this tab keeps its change', async () => {
    const saved = await savedWork();
    await saved.storeScenarioChanges(null, 's', [{ kind: 'put', scenario: scenario() }]);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const change: ScenarioChange = { kind: 'add-edit', edit: carPark('a'), updatedAt: LATER };
    const result = await saved.changeStoredScenario(scenario(), 's', [change]);
    expect(result.failed).toBe(true);
    expect(result.scenario?.edits.map((e) => e.id)).toEqual(['a']);
    vi.restoreAllMocks();
    const record = await storedRecord();
    expect(record?.revision).toBe(1);
    const read = await saved.readScenario('scenario:s');
    expect(read.ok && read.value?.edits).toEqual([]);
  });

  it('is stored where it is given to be stored, and the other tabs are told', async () => {
    const saved = await savedWork();
    const heard: string[] = [];
    const other = new BroadcastChannel('huitian-map-saved-work');
    other.onmessage = (event: MessageEvent<{ key: string }>) => heard.push(event.data.key);
    const where: string[] = [];
    const result = await saved.changeStoredScenario(
      null,
      's',
      [{ kind: 'put', scenario: scenario() }],
      async (local, id, changes) => {
        where.push(id);
        return saved.storeScenarioChanges(local, id, changes);
      },
    );
    expect([result.failed, where]).toEqual([false, ['s']]);
    await vi.waitFor(() => expect(heard).toEqual(['scenario:s']));
    other.close();
  });

  it('applies a list of changes in the order given, and writes none of them when the browser refuses', async () => {
    const saved = await savedWork();
    await saved.storeScenarioChanges(null, 's', [{ kind: 'put', scenario: scenario() }]);
    const file = scenario([carPark('f')], '文件');
    const changes: ScenarioChange[] = [
      { kind: 'put', scenario: file },
      { kind: 'add-edit', edit: carPark('b', 116.34), updatedAt: LATER },
    ];
    // Refused on the first write: nothing of the list is stored.
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const refused = await saved.changeStoredScenario(file, 's', changes);
    expect(refused.failed).toBe(true);
    expect((await storedRecord())?.revision).toBe(1);
    vi.restoreAllMocks();
    const stored = await saved.storeScenarioChanges(file, 's', changes);
    expect([stored.scenario?.name, stored.scenario?.edits.map((e) => e.id)]).toEqual([
      '文件',
      ['f', 'b'],
    ]);
    expect((await storedRecord())?.revision).toBe(2);
  });

  it('keeps no change to a scenario none is stored of, and does not make it again', async () => {
    const saved = await savedWork();
    // This tab's copy: the scenario another tab has deleted since.
    const stored = await saved.storeScenarioChanges(scenario(), 's', [
      { kind: 'rename', name: '新名', updatedAt: LATER },
      { kind: 'add-edit', edit: carPark('a'), updatedAt: LATER },
    ]);
    expect([stored.scenario, stored.notFound]).toEqual([null, true]);
    expect(await storedRecord()).toBeUndefined();
    // A put in the same list makes it first: the edit after it is kept.
    const made = await saved.storeScenarioChanges(null, 's', [
      { kind: 'put', scenario: scenario() },
      { kind: 'add-edit', edit: carPark('a'), updatedAt: LATER },
    ]);
    expect([made.scenario?.edits.map((e) => e.id), made.notFound]).toEqual([['a'], false]);
  });

  it('leaves out only the change of a list that would take the scenario over a limit', async () => {
    const saved = await savedWork();
    const full = Array.from({ length: 9_999 }, (_, i) => carPark(`e${i}`, 116.3 + i / 100_000));
    await saved.storeScenarioChanges(null, 's', [{ kind: 'put', scenario: scenario(full) }]);
    const stored = await saved.storeScenarioChanges(scenario(full), 's', [
      { kind: 'rename', name: '满的方案', updatedAt: LATER },
      { kind: 'add-edit', edit: carPark('last'), updatedAt: LATER },
      { kind: 'add-edit', edit: carPark('over', 116.34), updatedAt: LATER },
    ]);
    expect(stored.overLimit.map((o) => o.index)).toEqual([2]);
    expect([stored.scenario?.name, stored.scenario?.edits.at(-1)?.id]).toEqual([
      '满的方案',
      'last',
    ]);
    const work = await saved.loadSavedWork();
    expect([work.skipped, work.scenarios[0]?.edits.length]).toEqual([[], 10_000]);
  });
});
