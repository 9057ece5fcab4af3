import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Scenario } from '../../src/analysis/scenario';
import { DEFAULT_SCENARIO_EDITOR } from '../../src/state/work_slice';

/**
 * Writes of the choice of the active scenario whose answers come back when the test says, in
 * any order: a refused write needs no commit, so it can answer before an older write that is
 * kept. Each write asked is listed with the choice it writes.
 */
const writes = vi.hoisted(() => ({
  asked: [] as { id: string | null; answer: (kept: boolean) => void }[],
}));

vi.mock('../../src/data/saved_work', async (original) => ({
  ...(await original<typeof import('../../src/data/saved_work')>()),
  saveActiveScenario: (id: string | null) =>
    new Promise<boolean>((resolve) => writes.asked.push({ id, answer: resolve })),
}));

/** Changes to scenarios themselves are all stored (a deletion leaves none). */
vi.mock('../../src/worker/import_record_client', async (original) => ({
  ...(await original<typeof import('../../src/worker/import_record_client')>()),
  storeScenarioChangesInWorker: async () => ({
    scenario: null,
    setAside: null,
    overLimit: [],
    notFound: false,
  }),
}));

let useAppStore: typeof import('../../src/state/store').useAppStore;
const store = () => useAppStore.getState();
/** Lets the page take the answers given so far. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const answer = async (n: number, kept: boolean) => {
  writes.asked[n]!.answer(kept);
  await settle();
};

const now = '2026-12-07T00:00:00.000Z';
const scenario = (id: string): Scenario => ({
  id,
  name: `方案 ${id}`,
  edits: [],
  createdAt: now,
  updatedAt: now,
});

beforeEach(async () => {
  vi.resetModules();
  ({ useAppStore } = await import('../../src/state/store'));
  writes.asked = [];
  useAppStore.setState({
    scenarios: [scenario('s1'), scenario('s2')],
    activeScenarioId: null,
    storageRefused: [],
    scenarioEditor: { ...DEFAULT_SCENARIO_EDITOR, open: true },
  });
});

describe('the notice of a refused choice of the active scenario', () => {
  it('stays when the last choice was refused and an older one is kept after it', async () => {
    store().setActiveScenario('s1');
    store().setActiveScenario('s2');
    expect(writes.asked.map((w) => w.id)).toEqual(['s1', 's2']);
    await answer(1, false);
    expect(store().storageRefused).toContain('scenario');
    // The older write's commit comes after: it says nothing of what is stored last.
    await answer(0, true);
    expect(store().storageRefused).toContain('scenario');
    // Saving again writes the last choice, and the notice goes once it is kept.
    store().retrySavingScenarios();
    expect(writes.asked.map((w) => w.id)).toEqual(['s1', 's2', 's2']);
    await answer(2, true);
    expect(store().storageRefused).not.toContain('scenario');
  });

  it('does not come when an older choice is refused after the last one was kept', async () => {
    store().setActiveScenario('s1');
    store().setActiveScenario('s2');
    await answer(1, true);
    await answer(0, false);
    expect(store().storageRefused).not.toContain('scenario');
    // Nothing is kept only in this tab: saving again writes nothing.
    store().retrySavingScenarios();
    expect(writes.asked).toHaveLength(2);
  });

  it('waits for the last choice when an older one answers first', async () => {
    store().setActiveScenario('s1');
    await answer(0, false);
    expect(store().storageRefused).toContain('scenario');
    store().setActiveScenario('s2');
    store().setActiveScenario(null);
    // The middle write is kept, but the last one made has not answered.
    await answer(1, true);
    expect(store().storageRefused).toContain('scenario');
    await answer(2, true);
    expect(store().storageRefused).not.toContain('scenario');
  });

  it('follows the choice written by deleting the active scenario', async () => {
    store().setActiveScenario('s1');
    store().deleteScenario('s1');
    expect(writes.asked.map((w) => w.id)).toEqual(['s1', null]);
    await answer(1, false);
    await answer(0, true);
    expect(store().scenarios.map((s) => s.id)).toEqual(['s2']);
    expect(store().storageRefused).toContain('scenario');
    store().retrySavingScenarios();
    expect(writes.asked.map((w) => w.id)).toEqual(['s1', null, null]);
  });
});
