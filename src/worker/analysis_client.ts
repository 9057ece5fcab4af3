import type { AnalysisRequest, AnalysisResult } from '../analysis/analysis_run';
import type { CoverageInputs } from '../analysis/coverage_report';
import type { Scenario } from '../analysis/scenario';
import { WARMED_UP_MARK, fromWallClock, measureStage } from '../timing/analysis_stages';
import { DrawnReceiver, PREVIEW_PLACES } from './drawn_collections';
import { movableInputs, packInputs } from './packed_inputs';
import type {
  FromAnalysisWorker,
  PreviewCollections,
  ToAnalysisWorker,
  WorkerNetwork,
} from './protocol';

/** A run's answer; `preview` only for a preview run, whose result keeps the map's last collections. */
export interface RunAnswer {
  result: AnalysisResult;
  preview: PreviewCollections | null;
}

export interface AnalysisClient {
  /**
   * Runs a request in the worker. Resolves with the result, or with null when a newer request
   * replaced it before it ran. `preview`: a step of a slider drag (see ToAnalysisWorker).
   */
  run: (
    request: AnalysisRequest,
    scenarios: Scenario[],
    onProgress: (done: number, total: number) => void,
    preview?: boolean,
  ) => Promise<RunAnswer | null>;
  /** The walking network later runs also measure along (null: none). */
  setNetwork: (network: WorkerNetwork | null) => void;
  dispose: () => void;
}

interface Waiting {
  resolve: (answer: RunAnswer | null) => void;
  reject: (error: Error) => void;
  onProgress: (done: number, total: number) => void;
  sentAt: number;
}

/**
 * Starts the analysis worker on the data. `warmUp`: a request the worker measures while idle,
 * after preparing the rows; when it is done the page gets the mark WARMED_UP_MARK.
 */
export function createAnalysisClient(
  inputs: CoverageInputs,
  warmUp?: AnalysisRequest,
): AnalysisClient {
  const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, Waiting>();
  const drawnReceiver = new DrawnReceiver();
  let nextId = 1;
  const rejectWaiting = (error: unknown, only?: number) => {
    const failure = error instanceof Error ? error : new Error(String(error));
    for (const [id, entry] of waiting) {
      if (only !== undefined && id !== only) continue;
      waiting.delete(id);
      entry.reject(failure);
    }
  };
  // The data goes first, its chunks copied a slice at a time and moved; every later message
  // waits for it, in the order sent. A failed post rejects only its own request (every waiting
  // one if it was the data), and the messages after it are still posted.
  let posted: Promise<unknown> = movableInputs(inputs)
    .catch(() => ({ packed: packInputs(inputs), transfer: [] }))
    .then(({ packed, transfer }) => {
      const init: ToAnalysisWorker = {
        type: 'init',
        inputs: packed,
        ...(warmUp ? { warmUp } : {}),
      };
      worker.postMessage(init, transfer);
    })
    .catch((error: unknown) => rejectWaiting(error));
  const send = (message: ToAnalysisWorker) => {
    posted = posted
      .then(() => {
        const entry = message.type === 'run' ? waiting.get(message.id) : undefined;
        // The "post" stage starts when the message really leaves, not while it waits its turn.
        if (entry) entry.sentAt = performance.now();
        worker.postMessage(message);
      })
      .catch((error: unknown) => rejectWaiting(error, message.type === 'run' ? message.id : -1));
  };
  worker.onmessage = (event: MessageEvent<FromAnalysisWorker>) => {
    const message = event.data;
    if (message.type === 'warm') {
      performance.mark(WARMED_UP_MARK, { detail: message });
      return;
    }
    // Every result updates the kept collections, even one nobody waits for any more.
    const result =
      message.type === 'result'
        ? drawnReceiver.attach(
            { result: message.result, drawn: message.drawn },
            message.preview ? PREVIEW_PLACES : undefined,
          )
        : null;
    const entry = waiting.get(message.id);
    if (!entry) return;
    if (message.type === 'progress') {
      entry.onProgress(message.done, message.total);
      return;
    }
    waiting.delete(message.id);
    if (message.type === 'result') {
      const { startedAt, prepareMs, computeMs, networkMs, polygonsMs, postedAt } = message.timing;
      const start = fromWallClock(startedAt);
      measureStage('post', entry.sentAt, start);
      if (prepareMs > 1) measureStage('prepare', start, start + prepareMs);
      const computed = start + prepareMs + computeMs;
      measureStage('compute', start + prepareMs, computed);
      if (networkMs > 0) measureStage('network', computed, computed + networkMs);
      const measured = computed + networkMs;
      measureStage('polygons', measured, measured + polygonsMs);
      measureStage('transfer', fromWallClock(postedAt));
      entry.resolve({ result: result!, preview: message.preview ?? null });
    } else if (message.type === 'skipped') entry.resolve(null);
    else entry.reject(new Error(message.message));
  };
  worker.onerror = (event) => {
    for (const entry of waiting.values()) entry.reject(new Error(event.message));
    waiting.clear();
  };
  return {
    run: (request, scenarios, onProgress, preview = false) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject, onProgress, sentAt: performance.now() });
        send({ type: 'run', id, request, scenarios, ...(preview ? { preview } : {}) });
      }),
    setNetwork: (network) => send({ type: 'network', network }),
    dispose: () => {
      worker.terminate();
      for (const entry of waiting.values()) entry.resolve(null);
      waiting.clear();
    },
  };
}
