import { beforeEach, describe, expect, it, vi } from 'vitest';

/** localStorage as a browser keeps it for one origin: shared by every tab, strings only. */
class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

/** A "tab": a fresh copy of the app's store over the shared localStorage. */
async function openTab() {
  vi.resetModules();
  const { useAppStore } = await import('../../src/state/store');
  return useAppStore;
}

const V1 = 'huitian-map.project-status.v1';
const V2 = 'huitian-map.project-status.v2:';
const started = { status: 'started', date: '2025-03-01', note: '甲' } as const;
const completed = { status: 'completed', date: '2025-04-01', note: '乙' } as const;

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
});

describe('project statuses in two tabs', () => {
  it("keeps a status set in each tab, and each tab takes the other's when told", async () => {
    const a = await openTab();
    const b = await openTab();
    // Both tabs opened before either wrote: each holds no statuses in memory.
    a.getState().setProjectStatus('plan-project-1-1', started);
    b.getState().setProjectStatus('plan-project-2-1', completed);

    const fresh = await openTab();
    expect(fresh.getState().projectStatus).toEqual({
      'plan-project-1-1': started,
      'plan-project-2-1': completed,
    });
    // The storage event hands tab A the key tab B wrote.
    a.getState().reloadProjectStatus(`${V2}plan-project-2-1`);
    expect(a.getState().projectStatus).toEqual(fresh.getState().projectStatus);
    // B forgets its status; A hears of it and forgets it too, keeping its own.
    b.getState().setProjectStatus('plan-project-2-1', null);
    a.getState().reloadProjectStatus(`${V2}plan-project-2-1`);
    expect(a.getState().projectStatus).toEqual({ 'plan-project-1-1': started });
  });

  it("moves version 1's statuses to one key each and names the damaged ones", async () => {
    storage.setItem(
      V1,
      JSON.stringify({ 'plan-project-1-1': started, 'plan-project-3-1': { status: 'gone' } }),
    );
    const tab = await openTab();
    expect(tab.getState().projectStatus).toEqual({ 'plan-project-1-1': started });
    expect(tab.getState().skippedRecords).toEqual([
      expect.objectContaining({ kind: 'project-status', name: 'plan-project-3-1' }),
    ]);
    expect(storage.getItem(V1)).toBeNull();
    // Removing the damaged record deletes it, so the next start is clean.
    await tab.getState().removeSkippedRecord(`${V2}plan-project-3-1`);
    expect(tab.getState().skippedRecords).toEqual([]);
    expect((await openTab()).getState().skippedRecords).toEqual([]);
  });

  it('starts with garbage stored, names it, and keeps it named after the saved work restores', async () => {
    storage.setItem(V1, '"just a string"');
    storage.setItem(`${V2}plan-project-4-5`, '{not json');
    storage.setItem(`${V2}plan-project-4-6`, JSON.stringify(completed));
    const tab = await openTab();
    expect(tab.getState().projectStatus).toEqual({ 'plan-project-4-6': completed });
    tab.getState().restoreWork({ imports: [], scenarios: [], activeScenarioId: null, skipped: [] });
    expect(tab.getState().skippedRecords.map((r) => [r.kind, r.name])).toEqual([
      ['project-status', V1],
      ['project-status', 'plan-project-4-5'],
    ]);
    // Another tab writes garbage over a good status: this tab drops it and names it.
    storage.setItem(`${V2}plan-project-4-6`, '[]');
    tab.getState().reloadProjectStatus(`${V2}plan-project-4-6`);
    expect(tab.getState().projectStatus).toEqual({});
    expect(tab.getState().skippedRecords.map((r) => r.name)).toContain('plan-project-4-6');
  });
});
