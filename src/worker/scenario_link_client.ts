import {
  type DecodedScenario,
  type ScenarioParam,
  decodeScenarioParam,
} from '../state/scenario_link';
import { watchLiveness } from './liveness';

type EncodedParam = Extract<ScenarioParam, { type: 'encoded' }>;

export interface ScenarioLinkRequest {
  id: number;
  param: EncodedParam;
}
export interface ScenarioLinkResponse {
  id: number;
  decoded: DecodedScenario;
}

let nextId = 1;

/**
 * A link's `scenario=` value decoded and read through the strict scenario reader in a worker
 * started for it and ended once it answered, so that a hostile link never holds the page.
 * A worker that fails (one that could not start, or ran out of memory), or goes silent (see
 * `watchLiveness`), leaves the link unreadable. Where no worker runs (Node), the gate runs
 * here, within the same limits.
 */
export function decodeScenarioLink(param: EncodedParam): Promise<DecodedScenario> {
  if (typeof Worker === 'undefined') return decodeScenarioParam(param);
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
    const end = (decoded: DecodedScenario) => {
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
      if (event.data.id === id) end(event.data.decoded);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      end({ ok: false, message: `the link could not be read: ${event.message}` });
    };
    worker.onmessageerror = () =>
      end({ ok: false, message: 'the link could not be read: its answer could not be received' });
    worker.postMessage({ id, param } satisfies ScenarioLinkRequest);
    liveness.sent();
  });
}
