import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadSavedWork, storeScenarioChanges } from '../../src/data/saved_work';
import { useAppStore } from '../../src/state/store';
import { DEFAULT_SCENARIO_EDITOR } from '../../src/state/work_slice';

const store = () => useAppStore.getState();

beforeEach(() => {
  useAppStore.setState({
    scenarios: [],
    activeScenarioId: null,
    scenarioEditor: { ...DEFAULT_SCENARIO_EDITOR, open: true },
    skippedRecords: [],
  });
  const now = '2026-11-29T00:00:00.000Z';
  store().saveScenario({ id: 's1', name: '方案 1', edits: [], createdAt: now, updatedAt: now });
  store().setActiveScenario('s1');
});

const edits = () => store().scenarios.find((s) => s.id === 's1')!.edits;

/** The saved work as a reload reads it, once `n` edits of s1 are stored (or 1 s passed). */
async function storedOnceSettled(n: number) {
  for (let i = 0; i < 100; i++) {
    const saved = await loadSavedWork();
    const stored = saved.scenarios.find((s) => s.id === 's1')?.edits.length ?? 0;
    if (stored >= n || saved.skipped.length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // Anything still on its way lands before the answer that counts.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return loadSavedWork();
}

describe('editing a scenario', () => {
  it('draws a park corner by corner; the double click that closes it adds no corner', () => {
    store().updateScenarioEditor({ tool: 'add-park' });
    for (const corner of [
      [116.42, 40.068],
      [116.422, 40.068],
      [116.422, 40.07],
      [116.422, 40.07],
    ] as [number, number][]) {
      store().placeScenarioPoint(corner);
    }
    expect(store().scenarioEditor.draft).toHaveLength(3);
    expect(store().finishPark()).toBeNull();
    expect(edits()).toHaveLength(1);
    expect(edits()[0]).toMatchObject({ type: 'add-park', name: '规划公园 1' });
    expect(store().scenarioEditor.draft).toEqual([]);
  });

  it('refuses a park of two corners, or one whose outline crosses itself', () => {
    store().updateScenarioEditor({ tool: 'add-park' });
    store().placeScenarioPoint([116.42, 40.068]);
    store().placeScenarioPoint([116.422, 40.068]);
    expect(store().finishPark()).toBe('tooFewVertices');
    store().placeScenarioPoint([116.42, 40.07]);
    store().placeScenarioPoint([116.422, 40.07]);
    expect(store().finishPark()).toBe('selfIntersecting');
    expect(store().scenarioEditor.problem).toBe('scenario.problem.selfIntersecting');
    expect(edits()).toEqual([]);
  });

  it('refuses a car park, a school or a park corner outside the area, and keeps the rest on reload', async () => {
    store().updateScenarioEditor({ tool: 'add-car-park' });
    store().placeScenarioPoint([116.42, 40.07]);
    store().placeScenarioPoint([116.4, 40.07]);
    // East of 116.55 E: beyond the area the app covers.
    store().placeScenarioPoint([116.56, 40.07]);
    expect(store().scenarioEditor.problem).toBe('scenario.problem.outsideArea');
    store().updateScenarioEditor({ tool: 'add-school', problem: null });
    store().placeScenarioPoint([116.3, 39.9]);
    expect(store().scenarioEditor.problem).toBe('scenario.problem.outsideArea');
    store().updateScenarioEditor({ tool: 'add-park', problem: null });
    store().placeScenarioPoint([116.42, 40.21]);
    expect(store().scenarioEditor.problem).toBe('scenario.problem.outsideArea');
    expect(store().scenarioEditor.draft).toEqual([]);
    expect(edits().map((e) => e.name)).toEqual(['规划停车场 1', '规划停车场 2']);
    const saved = await storedOnceSettled(2);
    expect(saved.skipped).toEqual([]);
    expect(saved.scenarios[0]?.edits.map((e) => e.name)).toEqual(['规划停车场 1', '规划停车场 2']);
    expect(store().storageRefused).toEqual([]);
  });

  it('refuses a park closed on its first corner (no area), and keeps the scenario on reload', async () => {
    store().updateScenarioEditor({ tool: 'add-car-park' });
    store().placeScenarioPoint([116.42, 40.07]);
    store().updateScenarioEditor({ tool: 'add-park' });
    // Click A, click B, then the double click on A's pixel: the outline goes A, B, A.
    for (const corner of [
      [116.4, 40.07],
      [116.41, 40.07],
      [116.4, 40.07],
      [116.4, 40.07],
    ] as [number, number][]) {
      store().placeScenarioPoint(corner);
    }
    expect(store().finishPark()).toBe('noArea');
    expect(store().scenarioEditor.problem).toBe('scenario.problem.noArea');
    expect(edits().map((e) => e.type)).toEqual(['add-car-park']);
    const saved = await storedOnceSettled(1);
    expect(saved.skipped).toEqual([]);
    expect(saved.scenarios[0]?.edits.map((e) => e.type)).toEqual(['add-car-park']);
  });

  it('refuses an edit past the 10,000 a scenario may hold (README), and keeps them all on reload', async () => {
    const now = '2026-11-29T00:00:00.000Z';
    const full = Array.from({ length: 10_000 }, (_, i) => ({
      id: `e${i}`,
      type: 'add-car-park' as const,
      name: `停车场 ${i}`,
      spaces: 10,
      geometry: { type: 'Point' as const, coordinates: [116.3 + i / 100_000, 40.07] },
    }));
    store().saveScenario({ id: 's1', name: '方案 1', edits: full, createdAt: now, updatedAt: now });
    store().updateScenarioEditor({ tool: 'add-car-park' });
    store().placeScenarioPoint([116.42, 40.07]);
    expect(store().scenarioEditor.problem).toBe('scenario.problem.tooManyEdits');
    // The refusal names the limit and the figure the edit would have made.
    expect(store().scenarioEditor.problemDetail).toContain(
      '方案的编辑数超过上限 10,000（此文件：10,001）',
    );
    store().updateScenarioEditor({ tool: 'add-park', problem: null });
    for (const corner of [
      [116.42, 40.068],
      [116.422, 40.068],
      [116.422, 40.07],
    ] as [number, number][]) {
      store().placeScenarioPoint(corner);
    }
    expect(store().finishPark()).toBe('tooManyEdits');
    store().updateScenarioEditor({ tool: 'remove', problem: null });
    store().removeFacility('parks', 'park-osm-6', '回龙园');
    expect(store().scenarioEditor.problem).toBe('scenario.problem.tooManyEdits');
    expect(edits()).toHaveLength(10_000);
    const saved = await storedOnceSettled(10_000);
    expect(saved.skipped).toEqual([]);
    expect(saved.scenarios[0]?.edits).toHaveLength(10_000);
  });

  it('refuses a car park past the 2,000,000 positions a scenario may hold (README), not a removal', () => {
    // Twenty round parks of 99,999 corners each: with their closing corners, 2,000,000 positions.
    const ring = (centreLon: number): [number, number][] => {
      const corners = Array.from({ length: 99_999 }, (_, i): [number, number] => {
        const angle = (2 * Math.PI * i) / 99_999;
        return [centreLon + 0.004 * Math.cos(angle), 40.07 + 0.004 * Math.sin(angle)];
      });
      return [...corners, corners[0]!];
    };
    const parks = Array.from({ length: 20 }, (_, i) => ({
      id: `p${i}`,
      type: 'add-park' as const,
      name: `公园 ${i}`,
      geometry: { type: 'Polygon' as const, coordinates: [ring(116.2 + i * 0.01)] },
    }));
    const full = { ...store().scenarios.find((s) => s.id === 's1')!, edits: parks };
    useAppStore.setState({ scenarios: [full] });
    store().updateScenarioEditor({ tool: 'add-car-park' });
    store().placeScenarioPoint([116.42, 40.09]);
    expect(store().scenarioEditor.problem).toBe('scenario.problem.tooManyPositions');
    // 20 × 100,000 positions, and the car park one more: the count stops there.
    expect(store().scenarioEditor.problemDetail).toContain(
      'over the limit of 2,000,000 (this file: at least 2,000,001)',
    );
    expect(edits()).toHaveLength(20);
    // A removal has no position: it still fits.
    store().updateScenarioEditor({ tool: 'remove', problem: null });
    store().removeFacility('parks', 'park-osm-6', '回龙园');
    expect(store().scenarioEditor.problem).toBeNull();
    expect(
      edits()
        .map((e) => e.type)
        .slice(-2),
    ).toEqual(['add-park', 'remove']);
  });

  it('takes out an edit that the stored copy, grown in another tab, has no room for, says why, and keeps the rest', async () => {
    const now = '2026-11-29T00:00:00.000Z';
    const carPark = (id: string, i: number) => ({
      id,
      type: 'add-car-park' as const,
      name: `停车场 ${id}`,
      spaces: 10,
      geometry: { type: 'Point' as const, coordinates: [116.3 + i / 100_000, 40.07] },
    });
    const edits9999 = Array.from({ length: 9_999 }, (_, i) => carPark(`e${i}`, i));
    store().saveScenario({
      id: 's1',
      name: '方案 1',
      edits: edits9999,
      createdAt: now,
      updatedAt: now,
    });
    await storedOnceSettled(9_999);
    // Another tab, showing the same 9,999 edits, adds one: the stored copy holds 10,000.
    const other = carPark('other-tab', 9_999);
    await storeScenarioChanges(null, 's1', [{ kind: 'add-edit', edit: other, updatedAt: now }]);
    store().updateScenarioEditor({ tool: 'add-car-park' });
    store().placeScenarioPoint([116.42, 40.07]);
    expect(edits()).toHaveLength(10_000);
    await vi.waitFor(() =>
      expect(store().scenarioEditor.problem).toBe('scenario.problem.storedOverLimit'),
    );
    // The stored 10,000 and this tab's one more.
    expect(store().scenarioEditor.problemDetail).toContain('(this file: 10,001)');
    expect(edits().map((e) => e.id)).toEqual([...edits9999.map((e) => e.id), 'other-tab']);
    expect(store().storageRefused).toEqual([]);
    const saved = await loadSavedWork();
    expect(saved.skipped).toEqual([]);
    expect(saved.scenarios[0]?.edits.map((e) => e.id)).toEqual(edits().map((e) => e.id));
  });

  it('names a damaged stored copy it kept aside rather than wrote over, and removes it on request', async () => {
    await storedOnceSettled(0);
    const { createStore, set } = await import('idb-keyval');
    const damaged = { revision: 2, geojson: { type: 'FeatureCollection', features: [null] } };
    await set('scenario:s1', damaged, createStore('huitian-map', 'saved-work'));
    store().updateScenarioEditor({ tool: 'add-car-park' });
    store().placeScenarioPoint([116.42, 40.07]);
    await vi.waitFor(() => expect(store().skippedRecords).toHaveLength(1));
    const [aside] = store().skippedRecords;
    expect([aside?.kind, aside?.key.startsWith('scenario:s1#')]).toEqual(['scenario', true]);
    expect(edits().map((e) => e.name)).toEqual(['规划停车场 1']);
    await store().removeSkippedRecord(aside!.key);
    expect(store().skippedRecords).toEqual([]);
    const saved = await loadSavedWork();
    expect([saved.skipped, saved.scenarios.map((s) => s.edits.length)]).toEqual([[], [1]]);
  });

  it('places schools of the chosen level and car parks with their spaces, each named apart', () => {
    store().updateScenarioEditor({ tool: 'add-school', schoolLevel: 'middle' });
    store().placeScenarioPoint([116.42, 40.07]);
    store().placeScenarioPoint([116.43, 40.07]);
    store().updateScenarioEditor({ tool: 'add-car-park', carParkSpaces: 240 });
    store().placeScenarioPoint([116.41, 40.07]);
    expect(edits().map((e) => e.name)).toEqual(['规划中学 1', '规划中学 2', '规划停车场 1']);
    expect(edits()[2]).toMatchObject({ type: 'add-car-park', spaces: 240 });
  });

  it('removes a facility once, and undoes an edit', () => {
    store().removeFacility('parks', 'park-osm-6', '回龙园');
    store().removeFacility('parks', 'park-osm-6', '回龙园');
    expect(edits()).toHaveLength(1);
    store().removeEdit(edits()[0]!.id);
    expect(edits()).toEqual([]);
  });

  it('keeps scenarios in IndexedDB, and forgets a compared scenario when it is deleted', async () => {
    const now = '2026-11-29T00:00:00.000Z';
    store().saveScenario({ id: 's2', name: '方案 2', edits: [], createdAt: now, updatedAt: now });
    store().updateScenarioEditor({ compareWithId: 's2' });
    store().deleteScenario('s2');
    expect(store().scenarioEditor.compareWithId).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const saved = await loadSavedWork();
    expect(saved.scenarios.map((s) => s.id)).toEqual(['s1']);
    expect(saved.activeScenarioId).toBe('s1');
  });

  it('changes the scenario list once per edit: storing it gives back the same scenario', async () => {
    // Let the saving from beforeEach settle first.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lists: unknown[] = [];
    const stop = useAppStore.subscribe((state, before) => {
      if (state.scenarios !== before.scenarios) lists.push(state.scenarios);
    });
    store().updateScenarioEditor({ tool: 'add-school', schoolLevel: 'primary' });
    store().placeScenarioPoint([116.42, 40.07]);
    for (let i = 0; i < 100; i++) {
      const saved = await loadSavedWork();
      if (saved.scenarios[0]?.edits.length === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop();
    expect(lists).toHaveLength(1);
    expect(edits().map((e) => e.name)).toEqual(['规划小学 1']);
  });
});
