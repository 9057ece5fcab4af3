import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeFeatures } from '../../src/data/compact_features';

/**
 * A stand-in for the browser's Worker: records what it is sent; the test answers. The gate's
 * helper (a worker of its own) is made too, and never answers: the gate does without it.
 */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message: string }) => void) | null = null;
  sent: { id: number; kind: string }[] = [];
  constructor(readonly url: URL) {
    FakeWorker.made.push(this);
  }
  postMessage(message: { id: number; kind: string }) {
    this.sent.push(message);
  }
  terminate() {}
  answer(data: unknown) {
    this.onmessage!({ data });
  }
}

const restoreWorker = () => FakeWorker.made.find((w) => String(w.url).includes('import_record'))!;

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
  FakeWorker.made = [];
});

const carParks = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    type: 'Feature' as const,
    properties: { id: `p${i}`, name: `停车场${i}` },
    geometry: { type: 'Point' as const, coordinates: [116.3 + i * 1e-5, 40.05] },
  }));

const checkedDataset = (count: number) => ({
  id: 'a',
  fileName: 'a.csv',
  layer: 'car-parks',
  mode: 'add',
  crs: 'WGS-84',
  importedAt: '2026-12-01T00:00:00.000Z',
  compact: { count, chunks: [] },
});

async function client() {
  vi.stubGlobal('Worker', FakeWorker);
  const { checkImport } = await import('../../src/worker/import_record_client');
  const { writtenText } = await import('../../src/data/layer_text');
  const { MAP_FEATURE_PROPERTIES } = await import('../../src/layers/catalog');
  return { checkImport, writtenText, keep: MAP_FEATURE_PROPERTIES };
}

describe('the restore gate as the page asks it', () => {
  it('keeps each checked chunk as it comes, and gives them once the record passed, unbuilt', async () => {
    const { checkImport, writtenText, keep } = await client();
    const features = carParks(7_002);
    const { chunks } = encodeFeatures(features);
    const reading = checkImport('import:a');
    const worker = restoreWorker();
    const [check, text] = worker.sent;
    expect([check!.kind, text!.kind]).toEqual(['check', 'map-text']);
    // The worker is told what the map reads, to write its text as each chunk passes.
    expect(check).toMatchObject({ key: 'import:a', keep });
    chunks.forEach((chunk) => worker.answer({ id: check!.id, dataset: 0, chunk }));
    worker.answer({ id: check!.id, read: { ok: true, value: [checkedDataset(7_002)] } });
    const read = await reading;
    if (!read.ok) throw new Error(read.skipped.reason);
    const [restored] = read.value;
    expect(restored!.compact.chunks).toEqual(chunks);
    // The page builds no feature while the record is restored (see `readImport`).
    expect(restored!.features).toBeUndefined();
    // The worker's text of the dataset is kept for the map.
    const blob = new Blob(['"written"']);
    worker.answer({ id: text!.id, texts: [blob] });
    expect(await writtenText(restored!.compact, keep)).toBe(blob);
  });

  it('restores the features that were stored, built from the chunks when read', async () => {
    const { checkImport } = await client();
    const { readImport } = await import('../../src/data/saved_work');
    const features = carParks(7_002);
    const { chunks } = encodeFeatures(features);
    const reading = readImport('import:a', checkImport);
    const worker = restoreWorker();
    const id = worker.sent[0]!.id;
    chunks.forEach((chunk) => worker.answer({ id, dataset: 0, chunk }));
    worker.answer({ id, read: { ok: true, value: [checkedDataset(7_002)] } });
    const read = await reading;
    if (!read.ok) throw new Error(read.skipped.reason);
    expect(read.value[0]!.features).toEqual(features);
  });

  it('runs the gate on the page when a chunk is missing from what the worker sent', async () => {
    const { checkImport } = await client();
    const { chunks } = encodeFeatures(carParks(7_002));
    const reading = checkImport('import:c');
    const worker = restoreWorker();
    const id = worker.sent[0]!.id;
    worker.answer({ id, dataset: 0, chunk: chunks[0] });
    worker.answer({ id, read: { ok: true, value: [checkedDataset(7_002)] } });
    // The incomplete answer is not used: the page reads the record itself, and in Node, with
    // no IndexedDB, finds none.
    expect(await reading).toEqual({ ok: true, value: [] });
  });

  it('gives nothing of a record that failed after some of its chunks passed', async () => {
    const { checkImport } = await client();
    const { chunks } = encodeFeatures(carParks(6_000));
    const reading = checkImport('import:b');
    const worker = restoreWorker();
    const id = worker.sent[0]!.id;
    worker.answer({ id, dataset: 0, chunk: chunks[0] });
    const skipped = { key: 'import:b', kind: 'import', name: 'b.csv', reason: 'feature 5001: x' };
    worker.answer({ id, read: { ok: false, skipped } });
    expect(await reading).toEqual({ ok: false, skipped });
  });
});
