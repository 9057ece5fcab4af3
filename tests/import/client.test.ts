import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportCancelledError, createImportClient } from '../../src/import/import_client';
import type { FromImportWorker, ToImportWorker } from '../../src/import/protocol';
import { MAX_IMPORT_BYTES, type ImportContext } from '../../src/import';

/** A stand-in for the module worker: records messages and answers builds when told to. */
class FakeWorker {
  static instances: FakeWorker[] = [];
  messages: ToImportWorker[] = [];
  transfers: Transferable[][] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<FromImportWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    FakeWorker.instances.push(this);
  }
  postMessage(message: ToImportWorker, transfer: Transferable[] = []) {
    this.messages.push(message);
    this.transfers.push(transfer);
  }
  reply(message: FromImportWorker) {
    this.onmessage?.({ data: message } as MessageEvent<FromImportWorker>);
  }
  terminate() {
    this.terminated = true;
  }
}

const context: ImportContext = {
  subdistricts: { type: 'FeatureCollection', features: [] },
  reference: {},
};
const options = { target: 'parks', crs: 'WGS-84', datasetId: 'd' } as const;

describe('import client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeWorker.instances = [];
  });

  it('sends the context first, transfers the file, and relays progress and results', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const client = createImportClient(context);
    const file = new File(['{"type":"Point","coordinates":[116.33,40.07]}'], 'p.geojson');
    const progress: number[] = [];
    const reading = client.read(file, (done) => progress.push(done));
    await vi.waitFor(() => expect(FakeWorker.instances[0]?.messages).toHaveLength(2));
    const worker = FakeWorker.instances[0]!;
    expect(worker.options).toEqual({ type: 'module' });
    expect(worker.messages[0]).toEqual({ type: 'context', context });
    const read = worker.messages[1] as Extract<ToImportWorker, { type: 'read' }>;
    expect(read).toMatchObject({ type: 'read', fileName: 'p.geojson' });
    expect(worker.transfers[1]).toEqual([read.bytes]);
    worker.reply({ type: 'progress', id: read.id, done: 5, total: 10 });
    const summary = {
      ok: true,
      format: 'geojson',
      encoding: 'utf-8',
      count: 1,
      table: null,
    } as const;
    worker.reply({ type: 'read-result', id: read.id, result: summary });
    await expect(reading).resolves.toEqual(summary);
    expect(progress).toEqual([5]);
  });

  it('refuses a file over the limit without reading it', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const client = createImportClient(context);
    const arrayBuffer = vi.fn();
    const huge = { size: MAX_IMPORT_BYTES + 1, name: 'huge.csv', arrayBuffer } as unknown as File;
    const result = await client.read(huge);
    expect(result).toMatchObject({ ok: false, error: { code: 'file-too-large' } });
    expect(arrayBuffer).not.toHaveBeenCalled();
    expect(FakeWorker.instances).toHaveLength(0);
  });

  it('cancel terminates the worker, rejects the pending build, and starts afresh next time', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const client = createImportClient(context);
    const building = client.build(options);
    const first = FakeWorker.instances[0]!;
    client.cancel();
    await expect(building).rejects.toBeInstanceOf(ImportCancelledError);
    expect(first.terminated).toBe(true);
    const again = client.build(options);
    const second = FakeWorker.instances[1]!;
    expect(second).toBeDefined();
    expect(second.messages[0]).toEqual({ type: 'context', context });
    const build = second.messages[1] as Extract<ToImportWorker, { type: 'build' }>;
    const result = { ok: false, error: { code: 'no-features' } } as const;
    second.reply({ type: 'build-result', id: build.id, result });
    await expect(again).resolves.toEqual(result);
  });

  const failures = [
    {
      how: 'fails',
      fire: (w: FakeWorker) => w.onerror?.({ message: 'out of memory' } as ErrorEvent),
      message: 'out of memory',
    },
    {
      how: 'sends an answer that could not be read',
      fire: (w: FakeWorker) => w.onmessageerror?.({} as MessageEvent),
      message: 'import worker failed: an answer from it could not be read',
    },
  ];
  for (const { how, fire, message } of failures) {
    it(`rejects the waiting requests when its worker ${how}, and starts afresh next time`, async () => {
      vi.stubGlobal('Worker', FakeWorker);
      const client = createImportClient(context);
      const building = client.build(options);
      const network = client.buildNetwork('WGS-84', 1);
      const broken = FakeWorker.instances[0]!;
      fire(broken);
      const waited = new Promise((resolve) => setTimeout(() => resolve('waiting'), 0));
      const outcome = (p: Promise<unknown>) => p.then(String, (error: Error) => error.message);
      expect(await Promise.race([outcome(building), waited])).toBe(message);
      await expect(network).rejects.toThrow(message);
      expect(broken.terminated).toBe(true);
      // A worker that failed may be gone: the next request goes to a fresh one, context first.
      const again = client.build(options);
      expect(FakeWorker.instances).toHaveLength(2);
      const fresh = FakeWorker.instances[1]!;
      expect(fresh.messages[0]).toEqual({ type: 'context', context });
      const build = fresh.messages[1] as Extract<ToImportWorker, { type: 'build' }>;
      const result = { ok: false, error: { code: 'no-features' } } as const;
      fresh.reply({ type: 'build-result', id: build.id, result });
      await expect(again).resolves.toEqual(result);
    });
  }

  it('asks the worker that built a preview for its map text, naming that build', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const client = createImportClient(context);
    const unknown = { ok: false, error: { code: 'no-features' } } as const;
    // A preview this client did not build: no worker is asked.
    await expect(client.mapText(unknown, ['name'])).resolves.toBeNull();
    expect(FakeWorker.instances).toHaveLength(0);

    const building = client.build(options);
    const worker = FakeWorker.instances[0]!;
    const build = worker.messages[1] as Extract<ToImportWorker, { type: 'build' }>;
    const result = { ok: false, error: { code: 'no-features' } } as const;
    worker.reply({ type: 'build-result', id: build.id, result });
    const preview = await building;
    const texts = client.mapText(preview, ['name']);
    const asked = worker.messages[2] as Extract<ToImportWorker, { type: 'map-text' }>;
    expect(asked).toMatchObject({ type: 'map-text', build: build.id, keep: ['name'] });
    const blob = new Blob(['{}']);
    worker.reply({ type: 'map-text-result', id: asked.id, result: { parks: blob } });
    await expect(texts).resolves.toEqual({ parks: blob });
  });

  it('ends its worker on dispose once a map text asked for is written, a build at once', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const client = createImportClient(context);
    const building = client.build(options);
    const worker = FakeWorker.instances[0]!;
    const build = worker.messages[1] as Extract<ToImportWorker, { type: 'build' }>;
    worker.reply({
      type: 'build-result',
      id: build.id,
      result: { ok: false, error: { code: 'no-features' } },
    });
    const preview = await building;
    const texts = client.mapText(preview, ['name']);
    const rebuilding = client.build(options);
    client.dispose();
    await expect(rebuilding).rejects.toBeInstanceOf(ImportCancelledError);
    expect(worker.terminated).toBe(false);
    const asked = worker.messages[2] as Extract<ToImportWorker, { type: 'map-text' }>;
    const blob = new Blob(['{}']);
    worker.reply({ type: 'map-text-result', id: asked.id, result: { parks: blob } });
    await expect(texts).resolves.toEqual({ parks: blob });
    await vi.waitFor(() => expect(worker.terminated).toBe(true));
    // Without a text asked for, dispose ends the worker at once, as cancel does.
    const other = createImportClient(context);
    void other.build(options).catch(() => undefined);
    other.dispose();
    expect(FakeWorker.instances[1]!.terminated).toBe(true);
  });
});
