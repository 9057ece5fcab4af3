import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Scenario, ScenarioEdit } from '../../src/analysis/scenario';
import type { ScenarioChange } from '../../src/analysis/scenario_change';
import { scenarioKey } from '../../src/data/saved_work';
import { DEFAULT_SCENARIO_EDITOR } from '../../src/state/work_slice';

/**
 * A fake restore worker: each change is written to the stored copy when it is asked (the
 * database runs the transactions in that order), but the answers come back when the test says,
 * in any order. A change asked while `refuseNext` is set is not written and its answer fails.
 */
const worker = vi.hoisted(() => ({
  stored: null as Scenario | null,
  refuseNext: false,
  answers: [] as { release: () => void }[],
  otherTabRead: null as Scenario | null,
}));

vi.mock('../../src/worker/import_record_client', async (original) => ({
  ...(await original<typeof import('../../src/worker/import_record_client')>()),
  storeScenarioChangeInWorker: (
    local: Scenario | null,
    _id: string,
    change: ScenarioChange,
  ): Promise<{ scenario: Scenario | null; setAside: null }> => {
    const refuse = worker.refuseNext;
    worker.refuseNext = false;
    if (!refuse) worker.stored = writtenByHand(worker.stored ?? local, change);
    const answer = worker.stored;
    return new Promise((resolve, reject) => {
      worker.answers.push({
        release: () =>
          refuse
            ? reject(new Error('QuotaExceededError'))
            : resolve({ scenario: answer, setAside: null }),
      });
    });
  },
  checkScenario: async () => ({ ok: true, value: worker.otherTabRead }),
}));

/** The stored copy after a change, written out here for the kinds these tests make. */
function writtenByHand(scenario: Scenario | null, change: ScenarioChange): Scenario | null {
  if (change.kind === 'put') return change.scenario;
  if (change.kind === 'add-edit' && scenario) {
    return { ...scenario, edits: [...scenario.edits, change.edit], updatedAt: change.updatedAt };
  }
  if (change.kind === 'remove-edit' && scenario) {
    const edits = scenario.edits.filter((e) => e.id !== change.editId);
    return { ...scenario, edits, updatedAt: change.updatedAt };
  }
  throw new Error(`the fake worker does not write ${change.kind}`);
}

/** A fresh tab for each test: its store, and the changes it has not had confirmed. */
let useAppStore: typeof import('../../src/state/store').useAppStore;
const store = () => useAppStore.getState();
const shownNames = () =>
  store()
    .scenarios.find((s) => s.id === 's1')
    ?.edits.map((e) => e.name);
/** Lets the page take the answers released so far. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const answer = async (n: number) => {
  worker.answers[n]!.release();
  await settle();
};

const carPark = (id: string, name: string): ScenarioEdit => ({
  id,
  type: 'add-car-park',
  name,
  spaces: 100,
  geometry: { type: 'Point', coordinates: [116.42, 40.07] },
});

const now = '2026-12-07T00:00:00.000Z';
const base: Scenario = { id: 's1', name: '方案 1', edits: [], createdAt: now, updatedAt: now };

beforeEach(async () => {
  vi.resetModules();
  ({ useAppStore } = await import('../../src/state/store'));
  worker.stored = null;
  worker.refuseNext = false;
  worker.answers = [];
  useAppStore.setState({
    scenarios: [],
    activeScenarioId: null,
    storageRefused: [],
    scenarioEditor: { ...DEFAULT_SCENARIO_EDITOR, open: true },
  });
  store().saveScenario(base);
  store().setActiveScenario('s1');
  await answer(0);
});

/** Two car parks placed one right after the other: A, then B before A's answer. */
function twoQuickEdits({ refuseB = false } = {}) {
  store().addEdit(carPark('a', '停车场 A'));
  worker.refuseNext = refuseB;
  store().addEdit(carPark('b', '停车场 B'));
  expect(shownNames()).toEqual(['停车场 A', '停车场 B']);
}

describe('two quick edits to one scenario', () => {
  it("keeps B on screen while A's answer arrives first, and keeps the same copy (no new analysis)", async () => {
    twoQuickEdits();
    const shown = store().scenarios[0];
    await answer(1);
    expect(shownNames()).toEqual(['停车场 A', '停车场 B']);
    await answer(2);
    expect(shownNames()).toEqual(['停车场 A', '停车场 B']);
    expect(store().scenarios[0]).toBe(shown);
  });

  it("keeps both when B's answer arrives before A's", async () => {
    twoQuickEdits();
    await answer(2);
    expect(shownNames()).toEqual(['停车场 A', '停车场 B']);
    await answer(1);
    expect(shownNames()).toEqual(['停车场 A', '停车场 B']);
  });

  it('keeps B in the tab when its write is refused, and says scenarios were not kept', async () => {
    twoQuickEdits({ refuseB: true });
    await answer(1);
    await answer(2);
    expect(shownNames()).toEqual(['停车场 A', '停车场 B']);
    expect(store().storageRefused).toContain('scenario');
    // Another tab's change later still shows, with the refused B kept on top.
    worker.otherTabRead = { ...base, edits: [carPark('a', '停车场 A'), carPark('d', '停车场 D')] };
    await store().reloadRecord(scenarioKey('s1'));
    expect(shownNames()).toEqual(['停车场 A', '停车场 D', '停车场 B']);
  });

  it("shows another tab's change that arrives while B is on its way, with B on top", async () => {
    twoQuickEdits();
    await answer(1);
    // The other tab wrote between A's transaction and B's.
    worker.otherTabRead = { ...base, edits: [carPark('a', '停车场 A'), carPark('d', '停车场 D')] };
    await store().reloadRecord(scenarioKey('s1'));
    expect(shownNames()).toEqual(['停车场 A', '停车场 D', '停车场 B']);
  });

  it('stores a refused change before the next one once the browser has room, and the notice goes', async () => {
    twoQuickEdits({ refuseB: true });
    await answer(1);
    await answer(2);
    expect(worker.stored?.edits.map((e) => e.name)).toEqual(['停车场 A']);
    expect(store().storageRefused).toContain('scenario');
    // The next car park: B is asked again first, then C, in the order they were made.
    store().addEdit(carPark('c', '停车场 C'));
    expect(worker.answers).toHaveLength(5);
    expect(worker.stored?.edits.map((e) => e.name)).toEqual(['停车场 A', '停车场 B', '停车场 C']);
    await answer(3);
    await answer(4);
    expect(shownNames()).toEqual(['停车场 A', '停车场 B', '停车场 C']);
    expect(store().storageRefused).not.toContain('scenario');
  });

  it('keeps a refused change in the tab, and the notice, while it is refused again', async () => {
    twoQuickEdits({ refuseB: true });
    await answer(1);
    await answer(2);
    worker.refuseNext = true; // B's second try; C is stored.
    store().addEdit(carPark('c', '停车场 C'));
    await answer(3);
    await answer(4);
    expect(worker.stored?.edits.map((e) => e.name)).toEqual(['停车场 A', '停车场 C']);
    expect(shownNames()).toEqual(['停车场 A', '停车场 C', '停车场 B']);
    expect(store().storageRefused).toContain('scenario');
  });

  it('drops a refused change whose refusal comes after a newer stored change made it moot', async () => {
    worker.refuseNext = true;
    store().addEdit(carPark('e', '停车场 E'));
    store().removeEdit('e');
    expect(shownNames()).toEqual([]);
    await answer(2); // The removal is stored first...
    await answer(1); // ...and the addition's refusal comes after it.
    expect(shownNames()).toEqual([]);
    expect(store().storageRefused).not.toContain('scenario');
    store().addEdit(carPark('f', '停车场 F'));
    await answer(worker.answers.length - 1);
    expect(worker.stored?.edits.map((e) => e.name)).toEqual(['停车场 F']);
    expect(shownNames()).toEqual(['停车场 F']);
  });

  it('does not ask again for a refused change while an older one is on its way', async () => {
    twoQuickEdits({ refuseB: true });
    await answer(2); // B refused while A is still on its way.
    store().addEdit(carPark('c', '停车场 C'));
    // Only C is asked: B asked again now would be stored after A's answer is still awaited.
    expect(worker.answers).toHaveLength(4);
    await answer(1);
    await answer(3);
    expect(shownNames()).toEqual(['停车场 A', '停车场 C', '停车场 B']);
    // The change after that asks for B again.
    store().addEdit(carPark('d', '停车场 D'));
    expect(worker.answers).toHaveLength(6);
    expect(worker.stored?.edits.map((e) => e.name)).toEqual([
      '停车场 A',
      '停车场 C',
      '停车场 B',
      '停车场 D',
    ]);
  });
});
