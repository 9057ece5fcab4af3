import type { Scenario } from '../analysis/scenario';
import { type ScenarioChange, applyScenarioChange } from '../analysis/scenario_change';

interface Entry {
  seq: number;
  change: ScenarioChange;
  /** The browser refused to store it: the tab keeps it on top of whatever is stored. */
  refused: boolean;
}

/**
 * This tab's scenario changes the store has not confirmed: the ones still on their way (in
 * the order made) and the ones the browser refused. A stored result or another tab's copy is
 * shown only with these applied again on top, so a quick second change never vanishes while
 * the first one's answer arrives, and a refused one stays in the tab.
 */
export function unstoredScenarioChanges() {
  const byScenario = new Map<string, Entry[]>();
  /** The newest change whose stored result was taken, per scenario. */
  const takenSeq = new Map<string, number>();
  let nextSeq = 0;
  const entries = (id: string) => byScenario.get(id) ?? [];
  const onTop = (scenario: Scenario | null, list: Entry[]) =>
    list.reduce((s, e) => applyScenarioChange(s, e.change), scenario);

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
      const replaces = ({ kind }: ScenarioChange) => kind === 'put' || kind === 'delete';
      const own = entries(id).find((e) => e.seq === seq);
      // A stored put or delete replaces what was refused before it.
      const rest = entries(id).filter(
        (e) => e.seq !== seq && !(e.refused && e.seq < seq && own && replaces(own.change)),
      );
      byScenario.set(id, rest);
      if (seq < (takenSeq.get(id) ?? 0)) return undefined;
      if (rest.some((e) => !e.refused && e.seq > seq)) return undefined;
      takenSeq.set(id, seq);
      // Older changes still on their way were stored before this one (one transaction each,
      // in order), or will be refused; only the refused ones go on top.
      return onTop(
        scenario,
        rest.filter((e) => e.refused),
      );
    },
    /** Change `seq` was refused: nothing was stored, the tab keeps it. */
    refused(id: string, seq: number): void {
      byScenario.set(
        id,
        entries(id).map((e) => (e.seq === seq ? { ...e, refused: true } : e)),
      );
    },
    /** Another tab stored `scenario`: what the tab shows, with its own unstored changes on top. */
    fromOtherTab(id: string, scenario: Scenario | null): Scenario | null {
      return onTop(scenario, entries(id));
    },
  };
}
