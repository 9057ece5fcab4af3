import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AnalysisRequest, runAnalysis } from '../../src/analysis/analysis_run';
import { coverageInputs } from '../../src/analysis/coverage_inputs';
import { DEFAULT_COVERAGE_PARAMETERS, prepareCoverage } from '../../src/analysis/coverage_report';
import { LAYER_IDS } from '../../src/data/layers';
import type { LayerData } from '../../src/data/load';
import type { WorkerNetwork } from '../../src/worker/protocol';

type Sent = {
  type: string;
  id?: number;
  network?: { id: string } | null;
  networkId?: string | null;
  preparedRows?: ArrayBuffer;
};

/** A stand-in for the browser's Worker: records what it is sent and can refuse one message. */
class FakeWorker {
  static made: FakeWorker[] = [];
  static refuse: (message: Sent) => boolean = () => false;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message: string; preventDefault: () => void }) => void) | null = null;
  onmessageerror: ((event: object) => void) | null = null;
  sent: Sent[] = [];
  /** What each message moved (its transfer list), by the message's place in `sent`. */
  moved: Transferable[][] = [];
  terminated = false;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(message: Sent, transfer: Transferable[] = []) {
    // As the browser does for a message it cannot copy.
    if (FakeWorker.refuse(message)) throw new DOMException('could not be cloned', 'DataCloneError');
    this.sent.push(message);
    this.moved.push(transfer);
  }
  terminate() {
    this.terminated = true;
  }
  answer(data: unknown) {
    this.onmessage!({ data });
  }
  /** As the browser does for an uncaught error in the worker, or one that could not start. */
  fail(message: string) {
    this.onerror?.({ message, preventDefault: () => {} });
  }
  /** As the browser does for an answer the page could not read. */
  unreadable() {
    this.onmessageerror?.({});
  }
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  performance.clearMeasures();
  vi.resetModules();
  FakeWorker.made = [];
  FakeWorker.refuse = () => false;
});

const emptyData = (): LayerData =>
  ({
    layers: Object.fromEntries(
      LAYER_IDS.map((l) => [l, { type: 'FeatureCollection', features: [] }]),
    ),
    completeness: {},
    sources: {},
    planTasks: { headings: [], tasks: [], targets: [] },
  }) as unknown as LayerData;

const request: AnalysisRequest = {
  tab: 'parks',
  parameters: DEFAULT_COVERAGE_PARAMETERS,
  schoolLevel: 'primary',
  schoolView: 'coverage',
};

/** The server of the prepared-rows file: here it has none, unless a test says otherwise. */
const noFile = async () => new Response('not found', { status: 404 });

async function client(serve: (address: string) => Promise<Response> = noFile) {
  vi.stubGlobal('fetch', serve);
  vi.stubGlobal('Worker', FakeWorker);
  const { createAnalysisClient } = await import('../../src/worker/analysis_client');
  const analysis = createAnalysisClient(coverageInputs(emptyData()));
  return { analysis, worker: FakeWorker.made[0]! };
}

/** A walking network as the page hands it over (no streets: only its id is looked at here). */
const network = (id: string): WorkerNetwork => ({
  id,
  source: { name: `${id}.geojson`, importedAt: '2026-12-07T00:00:00Z', lengthM: 0 },
  edges: { type: 'FeatureCollection', features: [] },
});

const settled = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ value }),
    (error: Error) => ({ error: error.name }),
  );
/** Lets the chain of posts run. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
/** How a request stands once the page had its turn: 'waiting' if nothing settled it. */
const standing = async (promise: Promise<unknown>) =>
  Promise.race([settled(promise), flush().then(() => 'waiting')]);

describe('the analysis worker as the page sends it requests', () => {
  it('rejects only the run whose message could not be sent, and still sends the ones after it', async () => {
    const { analysis, worker } = await client();
    FakeWorker.refuse = (message) => message.type === 'run' && message.id === 1;
    const first = settled(analysis.run(request, [], () => {}));
    const second = settled(analysis.run(request, [], () => {}));
    analysis.setNetwork(null);
    await flush();
    expect(await first).toEqual({ error: 'DataCloneError' });
    expect(worker.sent.map((m) => [m.type, m.id])).toEqual([
      ['init', undefined],
      ['run', 2],
      ['network', undefined],
    ]);
    worker.answer({ type: 'skipped', id: 2 });
    expect(await second).toEqual({ value: null });
    // And the client keeps working for the next one.
    const third = settled(analysis.run(request, [], () => {}));
    await flush();
    worker.answer({ type: 'error', id: 3, message: 'no data' });
    expect(await third).toEqual({ error: 'Error' });
  });

  it('rejects every waiting run when the data could not be sent, and gives it again to a fresh worker', async () => {
    FakeWorker.refuse = (message) => message.type === 'init';
    const { analysis, worker } = await client();
    // Caught at once: they are rejected while the posts run, before anything else looks.
    const first = analysis.run(request, [], () => {}).catch((error: Error) => error);
    const second = settled(analysis.run(request, [], () => {}));
    await flush();
    const failure = await first;
    expect(failure).toMatchObject({ name: 'AnalysisWorkerFailedError' });
    expect((failure as Error).message).toContain('could not be given the data (DataCloneError');
    expect(await second).toEqual({ error: 'AnalysisWorkerFailedError' });
    // A worker without the data could measure nothing: it is ended, and sent no run.
    expect(worker.terminated).toBe(true);
    expect(worker.sent).toEqual([]);
    // Once the data can be sent, the next run works in a fresh worker.
    FakeWorker.refuse = () => false;
    const third = analysis.run(request, [], () => {});
    await flush();
    expect(FakeWorker.made).toHaveLength(2);
    const fresh = FakeWorker.made[1]!;
    expect(fresh.sent.map((m) => m.type)).toEqual(['init', 'run']);
    fresh.answer({ type: 'skipped', id: fresh.sent[1]!.id });
    expect(await standing(third)).toEqual({ value: null });
  });

  it('times the "post" stage from when the run is really posted, not from its wait behind the data', async () => {
    const { analysis, worker } = await client();
    let clock = 1_000;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const answer = analysis.run(request, [], () => {});
    // The data's chunks are copied meanwhile; the run is posted after them, at 1,400.
    clock = 1_400;
    await flush();
    expect(worker.sent.map((m) => m.type)).toEqual(['init', 'run']);
    const inputs = coverageInputs(emptyData());
    const result = runAnalysis(prepareCoverage(inputs, 1), inputs, request);
    const startedAt = performance.timeOrigin + 1_450;
    worker.answer({
      type: 'result',
      id: 1,
      result: { ...result, geometry: { ...result.geometry } },
      drawn: {},
      timing: {
        startedAt,
        prepareMs: 0,
        computeMs: 0,
        networkMs: 0,
        polygonsMs: 0,
        postedAt: startedAt,
      },
    });
    await answer;
    const [post] = performance.getEntriesByName('analysis:post');
    expect(post!.startTime).toBe(1_400);
    expect(post!.duration).toBe(50);
  });

  it('fails the runs after a network that could not be sent, and sends it again before the next', async () => {
    const { analysis, worker } = await client();
    // A DataCloneError or an out-of-memory error when the new network is posted.
    FakeWorker.refuse = (message) => message.type === 'network';
    analysis.setNetwork(network('new'));
    const first = settled(analysis.run(request, [], () => {}));
    await flush();
    // The run is not posted to a worker holding no network, or the one before.
    expect(await first).toEqual({ error: 'NetworkNotGivenError' });
    expect(worker.sent.map((m) => m.type)).toEqual(['init']);
    // Once the network can be sent, the next run gives it first and names it.
    FakeWorker.refuse = () => false;
    const second = settled(analysis.run(request, [], () => {}));
    await flush();
    expect(worker.sent.map((m) => [m.type, m.network?.id ?? m.networkId])).toEqual([
      ['init', undefined],
      ['network', 'new'],
      ['run', 'new'],
    ]);
    worker.answer({ type: 'skipped', id: 2 });
    expect(await second).toEqual({ value: null });
  });

  it('fails a run the worker refused for want of its network, and gives the network again', async () => {
    const { analysis, worker } = await client();
    analysis.setNetwork(network('new'));
    const first = settled(analysis.run(request, [], () => {}));
    await flush();
    expect(worker.sent.map((m) => m.type)).toEqual(['init', 'network', 'run']);
    // The worker could not take the network's message (it never arrived there).
    worker.answer({ type: 'error', id: 1, message: 'holds none', network: true });
    expect(await first).toEqual({ error: 'NetworkNotGivenError' });
    const second = settled(analysis.run(request, [], () => {}));
    await flush();
    expect(worker.sent.map((m) => [m.type, m.network?.id ?? m.networkId])).toEqual([
      ['init', undefined],
      ['network', 'new'],
      ['run', 'new'],
      ['network', 'new'],
      ['run', 'new'],
    ]);
    worker.answer({ type: 'skipped', id: 2 });
    await second;
  });

  it('names the network a result was measured along, so the page can drop one of another', async () => {
    const { analysis, worker } = await client();
    const inputs = coverageInputs(emptyData());
    const result = runAnalysis(prepareCoverage(inputs, 1), inputs, request);
    const timing = {
      startedAt: performance.timeOrigin,
      prepareMs: 0,
      computeMs: 0,
      networkMs: 0,
      polygonsMs: 0,
      postedAt: performance.timeOrigin,
    };
    const before = analysis.run(request, [], () => {});
    analysis.setNetwork(network('new'));
    const after = analysis.run(request, [], () => {});
    await flush();
    for (const id of [1, 2]) {
      worker.answer({
        type: 'result',
        id,
        result: { ...result, geometry: { ...result.geometry } },
        drawn: {},
        timing,
      });
    }
    expect((await before)?.networkId).toBeNull();
    expect((await after)?.networkId).toBe('new');
  });

  it('fails the waiting runs when the worker fails, and starts a fresh one with data and network', async () => {
    const { analysis, worker } = await client();
    analysis.setNetwork(network('n'));
    const first = analysis.run(request, [], () => {});
    await flush();
    // An uncaught error in the worker (a message it could not read throws one), or a worker
    // that could not start: no answer to the run would ever come.
    worker.fail('Uncaught Error: the analysis worker could not read a message from the page');
    expect(await standing(first)).toEqual({ error: 'AnalysisWorkerFailedError' });
    await expect(first).rejects.toThrow('could not read a message from the page');
    expect(worker.terminated).toBe(true);
    // The next run works: a fresh worker gets the data, the network, then the run.
    const second = analysis.run(request, [], () => {});
    await flush();
    expect(FakeWorker.made).toHaveLength(2);
    const fresh = FakeWorker.made[1]!;
    expect(fresh.sent.map((m) => [m.type, m.network?.id ?? m.networkId])).toEqual([
      ['init', undefined],
      ['network', 'n'],
      ['run', 'n'],
    ]);
    fresh.answer({ type: 'skipped', id: fresh.sent[2]!.id });
    expect(await standing(second)).toEqual({ value: null });
  });

  it('fails the waiting runs when an answer of the worker could not be read, and starts afresh', async () => {
    const { analysis, worker } = await client();
    const first = analysis.run(request, [], () => {});
    const second = analysis.run(request, [], () => {});
    await flush();
    // Which run's answer was lost is unknown, and the worker takes it for received.
    worker.unreadable();
    expect(await standing(first)).toEqual({ error: 'AnalysisWorkerFailedError' });
    expect(await standing(second)).toEqual({ error: 'AnalysisWorkerFailedError' });
    await expect(first).rejects.toThrow(
      'the analysis worker sent an answer the page could not read',
    );
    expect(worker.terminated).toBe(true);
    const third = analysis.run(request, [], () => {});
    await flush();
    const fresh = FakeWorker.made[1]!;
    expect(fresh.sent.map((m) => m.type)).toEqual(['init', 'run']);
    fresh.answer({ type: 'error', id: fresh.sent[1]!.id, message: 'no data' });
    expect(await standing(third)).toEqual({ error: 'Error' });
  });

  it('starts no worker once disposed, and lets no run wait', async () => {
    const { analysis } = await client();
    analysis.dispose();
    expect(await standing(analysis.run(request, [], () => {}))).toEqual({ value: null });
    expect(FakeWorker.made).toHaveLength(1);
  });
});

describe('the prepared-rows file given with the data', () => {
  const FILE = [7, 8, 9];
  /** A server of the file that answers when `arrive` is called, or never. */
  const lateServer = () => {
    const addresses: string[] = [];
    let arrive!: () => void;
    const answered = new Promise<void>((resolve) => (arrive = resolve));
    const serve = async (address: string) => {
      addresses.push(address);
      await answered;
      return new Response(new Uint8Array(FILE));
    };
    return { addresses, arrive, serve };
  };
  const bytesOf = (init: Sent | undefined) =>
    init?.preparedRows ? [...new Uint8Array(init.preparedRows)] : null;

  it('reads the file when the worker starts and moves it with the data', async () => {
    const { addresses, arrive, serve } = lateServer();
    const { analysis, worker } = await client(serve);
    expect(addresses).toEqual(['/geo/prepared-rows.bin']);
    // The data wait for the file while it comes in time.
    await flush();
    expect(worker.sent).toEqual([]);
    arrive();
    await flush();
    expect(worker.sent.map((m) => m.type)).toEqual(['init']);
    expect(bytesOf(worker.sent[0])).toEqual(FILE);
    expect(worker.moved[0]).toContain(worker.sent[0]!.preparedRows);
    analysis.dispose();
  });

  it('gives the data without the file once the read has taken PREPARED_ROWS_WAIT_MS', async () => {
    vi.useFakeTimers();
    const { PREPARED_ROWS_WAIT_MS } = await import('../../src/data/prepared_rows_read');
    const { addresses, serve } = lateServer();
    const { analysis, worker } = await client(serve);
    await vi.advanceTimersByTimeAsync(PREPARED_ROWS_WAIT_MS - 1);
    expect(worker.sent).toEqual([]);
    const run = settled(analysis.run(request, [], () => {}));
    await vi.advanceTimersByTimeAsync(1);
    expect(worker.sent.map((m) => m.type)).toEqual(['init', 'run']);
    expect(bytesOf(worker.sent[0])).toBeNull();
    worker.answer({ type: 'skipped', id: 1 });
    expect(await run).toEqual({ value: null });
    expect(addresses).toHaveLength(1);
  });

  it.each([
    ['a read that failed', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['a refused read (404)', noFile],
  ])('gives the data without the file after %s, at once', async (_, serve) => {
    const { analysis, worker } = await client(serve);
    await flush();
    expect(worker.sent.map((m) => m.type)).toEqual(['init']);
    expect(bytesOf(worker.sent[0])).toBeNull();
    analysis.dispose();
  });

  it('reads the file once: a fresh worker after a failure gets a copy of its own', async () => {
    const addresses: string[] = [];
    const { analysis, worker } = await client(async (address) => {
      addresses.push(address);
      return new Response(new Uint8Array(FILE));
    });
    await flush();
    const first = worker.sent[0]!.preparedRows!;
    worker.fail('Uncaught Error: out of memory');
    const run = analysis.run(request, [], () => {});
    await flush();
    const fresh = FakeWorker.made[1]!;
    expect(fresh.sent.map((m) => m.type)).toEqual(['init', 'run']);
    expect(bytesOf(fresh.sent[0])).toEqual(FILE);
    expect(fresh.sent[0]!.preparedRows).not.toBe(first);
    expect(addresses).toHaveLength(1);
    fresh.answer({ type: 'skipped', id: fresh.sent[1]!.id });
    expect(await standing(run)).toEqual({ value: null });
  });
});
