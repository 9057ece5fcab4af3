import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Scenario, ScenarioEdit } from '../../src/analysis/scenario';
import type { ScenarioChange } from '../../src/analysis/scenario_change';
import { scenarioKey } from '../../src/data/saved_work';
import { DEFAULT_SCENARIO_EDITOR } from '../../src/state/work_slice';

/**
 * A fake restore worker: each batch of changes is written to the stored copy when it is asked
 * (the database runs the transactions in that order), but the answers come back when the test
 * says. A batch asked while `refuseNext` is set is not written and its answer fails.
 */
const worker = vi.hoisted(() => ({
  stored: null as Scenario | null,
  refuseNext: false,
  answers: [] as { release: () => void }[],
  /** Each batch asked, as the kinds of its changes with the edit or scenario they name. */
  asked: [] as string[][],
  otherTabRead: null as Scenario | null,
}));

vi.mock('../../src/worker/import_record_client', async (original) => ({
  ...(await original<typeof import('../../src/worker/import_record_client')>()),
  storeScenarioChangesInWorker: (
    local: Scenario | null,
    _id: string,
    changes: readonly ScenarioChange[],
  ): Promise<{ scenario: Scenario | null; setAside: null; overLimit: []; notFound: false }> => {
    const refuse = worker.refuseNext;
    worker.refuseNext = false;
    worker.asked.push(changes.map(named));
    if (!refuse) worker.stored = changes.reduce(writtenByHand, worker.stored ?? local);
    const answer = worker.stored;
    return new Promise((resolve, reject) => {
      worker.answers.push({
        release: () =>
          refuse
            ? reject(new Error('QuotaExceededError'))
            : resolve({ scenario: answer, setAside: null, overLimit: [], notFound: false }),
      });
    });
  },
  checkScenario: async () => ({ ok: true, value: worker.otherTabRead }),
}));

function named(change: ScenarioChange): string {
  if (change.kind === 'put') return `put ${change.scenario.name}`;
  if (change.kind === 'add-edit') return `add ${change.edit.id}`;
  if (change.kind === 'remove-edit') return `remove ${change.editId}`;
  return change.kind;
}

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
  worker.asked = [];
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
  store().addEdit(carPark('b', '停车场 B'));
  // B's batch is asked once A's is answered: B may be refused then.
  worker.refuseNext = refuseB;
  expect(shownNames()).toEqual(['停车场 A', '停车场 B']);
}
const storedNames = () => worker.stored?.edits.map((e) => e.name);

describe('two quick edits to one scenario', () => {
  it("keeps B on screen while A's answer arrives, and keeps the same copy (no new analysis)", async () => {
    twoQuickEdits();
    const shown = store().scenarios[0];
    await answer(1);
    expect(shownNames()).toEqual(['停车场 A', '停车场 B']);
    await answer(2);
    expect(shownNames()).toEqual(['停车场 A', '停车场 B']);
    expect(store().scenarios[0]).toBe(shown);
  });

  it('asks for the changes made while one is on its way once it is answered, together, in order', async () => {
    twoQuickEdits();
    store().addEdit(carPark('c', '停车场 C'));
    // Only A is asked while it is on its way: B is never stored before it.
    expect(worker.asked).toEqual([['put 方案 1'], ['add a']]);
    expect(storedNames()).toEqual(['停车场 A']);
    await answer(1);
    expect(worker.asked.slice(2)).toEqual([['add b', 'add c']]);
    expect(storedNames()).toEqual(['停车场 A', '停车场 B', '停车场 C']);
    await answer(2);
    expect(shownNames()).toEqual(['停车场 A', '停车场 B', '停车场 C']);
    expect(worker.asked).toHaveLength(3);
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

  it('stores a refused change with the next one, in one transaction, and the notice goes', async () => {
    twoQuickEdits({ refuseB: true });
    await answer(1);
    await answer(2);
    expect(storedNames()).toEqual(['停车场 A']);
    expect(store().storageRefused).toContain('scenario');
    store().addEdit(carPark('c', '停车场 C'));
    expect(worker.asked.slice(3)).toEqual([['add b', 'add c']]);
    expect(storedNames()).toEqual(['停车场 A', '停车场 B', '停车场 C']);
    await answer(3);
    expect(shownNames()).toEqual(['停车场 A', '停车场 B', '停车场 C']);
    expect(store().storageRefused).not.toContain('scenario');
  });

  it('keeps refused changes in the tab in the order made, and the notice, while they are refused', async () => {
    twoQuickEdits({ refuseB: true });
    await answer(1);
    await answer(2);
    worker.refuseNext = true; // B's second try, with C: neither is stored.
    store().addEdit(carPark('c', '停车场 C'));
    await answer(3);
    expect(storedNames()).toEqual(['停车场 A']);
    expect(shownNames()).toEqual(['停车场 A', '停车场 B', '停车场 C']);
    expect(store().storageRefused).toContain('scenario');
    store().addEdit(carPark('d', '停车场 D'));
    expect(worker.asked.slice(4)).toEqual([['add b', 'add c', 'add d']]);
    await answer(4);
    expect(storedNames()).toEqual(['停车场 A', '停车场 B', '停车场 C', '停车场 D']);
    expect(store().storageRefused).not.toContain('scenario');
  });

  it('stores a refused change with the newer one that makes it moot, made before its refusal came', async () => {
    worker.refuseNext = true;
    store().addEdit(carPark('e', '停车场 E'));
    store().removeEdit('e');
    expect(shownNames()).toEqual([]);
    await answer(1); // The addition is refused; the removal, waiting, goes with it at once.
    expect(worker.asked.slice(2)).toEqual([['add e', 'remove e']]);
    await answer(2);
    expect(shownNames()).toEqual([]);
    expect(storedNames()).toEqual([]);
    expect(store().storageRefused).not.toContain('scenario');
    store().addEdit(carPark('f', '停车场 F'));
    await answer(worker.answers.length - 1);
    expect(storedNames()).toEqual(['停车场 F']);
    expect(shownNames()).toEqual(['停车场 F']);
  });

  it('never stores an edit without the refused scenario file it was made on', async () => {
    // A scenario file of the same id, opened over it: its write is refused.
    worker.refuseNext = true;
    const file = { ...base, name: '文件里的方案', edits: [carPark('x', '停车场 X')] };
    store().saveScenario(file);
    store().addEdit(carPark('b', '停车场 B'));
    await answer(1);
    expect(worker.asked.slice(1)).toEqual([['put 文件里的方案'], ['put 文件里的方案', 'add b']]);
    expect(storedNames()).toEqual(['停车场 X', '停车场 B']);
    await answer(2);
    expect(shownNames()).toEqual(['停车场 X', '停车场 B']);
    expect(store().storageRefused).not.toContain('scenario');
  });
});

describe('saving refused changes again', () => {
  /** A and B both refused: A's write, then A with B (made meanwhile) sent at once. */
  async function bothRefused() {
    worker.refuseNext = true;
    store().addEdit(carPark('a', '停车场 A'));
    store().addEdit(carPark('b', '停车场 B'));
    worker.refuseNext = true; // A with B, asked once A's refusal is answered.
    await answer(1);
    await answer(2);
    expect(worker.asked.slice(1)).toEqual([['add a'], ['add a', 'add b']]);
    expect(storedNames()).toEqual([]);
    expect(store().storageRefused).toContain('scenario');
  }

  it('stores every refused change at once, in one batch in the order made, and the notice goes', async () => {
    await bothRefused();
    store().retrySavingScenarios();
    expect(worker.asked.slice(3)).toEqual([['add a', 'add b']]);
    await answer(3);
    expect(storedNames()).toEqual(['停车场 A', '停车场 B']);
    expect(shownNames()).toEqual(['停车场 A', '停车场 B']);
    expect(store().storageRefused).not.toContain('scenario');
  });

  it('keeps them in the tab, and the notice, when they are refused again', async () => {
    await bothRefused();
    worker.refuseNext = true;
    store().retrySavingScenarios();
    await answer(3);
    expect(storedNames()).toEqual([]);
    expect(shownNames()).toEqual(['停车场 A', '停车场 B']);
    expect(store().storageRefused).toContain('scenario');
    // The browser has room again: a later try stores them all.
    store().retrySavingScenarios();
    expect(worker.asked.slice(4)).toEqual([['add a', 'add b']]);
    await answer(4);
    expect(storedNames()).toEqual(['停车场 A', '停车场 B']);
    expect(store().storageRefused).not.toContain('scenario');
  });

  it('asks no second batch of a scenario while one is on its way', async () => {
    await bothRefused();
    store().addEdit(carPark('c', '停车场 C')); // A, B and C on their way.
    store().retrySavingScenarios();
    expect(worker.asked.slice(3)).toEqual([['add a', 'add b', 'add c']]);
    await answer(3);
    expect(storedNames()).toEqual(['停车场 A', '停车场 B', '停车场 C']);
    expect(worker.asked).toHaveLength(4);
  });

  it('asks nothing when nothing was refused', () => {
    store().retrySavingScenarios();
    expect(worker.asked).toEqual([['put 方案 1']]);
  });
});

describe('saving the refused choice of the active scenario again', () => {
  it('writes it again, and the notice goes once it is stored', async () => {
    // The choice of 's1' made before is answered first: a later write's answer follows it.
    const { saveActiveScenario } = await import('../../src/data/saved_work');
    expect(await saveActiveScenario('s1')).toBe(true);
    await settle();
    // The browser refuses the next write of the choice (storage full), then has room again.
    const put = IDBObjectStore.prototype.put;
    const written: unknown[] = [];
    let refused = false;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      at?: IDBValidKey,
    ) {
      if (at === 'active-scenario' && !refused) {
        refused = true;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      if (at === 'active-scenario') written.push(value);
      return put.call(this, value, at);
    });
    try {
      store().setActiveScenario(null);
      await vi.waitFor(() => expect(store().storageRefused).toContain('scenario'));
      await settle();
      expect(written).toEqual([]);
      store().retrySavingScenarios();
      await vi.waitFor(() => expect(written).toEqual([null]));
      await vi.waitFor(() => expect(store().storageRefused).not.toContain('scenario'));
      expect(store().activeScenarioId).toBeNull();
    } finally {
      spy.mockRestore();
    }
  });
});
