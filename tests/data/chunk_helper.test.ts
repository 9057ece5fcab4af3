import type { Feature } from 'geojson';
import { afterEach, describe, expect, it } from 'vitest';
import { type CompactChunk, encodeChunk } from '../../src/data/compact_features';
import { type ChunkHelper, checkImportRecord } from '../../src/data/import_record';
import { featuresBytes } from '../../src/data/layer_text';
import { LIMITS } from '../../src/data/limits';
import { chunkHelperOn, helpThrough } from '../../src/worker/chunk_helper';
import { nextTask } from '../../src/worker/next_task';

/**
 * The restore gate with its helper: the later half of a record's chunks is moved to the helper,
 * which checks them while the gate checks the first half and moves each back with its verdict;
 * here both on this thread over a real message channel, taking turns between chunks as two
 * threads would. Whatever the helper checked, the gate must
 * answer as it does alone: the same datasets and summaries, and for a bad record the same first
 * reason in the record's order, with the feature named by its place in its dataset.
 */
const limits = LIMITS as { -readonly [K in keyof typeof LIMITS]: number };
const verticesPerFile = LIMITS.verticesPerFile;
afterEach(() => {
  limits.verticesPerFile = verticesPerFile;
});

const carPark = (i: number, geometry: unknown = { type: 'Point', coordinates: [116.33, 40.07] }) =>
  ({
    type: 'Feature',
    geometry,
    properties: {
      id: `imp-${i}`,
      name: `P${i}`,
      kind: 'car-park',
      subdistrict: i % 2 ? '回龙观街道' : '霍营街道',
      source: `import-${i % 3}`,
      source_crs: 'WGS-84',
      accuracy: 'surveyed',
      spaces: 10,
    },
  }) as Feature;

/** A square around the area's centre, as a car park drawn as an outline may be. */
const square = (size: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [116.33, 40.07],
      [116.33 + size, 40.07],
      [116.33 + size, 40.07 + size],
      [116.33, 40.07 + size],
      [116.33, 40.07],
    ],
  ],
});

/** Chunks of `size` features each (the app writes 5,000; any size decodes alike). */
const chunked = (features: Feature[], size: number): CompactChunk[] =>
  Array.from({ length: Math.ceil(features.length / size) }, (_, i) =>
    encodeChunk(features.slice(i * size, (i + 1) * size)),
  );

const record = (...layers: CompactChunk[][]) => ({
  id: 'h',
  fileName: 'h.csv',
  mode: 'add',
  crs: 'WGS-84',
  importedAt: '2026-12-01T00:00:00.000Z',
  layers: layers.map((chunks) => ({
    layer: 'car-parks',
    features: { count: chunks.reduce((n, c) => n + c.count, 0), chunks },
  })),
});

/** A helper on the other end of a channel, serving as the helper's worker does. */
function helper(keep?: readonly string[]): ChunkHelper {
  const { port1, port2 } = new MessageChannel();
  helpThrough(port2);
  return chunkHelperOn(port1, keep);
}

/**
 * The gate with a helper: its answer, and which chunks (in order) the helper checked. On a copy
 * of the record, as read from storage: the chunks handed over are moved from it.
 */
async function withHelper(value: unknown, keep?: readonly string[]) {
  const helped: boolean[] = [];
  const written: (Uint8Array[] | undefined)[] = [];
  const read = await checkImportRecord(
    'import:h',
    structuredClone(value),
    nextTask,
    (_, features, __, bytes) => {
      helped.push(features === null);
      written.push(bytes);
    },
    helper(keep),
  );
  return { read, helped, written };
}

describe('the restore gate with a helper', () => {
  it('restores what the gate alone restores, the helper having checked the later chunks', async () => {
    const value = record(
      chunked(
        Array.from({ length: 40 }, (_, i) => carPark(i)),
        4,
      ),
      chunked(
        Array.from({ length: 9 }, (_, i) => carPark(100 + i)),
        4,
      ),
    );
    const alone = await checkImportRecord('import:h', value);
    const { read, helped } = await withHelper(value);
    expect(alone.ok).toBe(true);
    expect(read).toEqual(alone);
    // The gate checked the first 7 chunks, the helper the other 6.
    expect(helped).toEqual([...Array(7).fill(false), ...Array(6).fill(true)]);
    if (!read.ok) return;
    expect(read.value[0]!.summary.unitCounts).toEqual(
      new Map([
        ['霍营街道', 20],
        ['回龙观街道', 20],
      ]),
    );
    expect(read.value[0]!.summary.sources).toEqual(['import-0', 'import-1', 'import-2']);
  });

  it("gives the map's bytes the helper wrote, as the gate writes them", async () => {
    const features = Array.from({ length: 30 }, (_, i) => carPark(i, square(0.001 + i * 1e-5)));
    const keep = ['id', 'name'];
    const { read, helped, written } = await withHelper(record(chunked(features, 5)), keep);
    expect(read.ok).toBe(true);
    const last = helped.lastIndexOf(true);
    expect(last).toBe(5);
    const expected = featuresBytes(features.slice(25), keep);
    expect(written[last]!.map((b) => [...b])).toEqual(expected.map((b) => [...b]));
  });

  it('names the first bad feature in the record, though the helper met a later one first', async () => {
    const features = Array.from({ length: 40 }, (_, i) => carPark(i));
    features[2] = carPark(2, { type: 'Point', coordinates: [200, 40.07] });
    const chunks = chunked(features, 4);
    chunks[9] = { ...chunks[9]!, properties: new Uint8Array([1, 2, 3]) };
    const value = record(chunks);
    const alone = await checkImportRecord('import:h', value);
    const { read } = await withHelper(value);
    expect(read).toEqual(alone);
    expect(!read.ok && read.skipped.reason).toMatch(/^feature 3: /);
  });

  it('names a bad feature the helper found by its place in its dataset', async () => {
    const second = Array.from({ length: 12 }, (_, i) => carPark(100 + i));
    second[10] = carPark(110, { type: 'Point', coordinates: [116.33, 95] });
    const value = record(
      chunked(
        Array.from({ length: 16 }, (_, i) => carPark(i)),
        4,
      ),
      chunked(second, 4),
    );
    const alone = await checkImportRecord('import:h', value);
    const { read, helped } = await withHelper(value);
    expect(read).toEqual(alone);
    expect(!read.ok && read.skipped.reason).toMatch(/^feature 11: /);
    // The chunks before the bad one passed, the helper's among them.
    expect(helped.length).toBeLessThan(7);
    expect(helped).toContain(true);
  });

  it('skips a damaged chunk the helper found, when everything before it passed', async () => {
    const chunks = chunked(
      Array.from({ length: 40 }, (_, i) => carPark(i)),
      4,
    );
    chunks[8] = { ...chunks[8]!, points: new Float64Array(3) };
    const value = record(chunks);
    const { read } = await withHelper(value);
    expect(read).toEqual(await checkImportRecord('import:h', value));
    expect(!read.ok && read.skipped.reason).toBe('damaged features: points do not match the chunk');
  });

  it('counts the positions of the whole record in order, whoever checked each chunk', async () => {
    // 60 outlines of 5 positions: 300 in all. A file may hold 290 here, so the 59th breaks it.
    limits.verticesPerFile = 290;
    const features = Array.from({ length: 60 }, (_, i) => carPark(i, square(0.001)));
    const value = record(chunked(features, 6));
    const alone = await checkImportRecord('import:h', value);
    const { read } = await withHelper(value);
    expect(read).toEqual(alone);
    expect(!read.ok && read.skipped.reason).toMatch(/（此文件：至少 295）/);
  });

  it('gives chunks back unchecked past the positions a file may hold, each whole', async () => {
    // 8 chunks of 6 outlines of 5 positions: the helper takes the last 4, 30 positions each,
    // and a file may hold 50 here: it checks the first it takes, and no more.
    limits.verticesPerFile = 50;
    const features = Array.from({ length: 48 }, (_, i) => carPark(i, square(0.001)));
    const chunks = chunked(features, 6).map((chunk) => ({ layer: 'car-parks' as const, chunk }));
    const sizes = chunks.map(({ chunk }) => (chunk.properties as Uint8Array).length);
    const h = helper();
    expect(h.handOver(chunks)).toBe(4);
    const back = await Promise.all([4, 5, 6, 7].map((i) => h.back(i)));
    h.stop();
    expect(back.map((b) => b?.verdict !== undefined)).toEqual([true, false, false, false]);
    expect(back.map((b) => (b?.chunk.properties as Uint8Array).length)).toEqual(sizes.slice(4));
    expect(back.map((b) => b?.chunk.count)).toEqual([6, 6, 6, 6]);
  });

  it('reads the record again and checks the rest itself when the helper is lost', async () => {
    const value = record(
      chunked(
        Array.from({ length: 20 }, (_, i) => carPark(i)),
        4,
      ),
    );
    // A helper that takes the chunks and never gives them back.
    const { port1 } = new MessageChannel();
    const silent = chunkHelperOn(port1, undefined, 20);
    const helped: boolean[] = [];
    let reads = 0;
    const read = await checkImportRecord(
      'import:h',
      structuredClone(value),
      nextTask,
      (_, f) => helped.push(!f),
      silent,
      async () => (reads++, structuredClone(value)),
    );
    expect(read).toEqual(await checkImportRecord('import:h', value));
    expect(reads).toBe(1);
    expect(helped).toEqual([false, false, false, false, false]);
  });

  it('skips the record when it reads back other than it was, with the helper lost', async () => {
    const value = record(
      chunked(
        Array.from({ length: 20 }, (_, i) => carPark(i)),
        4,
      ),
    );
    const { port1, port2 } = new MessageChannel();
    const gone = chunkHelperOn(port1);
    // The helper's end closes, as when its worker ends: lost at once, without waiting.
    port2.close();
    const other = record(
      chunked(
        Array.from({ length: 12 }, (_, i) => carPark(i)),
        4,
      ),
    );
    const read = await checkImportRecord(
      'import:h',
      structuredClone(value),
      nextTask,
      undefined,
      gone,
      async () => other,
    );
    expect(!read.ok && read.skipped.reason).toBe('unreadable: the record could not be read again');
  });
});
