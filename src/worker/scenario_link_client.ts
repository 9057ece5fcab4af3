import type { Scenario } from '../analysis/scenario';
import {
  type OpenedScenarioLink,
  type ScenarioParam,
  type ScenarioParamValue,
  openScenarioParam,
} from '../state/scenario_link';
import { watchLiveness } from './liveness';

type EncodedParam = Extract<ScenarioParam, { type: 'encoded' }>;

/** A link's value to read, or a scenario whose value to work out (see scenario_link_encoder). */
export type ScenarioLinkRequest =
  | { id: number; kind: 'decode'; param: EncodedParam }
  | { id: number; kind: 'encode'; scenario: Scenario };
export type ScenarioLinkResponse =
  | { id: number; kind: 'decode'; decoded: OpenedScenarioLink }
  | { id: number; kind: 'encode'; encoded: ScenarioParamValue }
  | { id: number; kind: 'encode'; error: string };

let nextId = 1;

/**
 * A link's `scenario=` value decoded and read through the strict scenario reader in a worker
 * started for it and ended once it answered, so that a hostile link never holds the page; with
 * the value this browser writes for the scenario read (see `openScenarioParam`).
 * A worker that fails (one that could not start, or ran out of memory), or goes silent (see
 * `watchLiveness`), leaves the link unreadable. Where no worker runs (Node), the gate runs
 * here, within the same limits.
 */
export function decodeScenarioLink(param: EncodedParam): Promise<OpenedScenarioLink> {
  if (typeof Worker === 'undefined') return openScenarioParam(param);
  return new Promise((resolve) => {
    const id = nextId++;
    let worker: Worker;
    try {
      worker = new Worker(new URL('./scenario_link.worker.ts', import.meta.url), {
        type: 'module',
      });
    } catch (error) {
      resolve({ ok: false, message: `no worker to read the link: ${String(error)}` });
      return;
    }
    let ended = false;
    const end = (decoded: OpenedScenarioLink) => {
      ended = true;
      liveness.stop();
      worker.terminate();
      resolve(decoded);
    };
    const liveness = watchLiveness(
      worker,
      () => !ended,
      () => end({ ok: false, message: 'the link could not be read: its worker stopped answering' }),
    );
    worker.onmessage = (event: MessageEvent<ScenarioLinkResponse>) => {
      if (liveness.heard(event.data)) return;
      if (event.data.id === id && event.data.kind === 'decode') end(event.data.decoded);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      end({ ok: false, message: `the link could not be read: ${event.message}` });
    };
    worker.onmessageerror = () =>
      end({ ok: false, message: 'the link could not be read: its answer could not be received' });
    worker.postMessage({ id, kind: 'decode', param } satisfies ScenarioLinkRequest);
    liveness.sent();
  });
}
