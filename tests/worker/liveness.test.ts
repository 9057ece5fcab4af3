import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportContext } from '../../src/import/types';

/**
 * A worker the browser ended without an `error` event (for memory, say) answers nothing: every
 * client of a worker pings it while a request waits in silence, and declares it dead when
 * nothing at all came from it for a minute after the ping. Then, as on `error`: the worker is
 * ended, the waiting requests reject with the client's message, and the next request starts a
 * fresh worker. A worker busy in long work is not dead: it answers the ping once its step
 * ends, or sends progress. Time here is the test's (fake timers).
 */
class FakeWorker {
  static made: FakeWorker[] = [];
  /** How the worker behaves: 'silent' answers nothing; 'alive' answers each ping at once. */
  static behaviour: 'silent' | 'alive' = 'silent';
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message: string; preventDefault: () => void }) => void) | null = null;
  onmessageerror: ((event: object) => void) | null = null;
  sent: Record<string, unknown>[] = [];
  terminated = false;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(message: Record<string, unknown>) {
    this.sent.push(message);
    if ('livenessPing' in message && FakeWorker.behaviour === 'alive' && !this.terminated) {
      setTimeout(() => this.answer({ livenessPong: message.livenessPing }));
    }
  }
  terminate() {
    this.terminated = true;
  }
  answer(data: unknown) {
    this.onmessage!({ data });
  }
  pings() {
    return this.sent.filter((m) => 'livenessPing' in m).length;
  }
  requests() {
    return this.sent.filter((m) => !('livenessPing' in m));
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.resetModules();
  FakeWorker.made = [];
  FakeWorker.behaviour = 'silent';
});

const SECOND = 1000;

/**
 * A request watched from the moment it is made: `now()` is how it stands once the page had its
 * turn (its value, its error's message and name, or 'waiting').
 */
function watch(promise: Promise<unknown>) {
  let outcome: unknown = 'waiting';
  promise.then(
    (value) => (outcome = { value }),
    (error: Error) => (outcome = { error: error.message, name: error.name }),
  );
  return {
    now: async () => {
      await vi.advanceTimersByTimeAsync(0);
      return outcome;
    },
  };
}

describe('a client whose worker went silent', () => {
  it('pings the worker after 5 s of silence and ends it a minute after an unanswered ping', async () => {
    const { layerTextBlob } = await import('../../src/worker/layer_text_client');
    const text = watch(layerTextBlob([]));
    const silent = FakeWorker.made[0]!;
    await vi.advanceTimersByTimeAsync(4.9 * SECOND);
    expect(silent.pings()).toBe(0);
    await vi.advanceTimersByTimeAsync(0.1 * SECOND);
    expect(silent.pings()).toBe(1);
    await vi.advanceTimersByTimeAsync(59.9 * SECOND);
    expect(await text.now()).toBe('waiting');
    expect(silent.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(0.1 * SECOND);
    expect(await text.now()).toMatchObject({ error: 'the worker stopped answering' });
    expect(silent.terminated).toBe(true);
    // The next request goes to a fresh worker, which answers.
    const again = watch(layerTextBlob([]));
    expect(FakeWorker.made).toHaveLength(2);
    const fresh = FakeWorker.made[1]!;
    const blob = new Blob(['{}']);
    fresh.answer({ id: fresh.requests()[0]!.id, blob });
    expect(await again.now()).toEqual({ value: blob });
  });

  it('keeps a worker that answers its pings, however long the work takes', async () => {
    FakeWorker.behaviour = 'alive';
    const { layerTextBlob } = await import('../../src/worker/layer_text_client');
    const text = watch(layerTextBlob([]));
    const busy = FakeWorker.made[0]!;
    await vi.advanceTimersByTimeAsync(10 * 60 * SECOND);
    expect(busy.pings()).toBeGreaterThan(1);
    expect(await text.now()).toBe('waiting');
    expect(busy.terminated).toBe(false);
    const blob = new Blob(['{}']);
    busy.answer({ id: busy.requests()[0]!.id, blob });
    expect(await text.now()).toEqual({ value: blob });
    // Nothing waits: no more pings.
    const pings = busy.pings();
    await vi.advanceTimersByTimeAsync(10 * 60 * SECOND);
    expect(busy.pings()).toBe(pings);
  });

  it('keeps a worker in one long step that sends its progress, though it cannot answer a ping', async () => {
    const { createImportClient } = await import('../../src/import/import_client');
    const client = createImportClient({} as ImportContext);
    const building = watch(client.buildNetwork('WGS-84', 1));
    const busy = FakeWorker.made[0]!;
    const { id } = busy.requests()[1]! as { id: number };
    for (let done = 1; done <= 20; done++) {
      await vi.advanceTimersByTimeAsync(30 * SECOND);
      busy.answer({ type: 'progress', id, done, total: 20 });
    }
    expect(busy.pings()).toBeGreaterThan(0);
    expect(await building.now()).toBe('waiting');
    const result = { ok: false, error: 'no lines' };
    busy.answer({ type: 'network-result', id, result });
    expect(await building.now()).toEqual({ value: result });
    expect(busy.terminated).toBe(false);
  });

  it('the import client: rejects the waiting requests and starts afresh with the context', async () => {
    const { createImportClient } = await import('../../src/import/import_client');
    const context = { units: [] } as unknown as ImportContext;
    const client = createImportClient(context);
    const building = watch(client.build({ target: 'car-parks', crs: 'WGS-84', datasetId: 'x' }));
    const network = watch(client.buildNetwork('WGS-84', 1));
    const silent = FakeWorker.made[0]!;
    await vi.advanceTimersByTimeAsync(65 * SECOND);
    const message = 'import worker failed: it stopped answering';
    expect(await building.now()).toMatchObject({ error: message });
    expect(await network.now()).toMatchObject({ error: message });
    expect(silent.terminated).toBe(true);
    void client.buildNetwork('WGS-84', 1).catch(() => {});
    expect(FakeWorker.made).toHaveLength(2);
    expect(FakeWorker.made[1]!.sent[0]).toEqual({ type: 'context', context });
  });

  it('the import client: a worker left writing the record after the dialog closed is watched too', async () => {
    const { createImportClient } = await import('../../src/import/import_client');
    const client = createImportClient({} as ImportContext);
    const building = watch(client.build({ target: 'car-parks', crs: 'WGS-84', datasetId: 'x' }));
    const worker = FakeWorker.made[0]!;
    const build = worker.requests()[1]! as { id: number };
    const preview = { ok: true, layers: {} };
    worker.answer({ type: 'build-result', id: build.id, result: preview });
    await building.now();
    const head = {
      id: 'x',
      fileName: 'x.csv',
      mode: 'add',
      crs: 'WGS-84',
      importedAt: '2026-12-07T00:00:00.000Z',
    } as const;
    const storing = watch(client.storeImport(preview as never, head, ['car-parks']));
    client.dispose();
    await vi.advanceTimersByTimeAsync(65 * SECOND);
    // Rejected, not left waiting: the page then stores the record another way.
    expect(await storing.now()).toMatchObject({
      error: 'import worker failed: it stopped answering',
    });
    expect(worker.terminated).toBe(true);
  });

  it('the analysis client: rejects the waiting run as a failed worker, and the next starts afresh', async () => {
    const { createAnalysisClient } = await import('../../src/worker/analysis_client');
    const { coverageInputs } = await import('../../src/analysis/coverage_inputs');
    const { LAYER_IDS } = await import('../../src/data/layers');
    const noData = {
      layers: Object.fromEntries(
        LAYER_IDS.map((l) => [l, { type: 'FeatureCollection', features: [] }]),
      ),
      completeness: {},
      sources: {},
      planTasks: { headings: [], tasks: [], targets: [] },
    };
    const analysis = createAnalysisClient(coverageInputs(noData as never));
    const run = watch(
      analysis.run(
        { tab: 'parks', parameters: {}, schoolLevel: 'primary', schoolView: 'coverage' } as never,
        [],
        () => {},
      ),
    );
    await vi.advanceTimersByTimeAsync(0);
    const silent = FakeWorker.made[0]!;
    expect(silent.requests().map((m) => m.type)).toEqual(['init', 'run']);
    await vi.advanceTimersByTimeAsync(65 * SECOND);
    expect(await run.now()).toMatchObject({
      name: 'AnalysisWorkerFailedError',
      error: 'the analysis worker stopped answering',
    });
    expect(silent.terminated).toBe(true);
    void analysis.run({} as never, [], () => {}).catch(() => {});
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeWorker.made).toHaveLength(2);
    expect(FakeWorker.made[1]!.requests()[0]!.type).toBe('init');
    analysis.dispose();
  });

  it('the link reader: a link whose worker went silent is unreadable, with the reason', async () => {
    const { decodeScenarioLink } = await import('../../src/worker/scenario_link_client');
    const decoding = watch(decodeScenarioLink({ type: 'encoded', value: 'abc' } as never));
    await vi.advanceTimersByTimeAsync(65 * SECOND);
    expect(await decoding.now()).toEqual({
      value: { ok: false, message: 'the link could not be read: its worker stopped answering' },
    });
    expect(FakeWorker.made[0]!.terminated).toBe(true);
  });
});

describe('each worker answers a ping from its message loop', () => {
  const workers = {
    'analysis worker': () => import('../../src/worker/analysis.worker'),
    'restore worker': () => import('../../src/worker/import_record.worker'),
    'layer text worker': () => import('../../src/worker/layer_text.worker'),
    'link reader worker': () => import('../../src/worker/scenario_link.worker'),
    'import worker': () => import('../../src/import/import.worker'),
  };
  for (const [name, load] of Object.entries(workers)) {
    it(`the ${name} answers at once, and takes the ping for no request`, async () => {
      const posted: unknown[] = [];
      const scope = {
        onmessage: null as ((event: { data: unknown }) => void) | null,
        onmessageerror: null as ((event: object) => void) | null,
        postMessage: (message: unknown) => posted.push(message),
      };
      vi.stubGlobal('self', scope);
      await load();
      scope.onmessage!({ data: { livenessPing: 7 } });
      expect(posted).toEqual([{ livenessPong: 7 }]);
      await vi.advanceTimersByTimeAsync(1000);
      expect(posted).toEqual([{ livenessPong: 7 }]);
    });
  }
});
