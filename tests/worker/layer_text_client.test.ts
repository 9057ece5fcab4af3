import { afterEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for the browser's Worker: records what it is sent and can fail on demand. */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message: string }) => void) | null = null;
  onmessageerror: ((event: object) => void) | null = null;
  sent: { id: number }[] = [];
  terminated = false;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(message: { id: number }) {
    this.sent.push(message);
  }
  terminate() {
    this.terminated = true;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
  FakeWorker.made = [];
});

describe('the layer text client', () => {
  it('rejects the waiting layer when its worker fails, and starts a fresh worker for the next', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { layerTextBlob } = await import('../../src/worker/layer_text_client');
    const first = layerTextBlob([]);
    const broken = FakeWorker.made[0]!;
    broken.onerror!({ message: 'out of memory' });
    await expect(first).rejects.toThrow('out of memory');
    expect(broken.terminated).toBe(true);

    const second = layerTextBlob([]);
    expect(FakeWorker.made).toHaveLength(2);
    const fresh = FakeWorker.made[1]!;
    const blob = new Blob(['{}']);
    fresh.onmessage!({ data: { id: fresh.sent[0]!.id, blob } });
    await expect(second).resolves.toBe(blob);
  });

  it('rejects the waiting layers when an answer could not be read, and starts a fresh worker', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { layerTextBlob } = await import('../../src/worker/layer_text_client');
    const first = layerTextBlob([]);
    const second = layerTextBlob([]);
    const broken = FakeWorker.made[0]!;
    // Which layer's text it was is unknown: neither would be answered.
    broken.onmessageerror?.({});
    const waited = new Promise((resolve) => setTimeout(() => resolve('waiting'), 0));
    const outcome = (p: Promise<Blob>) => p.then(String, (error: Error) => error.message);
    expect(await Promise.race([outcome(first), waited])).toBe(
      'an answer from the worker could not be read',
    );
    await expect(second).rejects.toThrow('an answer from the worker could not be read');
    expect(broken.terminated).toBe(true);

    const third = layerTextBlob([]);
    const fresh = FakeWorker.made[1]!;
    const blob = new Blob(['{}']);
    fresh.onmessage!({ data: { id: fresh.sent[0]!.id, blob } });
    await expect(third).resolves.toBe(blob);
  });

  it('joins texts the restore wrote without a worker, and asks one when a text is missing', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { layerTextBlob } = await import('../../src/worker/layer_text_client');
    const { setWrittenText } = await import('../../src/data/layer_text');
    const written = { count: 1, chunks: [] };
    const keep = ['id'];
    const shipped = {
      type: 'Feature' as const,
      properties: { id: 's', note: 'left out' },
      geometry: { type: 'Point' as const, coordinates: [116.3, 40.0] },
    };
    setWrittenText(
      written,
      keep,
      Promise.resolve(new Blob(['{"type":"Feature","properties":{"id":"w"},"geometry":null}'])),
    );
    const blob = await layerTextBlob([{ features: [shipped] }, { compact: written }], keep);
    expect(FakeWorker.made).toHaveLength(0);
    expect(JSON.parse(await blob.text())).toEqual({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: 's' }, geometry: shipped.geometry },
        { type: 'Feature', properties: { id: 'w' }, geometry: null },
      ],
    });

    // Written with other properties than asked for, or not at all: a worker writes the text.
    void layerTextBlob([{ compact: written }], ['id', 'name']);
    void layerTextBlob([{ compact: { count: 0, chunks: [] } }], keep);
    await vi.waitFor(() => expect(FakeWorker.made[0]?.sent).toHaveLength(2));
  });
});
