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

  it('joins bytes the restore wrote without a worker, and asks one when some are missing', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { layerTextBlob } = await import('../../src/worker/layer_text_client');
    const { featuresBytesBlob, setWrittenText } = await import('../../src/data/layer_text');
    const { layerFromBytes } = (await import(
      '../../public/maplibre-layer-bytes.mjs' as string
    )) as {
      layerFromBytes: (buffer: ArrayBuffer) => unknown;
    };
    const written = { count: 1, chunks: [] };
    const keep = ['id'];
    const point = (id: string, lon: number) => ({
      type: 'Feature' as const,
      properties: { id, note: 'left out' },
      geometry: { type: 'Point' as const, coordinates: [lon, 40.0] },
    });
    setWrittenText(written, keep, Promise.resolve(featuresBytesBlob([[point('w', 116.4)]], keep)));
    const blob = await layerTextBlob(
      [{ features: [point('s', 116.3)] }, { compact: written }],
      keep,
    );
    expect(FakeWorker.made).toHaveLength(0);
    expect(layerFromBytes(await blob.arrayBuffer())).toEqual({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: 's' }, geometry: point('s', 116.3).geometry },
        { type: 'Feature', properties: { id: 'w' }, geometry: point('w', 116.4).geometry },
      ],
    });

    // Written with other properties than asked for, or not at all, or GeoJSON text asked
    // for (a map whose workers cannot read bytes): a worker writes the layer.
    void layerTextBlob([{ compact: written }], ['id', 'name']);
    void layerTextBlob([{ compact: { count: 0, chunks: [] } }], keep);
    void layerTextBlob([{ compact: written }], keep, true);
    await vi.waitFor(() => expect(FakeWorker.made[0]?.sent).toHaveLength(3));
    const asked = FakeWorker.made[0]!.sent as unknown as { json: boolean }[];
    expect(asked.map((request) => request.json).sort()).toEqual([false, false, true]);
  });
});
