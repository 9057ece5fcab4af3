import { afterEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for the browser's Worker: records what it is sent and can fail on demand. */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message: string }) => void) | null = null;
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
});
