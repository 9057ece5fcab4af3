import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { shippedWithoutCarParks } from '../import/context';
import { transferables } from '../../src/data/compact_features';
import type { ImportedDataset } from '../../src/data/imported_data';

/**
 * The restore gate as the worker runs it: a stored import record read from IndexedDB (here
 * fake-indexeddb) and checked, answered with the features still compact, never as objects.
 */
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules();
});

const NOW = '2026-11-29T00:00:00.000Z';

function carPark(i: number, geometry: unknown = { type: 'Point', coordinates: [116.33, 40.07] }) {
  return {
    type: 'Feature',
    geometry,
    properties: {
      id: `imp-${i}`,
      name: `P${i}`,
      kind: 'car-park',
      subdistrict: '回龙观街道',
      source: 'import-a',
      source_crs: 'WGS-84',
      accuracy: 'surveyed',
      spaces: 10,
    },
  };
}

function dataset(id: string, features: unknown[]): ImportedDataset {
  return {
    id,
    fileName: `${id}.csv`,
    layer: 'car-parks',
    mode: 'add',
    crs: 'WGS-84',
    importedAt: NOW,
    features: features as ImportedDataset['features'],
  };
}

async function modules() {
  const saved = await import('../../src/data/saved_work');
  const gate = await import('../../src/data/import_record');
  const { createStore, get, set } = await import('idb-keyval');
  const store = createStore('huitian-map', 'saved-work');
  const put = (key: string, value: unknown) => set(key, value, store);
  const stored = (key: string) => get<Record<string, unknown>>(key, store);
  return { saved, gate, put, stored };
}

describe('the restore gate in the worker', () => {
  it('answers a good record with its car parks compact, their coordinates movable', async () => {
    const { saved, gate } = await modules();
    const features = Array.from({ length: 7001 }, (_, i) => carPark(i));
    await saved.saveImport([dataset('a', features)]);
    const read = await gate.readCheckedImport('import:a');
    if (!read.ok) throw new Error(read.skipped.reason);
    expect(read.value).toHaveLength(1);
    const [only] = read.value;
    expect(only).not.toHaveProperty('features');
    expect(only!.fileName).toBe('a.csv');
    expect(only!.compact.count).toBe(7001);
    // 7,001 points: two chunks, each with its coordinates and its properties in buffers of
    // their own.
    expect(only!.compact.chunks).toHaveLength(2);
    expect(transferables(only!.compact)).toHaveLength(4);
    const properties = only!.compact.chunks[1]!.properties as Uint8Array;
    expect(JSON.parse(new TextDecoder().decode(properties))[0].name).toBe('P5000');
  });

  it('hands each chunk of checked features to a listener, by dataset', async () => {
    const { saved, gate } = await modules();
    const features = Array.from({ length: 5003 }, (_, i) => carPark(i));
    await saved.saveImport([dataset('l', features)]);
    const seen: [number, string[]][] = [];
    const read = await gate.readCheckedImport('import:l', undefined, (index, checked, chunk) => {
      expect(chunk.count).toBe(checked!.length);
      seen.push([index, checked!.map((f) => f.properties.name)]);
    });
    expect(read.ok).toBe(true);
    expect(seen.map(([index, names]) => [index, names.length])).toEqual([
      [0, 5000],
      [0, 3],
    ]);
    expect(seen.flatMap(([, names]) => names)).toEqual(features.map((f) => f.properties.name));
  });

  it('skips a record whose feature fails the import checks, naming the feature', async () => {
    const { saved, gate } = await modules();
    const circle = { type: 'Circle', coordinates: [116.33, 40.07], radius: 100 };
    await saved.saveImport([dataset('b', [carPark(0), carPark(1, circle)])]);
    const read = await gate.readCheckedImport('import:b');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.skipped.name).toBe('b.csv');
    expect(read.skipped.reason).toMatch(/^feature 2: .*Circle/);
  });

  it('skips a record whose stored point the import would not take, naming the feature', async () => {
    const { gate, put } = await modules();
    const good = { type: 'Point', coordinates: [116.33, 40.07] };
    const cases: [string, unknown, string][] = [
      ['car-parks', { type: 'Point', coordinates: ['116.33', 40.07] }, 'invalid-coordinates'],
      ['car-parks', { type: 'Point', coordinates: [116.33] }, 'invalid-coordinates'],
      [
        'car-parks',
        { type: 'Point', coordinates: [120, 40.07] },
        'position 120,40.07 outside the area',
      ],
      ['car-parks', { type: 'Point' }, 'invalid-coordinates'],
      ['residential', good, 'wrong-geometry-type (Point)'],
    ];
    for (const [i, [layer, geometry, problem]] of cases.entries()) {
      // Stored as an older version kept them: both geometries as JSON text.
      const properties = JSON.stringify([carPark(0).properties, carPark(1).properties]);
      const geometries = JSON.stringify([good, geometry]);
      await put(`import:g${i}`, {
        id: `g${i}`,
        fileName: `g${i}.csv`,
        mode: 'add',
        crs: 'WGS-84',
        importedAt: NOW,
        layers: [{ layer, features: { count: 2, chunks: [{ count: 2, properties, geometries }] } }],
      });
      const read = await gate.readCheckedImport(`import:g${i}`);
      const reason = read.ok ? null : read.skipped.reason;
      expect(reason?.startsWith(`feature ${layer === 'residential' ? 1 : 2}: ${problem}`)).toBe(
        true,
      );
    }
  });

  it('skips a record whose chunks do not hold what they say', async () => {
    const { gate, put } = await modules();
    const properties = JSON.stringify([carPark(0).properties, carPark(1).properties]);
    await put('import:c', {
      id: 'c',
      fileName: 'c.csv',
      mode: 'add',
      crs: 'WGS-84',
      importedAt: NOW,
      layers: [
        {
          layer: 'car-parks',
          features: { count: 2, chunks: [{ count: 2, properties, points: new Float64Array(3) }] },
        },
      ],
    });
    const read = await gate.readCheckedImport('import:c');
    expect(read).toEqual({
      ok: false,
      skipped: {
        key: 'import:c',
        kind: 'import',
        name: 'c.csv',
        reason: 'damaged features: points do not match the chunk',
      },
    });
  });

  it('skips a record whose properties are not UTF-8 text', async () => {
    const { gate, put } = await modules();
    const points = new Float64Array([116.33, 40.07]);
    // "[{}]" with its brace replaced by a byte no UTF-8 text holds.
    const properties = new Uint8Array([0x5b, 0xff, 0x7d, 0x5d]);
    await put('import:u', {
      id: 'u',
      fileName: 'u.csv',
      mode: 'add',
      crs: 'WGS-84',
      importedAt: NOW,
      layers: [
        { layer: 'car-parks', features: { count: 1, chunks: [{ count: 1, properties, points }] } },
      ],
    });
    const read = await gate.readCheckedImport('import:u');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.skipped.name).toBe('u.csv');
    expect(read.skipped.reason).toMatch(/^damaged features: /);
  });

  it('reads a record kept by an older version, its properties as text', async () => {
    const { gate, put } = await modules();
    const properties = JSON.stringify([carPark(0).properties]);
    await put('import:t', {
      id: 't',
      fileName: 't.csv',
      mode: 'add',
      crs: 'WGS-84',
      importedAt: NOW,
      layers: [
        {
          layer: 'car-parks',
          features: {
            count: 1,
            chunks: [{ count: 1, properties, points: new Float64Array([116.33, 40.07]) }],
          },
        },
      ],
    });
    const read = await gate.readCheckedImport('import:t');
    if (!read.ok) throw new Error(read.skipped.reason);
    expect(read.value[0]!.compact.count).toBe(1);
  });

  it('gives the completeness of a restored import from the features it checked', async () => {
    const { saved, put, stored } = await modules();
    // Of 7,001 car parks: every seventh in 霍营街道 (1,001), the ones after those outside
    // every unit (1,000), the other 5,000 in 回龙观街道.
    const features = Array.from({ length: 7001 }, (_, i) => {
      const f = carPark(i);
      if (i % 7 === 0) f.properties.subdistrict = '霍营街道';
      if (i % 7 === 1) (f.properties as { subdistrict: string | null }).subdistrict = null;
      return f;
    });
    await saved.saveImport([dataset('s', features)]);
    // Figures stored beside the features are never read: the gate counts what it checked.
    const record = (await stored('import:s'))!;
    const forged = { count: 1, unitCounts: new Map([['霍营街道', 99]]), sources: [] };
    const layers = (record.layers as Record<string, unknown>[]).map((l) => ({
      ...l,
      summary: forged,
      features: { ...(l.features as object), summary: forged },
    }));
    await put('import:s', { ...record, layers });
    const read = await saved.readImport('import:s');
    if (!read.ok) throw new Error(read.skipped.reason);
    const { composeLayerData } = await import('../../src/data/imported_data');
    const row = composeLayerData(shippedWithoutCarParks(), read.value).completeness['car-parks']!;
    expect(row.units).toEqual({
      回龙观街道: { status: 'partial', coverage_share: 0, count: 5000 },
      霍营街道: { status: 'partial', coverage_share: 0, count: 1001 },
      // A unit with no car parks stays without data: missing, not a measured gap.
      龙泽园街道: { status: 'none', coverage_share: 0, count: 0 },
    });
    expect(row.known_extent).toBeUndefined();
  });

  it('answers a record another tab removed with no datasets', async () => {
    const { gate } = await modules();
    expect(await gate.readCheckedImport('import:gone')).toEqual({ ok: true, value: [] });
  });
});
