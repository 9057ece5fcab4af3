import type { Scenario } from '../analysis/scenario';
import { type ScenarioChange, applyScenarioChange } from '../analysis/scenario_change';

interface Entry {
  change: ScenarioChange;
  /** The browser refused it once: until it is stored, scenarios are named as not kept. */
  refusedOnce: boolean;
}

/** This tab's changes to one scenario the store has not confirmed, in the order made. */
interface Unstored {
  /** Refused by the browser: they go first in the next batch. */
  refused: Entry[];
  /** The batch on its way, stored in one transaction; null when none is. */
  sent: Entry[] | null;
  /** Made while a batch was on its way: sent, after the refused ones, once it is answered. */
  waiting: Entry[];
}

/** Changes to send to the store together, in one transaction, in the order made. */
export interface ChangeBatch {
  id: string;
  changes: ScenarioChange[];
}

const applyAll = (scenario: Scenario | null, entries: readonly Entry[]) =>
  entries.reduce((s, e) => applyScenarioChange(s, e.change), scenario);

/**
 * This tab's scenario changes the store has not confirmed, per scenario: at most one batch on
 * its way at a time, and what was refused or made since sent after it, together, as one
 * transaction. So the stored copy always holds a prefix of the changes in the order made, never
 * a later change without an earlier one: a refused `put` (a new scenario, a scenario file)
 * followed by a stored edit would otherwise be stored after the edit and replace it. A stored
 * result or another tab's copy is shown with the changes not stored yet applied again on top,
 * so a quick second change never vanishes while the first one's answer arrives, and a refused
 * one stays in the tab.
 */
export function unstoredScenarioChanges() {
  const byScenario = new Map<string, Unstored>();
  const unstored = (id: string): Unstored =>
    byScenario.get(id) ?? { refused: [], sent: null, waiting: [] };
  const keep = (id: string, u: Unstored) => {
    if (u.refused.length === 0 && !u.sent && u.waiting.length === 0) byScenario.delete(id);
    else byScenario.set(id, u);
  };
  /** The batch to send now: none while one is on its way, else all that is not stored. */
  const nextBatch = (id: string): ChangeBatch | null => {
    const u = unstored(id);
    const sent = [...u.refused, ...u.waiting];
    if (u.sent || sent.length === 0) return null;
    keep(id, { refused: [], sent, waiting: [] });
    return { id, changes: sent.map((e) => e.change) };
  };

  return {
    /** Notes a change made in this tab; returns the batch to store now, if one may go. */
    made(id: string, change: ScenarioChange): ChangeBatch | null {
      const u = unstored(id);
      keep(id, { ...u, waiting: [...u.waiting, { change, refusedOnce: false }] });
      return nextBatch(id);
    },
    /**
     * The batch on its way was stored, `scenario` being the stored copy after it (without any
     * change the store left out as over the reader's limits: the tab drops those). Returns what
     * the tab shows, the changes made since on top, and the batch to send next.
     */
    stored(
      id: string,
      scenario: Scenario | null,
    ): { shown: Scenario | null; next: ChangeBatch | null } {
      const u = unstored(id);
      keep(id, { ...u, sent: null });
      return { shown: applyAll(scenario, u.waiting), next: nextBatch(id) };
    },
    /**
     * The batch on its way was refused: nothing of it was stored, the tab keeps it. Returns the
     * batch to try at once: it with the changes made since, when there are any.
     */
    refused(id: string): ChangeBatch | null {
      const u = unstored(id);
      const refused = (u.sent ?? []).map((e) => ({ ...e, refusedOnce: true }));
      keep(id, { refused: [...u.refused, ...refused], sent: null, waiting: u.waiting });
      return u.waiting.length > 0 ? nextBatch(id) : null;
    },
    /**
     * The refused changes to try storing again, one batch per scenario with none on its way
     * (a scenario with one on its way sends them after it, with what was made since).
     */
    retryRefused(): ChangeBatch[] {
      const batches: ChangeBatch[] = [];
      for (const [id, u] of [...byScenario]) {
        const batch = u.refused.length > 0 ? nextBatch(id) : null;
        if (batch) batches.push(batch);
      }
      return batches;
    },
    /** Whether any change of this tab was refused and is not stored since. */
    anyRefused(): boolean {
      return [...byScenario.values()].some((u) =>
        [...u.refused, ...(u.sent ?? [])].some((e) => e.refusedOnce),
      );
    },
    /** Another tab stored `scenario`: what the tab shows, with its own unstored changes on top. */
    fromOtherTab(id: string, scenario: Scenario | null): Scenario | null {
      const u = unstored(id);
      return applyAll(scenario, [...u.refused, ...(u.sent ?? []), ...u.waiting]);
    },
  };
}
