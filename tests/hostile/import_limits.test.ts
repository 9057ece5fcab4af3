import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/data/limits';
import { problemMessage, readImportFile } from '../../src/import';
import { unzipWithinLimit } from '../../src/import/bounded_unzip';
import {
  carParkCsv,
  carParkShapefile,
  deflatedZeros,
  nestedPropertiesGeoJson,
  scenarioWithPark,
  surveyOutline,
  zipBomb,
} from './inputs';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('hostile imports end in a message naming the limit', { timeout: 120_000 }, () => {
  it('stops inflating a zip bomb (1 GB in about 1 MB) at the archive limit', async () => {
    const half = 512 * 1024 * 1024;
    const zip = zipBomb(half, await deflatedZeros(half));
    expect(zip.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const read = await readImportFile(zip, 'parks.zip');
    const grown = process.memoryUsage().rss - before;
    if (read.ok) throw new Error('a zip bomb was read');
    expect(read.error.code).toBe('over-limit');
    expect(read.error.limit?.limit).toBe('inflatedBytes');
    expect(read.error.limit!.found).toBeGreaterThan(LIMITS.inflatedBytes);
    expect(problemMessage(read.error, 'zh')).toMatch(
      /^压缩包解压后大小超过上限 300\.0 MB（此文件：至少 300\.\d MB）/,
    );
    expect(problemMessage(read.error, 'en')).toContain('inflated archive size over the limit');
    // Inflating stopped near the limit instead of holding the whole gigabyte.
    expect(grown).toBeLessThan(LIMITS.inflatedBytes + 200 * 1024 * 1024);
  });

  it('counts inflated bytes over all entries, not per entry', async () => {
    const zip = zipBomb(3 * 1024 * 1024, await deflatedZeros(3 * 1024 * 1024));
    await expect(unzipWithinLimit(zip, () => true, 4 * 1024 * 1024)).rejects.toMatchObject({
      problem: { limit: 'inflatedBytes' },
    });
    const within = await unzipWithinLimit(zip, () => true, 6 * 1024 * 1024 + 1);
    expect([...within.keys()]).toEqual(['parks.shp', 'parks.dbf']);
  });

  it('refuses 100,000 levels of nested properties before parsing them', async () => {
    const read = await readImportFile(bytes(nestedPropertiesGeoJson(100_000)), 'deep.geojson');
    if (read.ok) throw new Error('expected a refusal');
    expect(problemMessage(read.error, 'zh')).toBe(
      'JSON 嵌套层数超过上限 64（此文件：至少 65）；请拆分或简化后再导入',
    );
    expect(problemMessage(read.error, 'en')).not.toMatch(/RangeError|call stack/);
  });

  it('reads properties nested a few levels deep', async () => {
    const read = await readImportFile(bytes(nestedPropertiesGeoJson(20)), 'nested.geojson');
    expect(read.ok).toBe(true);
  });

  it('refuses a CSV of 1,000,000 car parks, naming the feature limit', async () => {
    const read = await readImportFile(bytes(carParkCsv(1_000_000)), 'car-parks.csv');
    if (read.ok) throw new Error('expected a refusal');
    expect(read.error).toMatchObject({
      code: 'over-limit',
      limit: { limit: 'featuresPerImport', found: 1_000_000 },
    });
    expect(problemMessage(read.error, 'zh')).toContain(
      '每次导入的要素数超过上限 250,000（此文件：1,000,000）',
    );
  });

  it('names the exact count of a CSV one row over the feature limit, not "at least"', async () => {
    const read = await readImportFile(bytes(carParkCsv(250_001)), 'car-parks.csv');
    if (read.ok) throw new Error('expected a refusal');
    expect(problemMessage(read.error, 'zh')).toContain(
      '每次导入的要素数超过上限 250,000（此文件：250,001）',
    );
    expect(problemMessage(read.error, 'en')).toContain(
      'features per import over the limit of 250,000 (this file: 250,001)',
    );
  });

  it('refuses a feature with more vertices than the per-feature limit, naming it', async () => {
    const ring = surveyOutline(LIMITS.verticesPerFeature + 10);
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [116.3, 40] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } },
      ],
    });
    const read = await readImportFile(bytes(geojson), 'outline.geojson');
    if (read.ok) throw new Error('expected a refusal');
    expect(read.error).toMatchObject({
      code: 'over-limit',
      featureIndex: 1,
      limit: { limit: 'verticesPerFeature' },
    });
    expect(problemMessage(read.error, 'en')).toMatch(
      /^Feature 2: vertices per feature over the limit of 100,000 \(this file: at least 100,001\)/,
    );
  });

  it('refuses a file with more vertices in all than the per-file limit', async () => {
    const ring = surveyOutline(60_000);
    const count = Math.ceil(LIMITS.verticesPerFile / 60_000) + 1;
    const feature = JSON.stringify({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: [ring] },
    });
    const text = `{"type":"FeatureCollection","features":[${Array(count).fill(feature).join(',')}]}`;
    const read = await readImportFile(bytes(text), 'outlines.geojson');
    if (read.ok) throw new Error('expected a refusal');
    expect(read.error.limit?.limit).toBe('verticesPerFile');
    // Counting stops at the feature that passes the limit, so the figure is a lower bound.
    const counted = read.error.limit!.found;
    expect(counted).toBeLessThan(count * ring.length);
    expect(problemMessage(read.error, 'en')).toContain(
      `vertices per file over the limit of 2,000,000 (this file: at least ${counted.toLocaleString('en-US')})`,
    );
  });

  it('reads a valid 60,000-vertex outline', async () => {
    const read = await readImportFile(bytes(scenarioWithPark(surveyOutline(60_000))), 'p.json');
    expect(read.ok).toBe(true);
  });
});

describe('big Shapefiles', { timeout: 120_000 }, () => {
  it('imports a point Shapefile of 200,000 car parks with their names', async () => {
    const read = await readImportFile(carParkShapefile(200_000), 'car-parks.zip');
    if (!read.ok) throw new Error(`refused: ${problemMessage(read.error, 'en')}`);
    if (read.kind !== 'features') throw new Error('expected features');
    expect(read.features).toHaveLength(200_000);
    expect(read.features[199_999]).toMatchObject({
      geometry: { type: 'Point' },
      properties: { NAME: 'P199999' },
    });
  });

  it('refuses a Shapefile of 300,000 car parks, naming the feature limit', async () => {
    const read = await readImportFile(carParkShapefile(300_000), 'car-parks.zip');
    if (read.ok) throw new Error('expected a refusal');
    expect(read.error).toMatchObject({
      code: 'over-limit',
      limit: { limit: 'featuresPerImport', found: 300_000 },
    });
    expect(problemMessage(read.error, 'zh')).toContain(
      '每次导入的要素数超过上限 250,000（此文件：300,000）',
    );
  });
});
