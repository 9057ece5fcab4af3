import type { Scenario } from '../analysis/scenario';
import { type ScenarioParamValue, encodeScenarioParam } from '../state/scenario_link';
import type { ScenarioLinkRequest, ScenarioLinkResponse } from './scenario_link_client';
import { workerRequests } from './worker_requests';

/** A scenario version's `scenario=` value, or why it could not be worked out (its worker failed). */
export type LinkEncoding = { ok: true; param: ScenarioParamValue } | { ok: false; message: string };

export interface LinkEncoder {
  /** The answer for this version of a scenario, once one came; a scenario is never mutated. */
  known: (scenario: Scenario) => LinkEncoding | undefined;
  /**
   * Asks for a version's value: one request per version, however often asked. The newest
   * version asked for wins: an older one still waiting to be sent is never sent, and the
   * answer for one already sent is dropped when it arrives; either resolves null.
   */
  ask: (scenario: Scenario) => Promise<LinkEncoding | null>;
  /**
   * Takes a version's value worked out elsewhere (the link's reader works it out for the
   * scenario it read): known at once, and never sent. A version already asked for is left as
   * it is.
   */
  seed: (scenario: Scenario, param: ScenarioParamValue) => void;
}

/**
 * Newest-wins requests for the link's value, one at a time: while one is worked out, only the
 * newest version waits after it, so a burst of edits (a name typed letter by letter) costs
 * the first and the last, not every one between.
 */
export function linkEncoder(encode: (scenario: Scenario) => Promise<ScenarioParamValue>) {
  const answers = new WeakMap<Scenario, LinkEncoding>();
  const asked = new WeakMap<Scenario, Promise<LinkEncoding | null>>();
  let newest: Scenario | null = null;
  let running = false;
  let waiting: { scenario: Scenario; resolve: (answer: LinkEncoding | null) => void } | null = null;

  const encodeVersion = (scenario: Scenario, resolve: (answer: LinkEncoding | null) => void) => {
    running = true;
    void encode(scenario)
      .then(
        (param): LinkEncoding => ({ ok: true, param }),
        (error: unknown): LinkEncoding => ({
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        }),
      )
      .then((answer) => {
        running = false;
        if (scenario === newest) {
          answers.set(scenario, answer);
          resolve(answer);
        } else {
          asked.delete(scenario);
          resolve(null);
        }
        const next = waiting;
        waiting = null;
        if (next) encodeVersion(next.scenario, next.resolve);
      });
  };

  const encoder: LinkEncoder = {
    known: (scenario) => answers.get(scenario),
    ask: (scenario) => {
      newest = scenario;
      if (waiting && waiting.scenario !== scenario) {
        asked.delete(waiting.scenario);
        waiting.resolve(null);
        waiting = null;
      }
      const before = asked.get(scenario);
      if (before) return before;
      const promise = new Promise<LinkEncoding | null>((resolve) => {
        if (running) waiting = { scenario, resolve };
        else encodeVersion(scenario, resolve);
      });
      asked.set(scenario, promise);
      return promise;
    },
    seed: (scenario, param) => {
      if (asked.has(scenario)) return;
      const answer: LinkEncoding = { ok: true, param };
      answers.set(scenario, answer);
      asked.set(scenario, Promise.resolve(answer));
    },
  };
  return encoder;
}

type EncodeRequest = Extract<ScenarioLinkRequest, { kind: 'encode' }>;

const inWorker = workerRequests<EncodeRequest, ScenarioLinkResponse, ScenarioParamValue>(
  () => new Worker(new URL('./scenario_link.worker.ts', import.meta.url), { type: 'module' }),
  (response) => {
    if (response.kind !== 'encode') return null;
    return 'error' in response ? { error: response.error } : { value: response.encoded };
  },
);

/**
 * The page's encoder: the text is written, read back and compressed in the link worker, kept
 * while the page lives. Where no worker runs (Node), the same work is done here.
 */
export const scenarioLinkEncoder = linkEncoder((scenario) =>
  typeof Worker === 'undefined'
    ? encodeScenarioParam(scenario)
    : inWorker({ kind: 'encode', scenario }),
);
