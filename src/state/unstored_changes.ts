import type { Scenario } from '../analysis/scenario';
import { type ScenarioChange, applyScenarioChange } from '../analysis/scenario_change';

interface Entry {
  seq: number;
  change: ScenarioChange;
  /** The browser refused to store it: the tab keeps it on top of whatever is stored. */
  refused: boolean;
}

/**
 * Whether `later`, once stored, makes `earlier` moot, so that a refused `earlier` is neither kept
 * on top nor tried again after it: a put or delete replaces everything, a rename an older name,
 * and a change to one edit an older change to the same edit.
 */
function supersedes(later: ScenarioChange, earlier: ScenarioChange): boolean {
  if (later.kind === 'put' || later.kind === 'delete') return true;
  if (later.kind === 'rename') return earlier.kind === 'rename';
  const editId = (c: ScenarioChange) =>
    c.kind === 'add-edit' ? c.edit.id : c.kind === 'remove-edit' ? c.editId : null;
  return editId(later) !== null && editId(later) === editId(earlier);
}

/**
 * This tab's scenario changes the store has not confirmed: the ones still on their way (in
 * the order made) and the ones the browser refused. A stored result or another tab's copy is
 * shown only with these applied again on top, so a quick second change never vanishes while
 * the first one's answer arrives, and a refused one stays in the tab.
 */
export function unstoredScenarioChanges() {
  const byScenario = new Map<string, Entry[]>();
  /**
   * Stored changes, per scenario, kept while an older change of this tab is still on its way:
   * should that one's refusal come after (answers may come in any order), it is moot.
   */
  const storedLater = new Map<string, { seq: number; change: ScenarioChange }[]>();
  /** The newest change whose stored result was taken, per scenario. */
  const takenSeq = new Map<string, number>();
  let nextSeq = 0;
  const entries = (id: string) => byScenario.get(id) ?? [];
  const onTop = (scenario: Scenario | null, list: Entry[]) =>
    list.reduce((s, e) => applyScenarioChange(s, e.change), scenario);
  /** Forgets the stored changes that no change still on its way is older than. */
  const keepStoredWhileOlderOnTheirWay = (id: string) => {
    const onTheirWay = entries(id).filter((e) => !e.refused);
    const kept = (storedLater.get(id) ?? []).filter((s) => onTheirWay.some((e) => e.seq < s.seq));
    if (kept.length > 0) storedLater.set(id, kept);
    else storedLater.delete(id);
  };
  /** What the tab shows once change `seq` is answered with `scenario`, `rest` still unstored. */
  const answered = (id: string, seq: number, rest: Entry[], scenario: Scenario | null) => {
    byScenario.set(id, rest);
    keepStoredWhileOlderOnTheirWay(id);
    if (seq < (takenSeq.get(id) ?? 0)) return undefined;
    if (rest.some((e) => !e.refused && e.seq > seq)) return undefined;
    takenSeq.set(id, seq);
    // Older changes still on their way were stored before this one (one transaction each,
    // in order), or will be refused; only the refused ones go on top.
    return onTop(
      scenario,
      rest.filter((e) => e.refused),
    );
  };

  return {
    /** Notes a change made in this tab; returns its number for `stored` or `refused`. */
    made(id: string, change: ScenarioChange): number {
      const seq = ++nextSeq;
      byScenario.set(id, [...entries(id), { seq, change, refused: false }]);
      return seq;
    },
    /**
     * Change `seq` is stored and `scenario` is the stored copy after it. Returns what the tab
     * should show, or undefined when the tab's copy stays: a newer change of this tab is still
     * on its way (its own answer will carry both), or a newer stored result was taken already.
     */
    stored(id: string, seq: number, scenario: Scenario | null): Scenario | null | undefined {
      const own = entries(id).find((e) => e.seq === seq);
      // A stored change replaces what was refused before it that it makes moot.
      const rest = entries(id).filter(
        (e) =>
          e.seq !== seq && !(e.refused && e.seq < seq && own && supersedes(own.change, e.change)),
      );
      if (own) storedLater.set(id, [...(storedLater.get(id) ?? []), { seq, change: own.change }]);
      return answered(id, seq, rest, scenario);
    },
    /**
     * Change `seq` will never be stored (the stored copy with it would be over the reader's
     * limits) and `scenario` is the stored copy without it: the tab drops it. Returns what the
     * tab should show, as `stored` does.
     */
    dropped(id: string, seq: number, scenario: Scenario | null): Scenario | null | undefined {
      const rest = entries(id).filter((e) => e.seq !== seq);
      return answered(id, seq, rest, scenario);
    },
    /**
     * Change `seq` was refused: nothing was stored, the tab keeps it, unless a newer change
     * already stored made it moot (then it is dropped). Returns whether the tab keeps it.
     */
    refused(id: string, seq: number): boolean {
      const own = entries(id).find((e) => e.seq === seq);
      const moot =
        !own ||
        (storedLater.get(id) ?? []).some((s) => s.seq > seq && supersedes(s.change, own.change));
      byScenario.set(
        id,
        moot
          ? entries(id).filter((e) => e.seq !== seq)
          : entries(id).map((e) => (e.seq === seq ? { ...e, refused: true } : e)),
      );
      keepStoredWhileOlderOnTheirWay(id);
      return !moot;
    },
    /**
     * The refused changes to try storing again, in the order made, each then on its way again:
     * only for scenarios with no change of this tab on its way, so that they are stored in
     * the order made, before any change made after this call.
     */
    retryRefused(): { id: string; seq: number; change: ScenarioChange }[] {
      const retried: { id: string; seq: number; change: ScenarioChange }[] = [];
      for (const [id, list] of byScenario) {
        if (!list.some((e) => e.refused) || list.some((e) => !e.refused)) continue;
        byScenario.set(
          id,
          list.map((e) => ({ ...e, refused: false })),
        );
        for (const e of list) retried.push({ id, seq: e.seq, change: e.change });
      }
      return retried.sort((a, b) => a.seq - b.seq);
    },
    /** Whether any change of this tab was refused and is not stored since. */
    anyRefused(): boolean {
      return [...byScenario.values()].some((list) => list.some((e) => e.refused));
    },
    /** Another tab stored `scenario`: what the tab shows, with its own unstored changes on top. */
    fromOtherTab(id: string, scenario: Scenario | null): Scenario | null {
      return onTop(scenario, entries(id));
    },
  };
}
