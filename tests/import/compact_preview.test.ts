import { describe, expect, it } from 'vitest';
import { buildImport, readImportFile } from '../../src/import';
import { compactPreview, previewTransferables } from '../../src/import/compact_preview';
import { decodeFeaturesInSlices } from '../../src/data/compact_features';
import { composeLayerData } from '../../src/data/imported_data';
import type { AppFeature } from '../../src/data/schema';
import { attributionFor } from '../../src/map/attribution';
import { STATIONS, createShippedContext, shippedWithoutCarParks } from './context';

describe('the preview the import worker sends to the page', () => {
  it('carries 200,000 car parks as compact chunks whose arrays are all transferred', async () => {
    const rows = ['名称,经度,纬度,泊位'];
    for (let i = 0; i < 200_000; i++) {
      rows.push(
        `停车场${i},${(116.3 + (i % 1000) * 1e-4).toFixed(6)},${(40.05 + Math.floor(i / 1000) * 1e-4).toFixed(6)},${i % 300}`,
      );
    }
    const read = await readImportFile(new TextEncoder().encode(rows.join('\n')), 'p.csv');
    const preview = buildImport(
      read,
      {
        target: 'car-parks',
        crs: 'WGS-84',
        datasetId: 'big',
        csvColumns: { lon: '经度', lat: '纬度' },
      },
      createShippedContext(),
    );
    if (!preview.ok) throw new Error(preview.error.code);
    const built = preview.layers['car-parks']!;
    const sent = compactPreview(preview);
    if (!sent.ok) throw new Error('compact preview failed');
    const compact = sent.layers['car-parks']!;
    expect(compact.count).toBe(200_000);
    // Every chunk's positions and properties are typed arrays, moved to the page rather than
    // copied: no string of the chunk need be copied.
    const buffers = previewTransferables(sent);
    expect(buffers).toHaveLength(2 * compact.chunks.length);
    for (const chunk of compact.chunks) expect(typeof chunk.properties).not.toBe('string');
    expect(buffers.every((b) => b instanceof ArrayBuffer)).toBe(true);
    // What the page builds from it is what the worker built.
    const features = await decodeFeaturesInSlices(structuredClone(compact));
    expect(features).toHaveLength(200_000);
    for (const i of [0, 4999, 5000, 123_456, 199_999]) expect(features[i]).toEqual(built[i]);
    expect(sent.rejected).toEqual(preview.rejected);
  }, 120_000);

  it('carries with each layer the completeness and sources the page shows of it', async () => {
    // Three car parks at 回龙观 station, two at 霍营 station.
    const at = ([lon, lat]: readonly number[], i: number) => `停车场${i},${lon},${lat},50`;
    const rows = ['名称,经度,纬度,泊位', ...[0, 1, 2].map((i) => at(STATIONS.回龙观, i))];
    rows.push(...[3, 4].map((i) => at(STATIONS.霍营, i)));
    const read = await readImportFile(new TextEncoder().encode(rows.join('\n')), '停车场.csv');
    const sent = compactPreview(
      buildImport(
        read,
        {
          target: 'car-parks',
          crs: 'WGS-84',
          datasetId: 'p',
          csvColumns: { lon: '经度', lat: '纬度' },
        },
        createShippedContext(),
      ),
    );
    if (!sent.ok) throw new Error('compact preview failed');
    // The dataset as the import dialog confirms it: features built on the page, the summary
    // as the worker sent it.
    const [compact, summary] = [sent.layers['car-parks']!, sent.summaries['car-parks']!];
    const features = (await decodeFeaturesInSlices(structuredClone(compact))) as AppFeature[];
    const shipped = shippedWithoutCarParks({ boxes: [], units: [] });
    const data = composeLayerData(shipped, [
      {
        id: 'p',
        fileName: '停车场.csv',
        layer: 'car-parks',
        mode: 'add',
        crs: 'WGS-84',
        importedAt: '2026-12-07T00:00:00.000Z',
        features,
        compact,
        summary: structuredClone(summary),
      },
    ]);
    const row = data.completeness['car-parks']!;
    expect(row.units).toEqual({
      回龙观街道: { status: 'partial', coverage_share: 0, count: 3 },
      霍营街道: { status: 'partial', coverage_share: 0, count: 2 },
      龙泽园街道: { status: 'none', coverage_share: 0, count: 0 },
    });
    expect(row.known_extent).toEqual({ boxes: [], units: ['回龙观街道', '霍营街道'] });
    expect(attributionFor(data, ['car-parks'])).toEqual(['导入数据 · 停车场.csv']);
  });
});
