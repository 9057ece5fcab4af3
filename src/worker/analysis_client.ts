import type { AnalysisRequest, AnalysisResult } from '../analysis/analysis_run';
import type { CoverageInputs } from '../analysis/coverage_report';
import type { Scenario } from '../analysis/scenario';
import { preparedRowsForWorker } from '../data/prepared_rows_read';
import { WARMED_UP_MARK, fromWallClock, measureStage } from '../timing/analysis_stages';
import { DrawnReceiver, PREVIEW_PLACES } from './drawn_collections';
import { type Liveness, watchLiveness } from './liveness';
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
  /** The walking network the result was measured along (null: none). */
  networkId: string | null;
}

/**
 * A run refused because the worker does not hold the walking network last given to the client:
 * its message could not be posted (a DataCloneError, out of memory) or the worker never took it.
 * The next run posts the network again first.
 */
export class NetworkNotGivenError extends Error {
  override name = 'NetworkNotGivenError';
}

/**
 * Runs ended because the analysis worker failed (an uncaught error, or one that could not
 * start), a message was lost on the way (one side could not read what the other sent, its
 * `messageerror`), or the worker went silent while runs waited (ended by the browser without
 * an `error` event; see `watchLiveness`): the runs would never be answered. The next run
 * starts a fresh worker.
 */
export class AnalysisWorkerFailedError extends Error {
  override name = 'AnalysisWorkerFailedError';
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
  /**
   * The walking network later runs also measure along (null: none). Until the worker holds it,
   * runs reject with NetworkNotGivenError rather than measure along another one.
   */
  setNetwork: (network: WorkerNetwork | null) => void;
  dispose: () => void;
}

interface Waiting {
  resolve: (answer: RunAnswer | null) => void;
  reject: (error: Error) => void;
  onProgress: (done: number, total: number) => void;
  sentAt: number;
  networkId: string | null;
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * Starts the analysis worker on the data. `warmUp`: a request the worker measures while idle,
 * after preparing the rows; when it is done the page gets the mark WARMED_UP_MARK.
 */
export function createAnalysisClient(
  inputs: CoverageInputs,
  warmUp?: AnalysisRequest,
): AnalysisClient {
  const waiting = new Map<number, Waiting>();
  const drawnReceiver = new DrawnReceiver();
  let nextId = 1;
  /** The network runs are to measure along. */
  let network: WorkerNetwork | null = null;
  /** The id of the network the worker was last given (undefined: unknown, give it again). */
  let workerNetworkId: string | null | undefined = null;
  /** The worker; null after it failed, until the next run starts a fresh one. */
  let worker: Worker | null = null;
  /** Whether that worker still answers, watched while runs wait (see `watchLiveness`). */
  let liveness: Liveness | null = null;
  let disposed = false;
  let posted: Promise<unknown> = Promise.resolve();
  const rejectWaiting = (error: unknown, only?: number) => {
    const failure = error instanceof Error ? error : new Error(String(error));
    for (const [id, entry] of waiting) {
      if (only !== undefined && id !== only) continue;
      waiting.delete(id);
      entry.reject(failure);
    }
  };
  /**
   * A worker that failed, or a message lost on the way either side (see AnalysisWorkerFailedError),
   * is ended: every waiting run rejects, and the next run starts a fresh worker with the data.
   */
  const fail = (failed: Worker, detail: string) => {
    if (worker !== failed) return;
    worker = null;
    liveness?.stop();
    failed.terminate();
    rejectWaiting(new AnalysisWorkerFailedError(`the analysis worker ${detail}`));
  };
  /** Posts a network; after a failure the worker still holds the one before. */
  const giveNetwork = (to: Worker, given: WorkerNetwork | null) => {
    try {
      to.postMessage({ type: 'network', network: given } satisfies ToAnalysisWorker);
    } catch (error) {
      throw new NetworkNotGivenError(
        `the walking network could not be given to the analysis worker (${describe(error)})`,
      );
    }
    workerNetworkId = given?.id ?? null;
  };
  /** Before a run: the worker must hold its network, given again if its message failed. */
  const ensureNetwork = (to: Worker, networkId: string | null) => {
    if (workerNetworkId === networkId) return;
    if ((network?.id ?? null) !== networkId) {
      throw new NetworkNotGivenError('the walking network of this run was replaced before it ran');
    }
    giveNetwork(to, network);
  };
  const startWorker = (warmUp?: AnalysisRequest): Worker => {
    const started = new Worker(new URL('./analysis.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker = started;
    workerNetworkId = null;
    const watched = watchLiveness(
      started,
      () => worker === started && waiting.size > 0,
      () => fail(started, 'stopped answering'),
    );
    liveness = watched;
    started.onmessage = (event: MessageEvent<FromAnalysisWorker>) => {
      if (watched.heard(event.data)) return;
      if (worker === started) receive(event.data);
    };
    started.onerror = (event) => {
      // Handled here: the page shows it with the runs it failed.
      event.preventDefault();
      fail(started, `failed (${event.message || 'it could not start'})`);
    };
    // Ended too, not only its runs failed: the worker takes the lost answer's map collections
    // for ones the page holds, and would send later results' as unchanged ('same').
    started.onmessageerror = () => fail(started, 'sent an answer the page could not read');
    // The data goes first, its chunks copied a slice at a time and moved, with a copy of the
    // prepared-rows file where it is read in time (see preparedRowsForWorker); every later
    // message waits for it, in the order sent. A failed post of a run rejects only that run,
    // and the messages after it are still posted. A worker the data could not be given is
    // ended like a failed one: no run could be measured in it, and the next run starts afresh.
    posted = Promise.all([
      movableInputs(inputs).catch(() => ({ packed: packInputs(inputs), transfer: [] })),
      preparedRowsForWorker(),
    ])
      .then(([{ packed, transfer }, preparedRows]) => {
        const init: ToAnalysisWorker = {
          type: 'init',
          inputs: packed,
          ...(warmUp ? { warmUp } : {}),
          ...(preparedRows ? { preparedRows } : {}),
        };
        const moved = preparedRows ? [...transfer, preparedRows] : transfer;
        if (worker === started) started.postMessage(init, moved);
      })
      .catch((error: unknown) => {
        fail(started, `could not be given the data (${describe(error)})`);
      });
    return started;
  };
  const send = (message: ToAnalysisWorker) => {
    const to = worker ?? startWorker();
    posted = posted
      .then(() => {
        // Its worker failed meanwhile: the run was rejected with it, the network is given again.
        if (worker !== to) return;
        if (message.type === 'network') {
          giveNetwork(to, message.network);
          return;
        }
        if (message.type === 'run') ensureNetwork(to, message.networkId);
        const entry = message.type === 'run' ? waiting.get(message.id) : undefined;
        // The "post" stage starts when the message really leaves, not while it waits its turn.
        if (entry) entry.sentAt = performance.now();
        to.postMessage(message);
        if (entry) liveness?.sent();
      })
      .catch((error: unknown) => rejectWaiting(error, message.type === 'run' ? message.id : -1));
  };
  const receive = (message: FromAnalysisWorker) => {
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
      entry.resolve({
        result: result!,
        preview: message.preview ?? null,
        networkId: entry.networkId,
      });
    } else if (message.type === 'skipped') entry.resolve(null);
    else if (message.network) {
      // The worker never took the network: post it again before the next run.
      workerNetworkId = undefined;
      entry.reject(
        new NetworkNotGivenError(
          `the analysis worker does not hold the walking network (${message.message})`,
        ),
      );
    } else entry.reject(new Error(message.message));
  };
  startWorker(warmUp);
  return {
    run: (request, scenarios, onProgress, preview = false) =>
      new Promise((resolve, reject) => {
        if (disposed) return resolve(null);
        const id = nextId++;
        const networkId = network?.id ?? null;
        waiting.set(id, { resolve, reject, onProgress, sentAt: performance.now(), networkId });
        send({ type: 'run', id, request, scenarios, networkId, ...(preview ? { preview } : {}) });
      }),
    setNetwork: (next) => {
      network = next;
      // A worker started later is given it before its first run.
      if (worker) send({ type: 'network', network: next });
    },
    dispose: () => {
      disposed = true;
      liveness?.stop();
      worker?.terminate();
      worker = null;
      for (const entry of waiting.values()) entry.resolve(null);
      waiting.clear();
    },
  };
}
