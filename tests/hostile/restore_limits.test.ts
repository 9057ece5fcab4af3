import { readFileSync } from 'node:fs';
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { encodeFeatures } from '../../src/data/compact_features';
import { checkImportRecord } from '../../src/data/import_record';
import { surveyOutline } from './inputs';

/**
 * The restore gate holds a stored import to the limits the import was held to: a record
 * written by an older version, another tab or a damaged disk may hold more than an import may.
 */
const record = (layer: string, features: Feature[]) => ({
  id: 'big',
  fileName: 'big.geojson',
  mode: 'add',
  crs: 'WGS-84',
  importedAt: '2026-12-01T00:00:00.000Z',
  layers: [{ layer, features: encodeFeatures(features) }],
});

/** A park as shipped: its properties pass the layer's schema. */
const shippedPark = () =>
  (JSON.parse(readFileSync('public/geo/parks.geojson', 'utf8')) as { features: Feature[] })
    .features[0]!;

const carPark = (i: number): Feature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [116.3 + (i % 1000) * 1e-5, 40.07] },
  properties: {
    id: `imp-${i}`,
    name: `P${i}`,
    kind: 'car-park',
    subdistrict: '回龙观街道',
    source: 'import',
    source_crs: 'WGS-84',
    accuracy: 'surveyed',
    spaces: 10,
  },
});

describe('the restore gate applies the import limits', { timeout: 60_000 }, () => {
  it('skips a record of one car park more than an import may hold, naming the exact count', async () => {
    const read = await checkImportRecord(
      'import:big',
      record(
        'car-parks',
        Array.from({ length: 250_001 }, (_, i) => carPark(i)),
      ),
    );
    if (read.ok) throw new Error('a record over the feature limit was restored');
    expect(read.skipped.reason).toBe(
      '每次导入的要素数超过上限 250,000（此文件：250,001） / features per import over the limit of 250,000 (this file: 250,001)',
    );
  });

  it('skips a park outlined by more vertices than one feature may have', async () => {
    const park: Feature = {
      ...shippedPark(),
      geometry: { type: 'Polygon', coordinates: [surveyOutline(100_010)] },
    };
    const read = await checkImportRecord('import:big', record('parks', [park]));
    if (read.ok) throw new Error('a park over the vertex limit was restored');
    expect(read.skipped.reason).toMatch(
      /^feature 1: 单个要素的顶点数超过上限 100,000（此文件：至少 100,001）/,
    );
  });

  it('skips a record of more vertices in all than a file may hold', async () => {
    const outline = surveyOutline(99_000);
    const parks = Array.from({ length: 21 }, () => ({
      ...shippedPark(),
      geometry: { type: 'Polygon' as const, coordinates: [outline] },
    }));
    const read = await checkImportRecord('import:big', record('parks', parks));
    if (read.ok) throw new Error('a record over the vertex limit was restored');
    expect(read.skipped.reason).toMatch(
      /^单个文件的顶点数超过上限 2,000,000（此文件：至少 2,079,021）/,
    );
  });

  it('restores the same park outlined within the limit', async () => {
    const park: Feature = {
      ...shippedPark(),
      geometry: { type: 'Polygon', coordinates: [surveyOutline(99_000)] },
    };
    const read = await checkImportRecord('import:big', record('parks', [park]));
    expect(read.ok && read.value[0]!.compact.count).toBe(1);
  });
});
