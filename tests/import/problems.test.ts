import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  buildImport,
  fileSizeProblem,
  MAX_IMPORT_BYTES,
  problemMessage,
  readImportFile,
  type ProblemCode,
} from '../../src/import';
import { createShippedContext, STATIONS, utf8 } from './context';

const context = createShippedContext();

async function buildFeatures(features: Feature[], extra: { swapAxes?: boolean } = {}) {
  const read = await readImportFile(
    utf8(JSON.stringify({ type: 'FeatureCollection', features })),
    'f.geojson',
  );
  const preview = buildImport(
    read,
    { target: 'healthcare', crs: 'WGS-84', datasetId: 'e', ...extra },
    context,
  );
  if (!preview.ok) throw new Error('expected ok');
  return preview;
}

const point = (name: string, coordinates: number[]): Feature => ({
  type: 'Feature',
  properties: { name },
  geometry: { type: 'Point', coordinates },
});

describe('per-feature problems', () => {
  it('detects swapped coordinates, says so, and swapAxes fixes them', async () => {
    const swapped = [
      point('回龙观', [STATIONS.回龙观[1], STATIONS.回龙观[0]]),
      point('霍营', [40.069357, 116.354448]),
    ];
    const preview = await buildFeatures(swapped);
    expect(preview.swappedSuspected).toBe(true);
    expect(preview.rejected.map((p) => p.code)).toEqual([
      'swapped-coordinates',
      'swapped-coordinates',
    ]);
    expect(problemMessage(preview.rejected[0]!, 'zh')).toContain(
      '经纬度顺序颠倒?'.replace('?', '？'),
    );
    expect(problemMessage(preview.rejected[0]!, 'en')).toContain('swapped');
    const fixed = await buildFeatures(swapped, { swapAxes: true });
    expect(fixed.rejected).toEqual([]);
    expect(fixed.layers.healthcare!.map((f) => f.geometry)).toEqual([
      { type: 'Point', coordinates: [...STATIONS.回龙观] },
      { type: 'Point', coordinates: [116.354448, 40.069357] },
    ]);
  });

  it('rejects positions outside the area', async () => {
    const preview = await buildFeatures([point('上海', [121.47, 31.23])]);
    expect(preview.rejected).toEqual([
      { code: 'outside-area', featureIndex: 0, name: '上海', detail: '121.47, 31.23' },
    ]);
    expect(preview.swappedSuspected).toBe(false);
  });

  it('names a self-intersecting polygon in the message', async () => {
    const [x, y] = STATIONS.回龙观;
    const bowtie: Feature = {
      type: 'Feature',
      properties: { name: '蝴蝶结小区' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 0.002, y + 0.002],
            [x + 0.002, y],
            [x, y + 0.002],
            [x, y],
          ],
        ],
      },
    };
    const read = await readImportFile(
      utf8(JSON.stringify({ type: 'FeatureCollection', features: [bowtie] })),
      'r.geojson',
    );
    const preview = buildImport(
      read,
      { target: 'residential', crs: 'WGS-84', datasetId: 'b' },
      context,
    );
    if (!preview.ok) throw new Error('expected ok');
    expect(preview.rejected[0]).toMatchObject({
      code: 'self-intersecting',
      featureIndex: 0,
      name: '蝴蝶结小区',
    });
    expect(problemMessage(preview.rejected[0]!, 'zh')).toBe(
      '第 1 个要素「蝴蝶结小区」：多边形自相交',
    );
    expect(problemMessage(preview.rejected[0]!, 'en')).toBe(
      'Feature 1 "蝴蝶结小区": the polygon crosses itself',
    );
  });

  it('keeps an HTML-looking name verbatim as a plain string', async () => {
    const xss = '<img src=x onerror=alert(1)>';
    const preview = await buildFeatures([
      {
        type: 'Feature',
        properties: { name: xss, note: xss },
        geometry: { type: 'Point', coordinates: [...STATIONS.霍营] },
      },
    ]);
    const properties = preview.layers.healthcare![0]!.properties;
    expect(properties.name).toBe(xss);
    expect(properties.note).toBe(xss);
    expect(problemMessage({ code: 'missing-geometry', featureIndex: 0, name: xss }, 'zh')).toBe(
      `第 1 个要素「${xss}」：没有几何图形`,
    );
  });

  it('keeps a __proto__ property as data', async () => {
    const text = `{"type":"Feature","properties":{"name":"甲","__proto__":{"polluted":1}},"geometry":{"type":"Point","coordinates":[${STATIONS.霍营.join(',')}]}}`;
    const preview = buildImport(
      await readImportFile(utf8(text), 'p.geojson'),
      { target: 'healthcare', crs: 'WGS-84', datasetId: 'p' },
      context,
    );
    if (!preview.ok) throw new Error('expected ok');
    const properties = preview.layers.healthcare![0]!.properties;
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(Object.hasOwn(properties, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses an id that already exists in the shipped or imported data', async () => {
    const taken = {
      ...context,
      reference: {
        ...context.reference,
        healthcare: {
          type: 'FeatureCollection' as const,
          features: [
            {
              type: 'Feature' as const,
              properties: { id: 'imp-e-1', name: '旧' },
              geometry: { type: 'Point' as const, coordinates: [...STATIONS.霍营] },
            },
          ],
        },
      },
    };
    const read = await readImportFile(
      utf8(JSON.stringify(point('新', [...STATIONS.霍营]))),
      'a.geojson',
    );
    const preview = buildImport(
      read,
      { target: 'healthcare', crs: 'WGS-84', datasetId: 'e' },
      taken,
    );
    expect(preview.ok && preview.rejected).toEqual([
      { code: 'duplicate-id', featureIndex: 0, name: '新', detail: 'imp-e-1' },
    ]);
  });
});

describe('whole-file errors', () => {
  it.each([
    ['empty.csv', new Uint8Array(0), 'empty-file'],
    ['blank.geojson', utf8('  \n '), 'empty-file'],
    ['notes.docx', utf8('hello world'), 'unknown-format'],
    ['bad.geojson', utf8('{"type": "FeatureCollection", "features": ['), 'parse-failed'],
    ['junk.zip', new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9]), 'parse-failed'],
    ['header.csv', utf8('name,lng,lat\n'), 'no-features'],
  ] as const)('%s → %s', async (name, bytes, code: ProblemCode) => {
    const read = await readImportFile(bytes, name);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error.code).toBe(code);
    expect(problemMessage(read.error, 'zh').length).toBeGreaterThan(0);
    expect(buildImport(read, { target: 'parks', crs: 'WGS-84', datasetId: 'x' }, context)).toEqual(
      read,
    );
  });

  it('refuses a truncated zip instead of searching it forever', async () => {
    // The unzip inside shpjs never returns on a short zip without its directory record.
    const bytes = new Uint8Array(200).fill(0x20);
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    bytes.set([0x50, 0x4b, 0x01, 0x02], 150);
    const read = await readImportFile(bytes, 'cut.zip');
    expect(read).toMatchObject({ ok: false, error: { code: 'parse-failed' } });
  });

  it('refuses files over 100 MB before reading them', () => {
    expect(fileSizeProblem(MAX_IMPORT_BYTES)).toBeNull();
    const problem = fileSizeProblem(MAX_IMPORT_BYTES + 1)!;
    expect(problem.code).toBe('file-too-large');
    expect(problemMessage(problem, 'zh')).toContain('100 MB');
    expect(problemMessage(problem, 'en')).toContain('100 MB');
  });
});
