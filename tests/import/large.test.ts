import { describe, expect, it } from 'vitest';
import { buildImport, readImportFile } from '../../src/import';
import { createShippedContext } from './context';

describe('large files', () => {
  it('reads and builds a 50 MB GeoJSON of valid points, reporting progress', async () => {
    const parts: string[] = [];
    let size = 0;
    let n = 0;
    while (size < 50 * 1024 * 1024) {
      // Points spread over the area, each with a name and a capacity; with the note, about
      // 230 bytes a feature keeps the file under the limit of features per import.
      const lon = (116.3 + (n % 1000) * 0.0001).toFixed(6);
      const lat = (40.05 + Math.floor(n / 1000) * 0.0001).toFixed(6);
      const part = `{"type":"Feature","properties":{"name":"停车场 ${n}","capacity":"${n % 300}","note":"${'x'.repeat(96)}"},"geometry":{"type":"Point","coordinates":[${lon},${lat}]}}`;
      parts.push(part);
      size += part.length + 1;
      n++;
    }
    const bytes = new TextEncoder().encode(
      `{"type":"FeatureCollection","features":[${parts.join(',')}]}`,
    );
    parts.length = 0;
    expect(bytes.length).toBeGreaterThan(50 * 1024 * 1024);
    const readProgress: number[] = [];
    const read = await readImportFile(bytes, 'big.geojson', (done) => readProgress.push(done));
    expect(readProgress[0]).toBe(0);
    expect(readProgress.at(-1)).toBe(bytes.length);
    const buildProgress: number[] = [];
    const preview = buildImport(
      read,
      { target: 'car-parks', crs: 'WGS-84', datasetId: 'big' },
      createShippedContext(),
      (done) => buildProgress.push(done),
    );
    if (!preview.ok) throw new Error(preview.error.code);
    expect(preview.total).toBe(n);
    expect(preview.layers['car-parks']).toHaveLength(n);
    expect(preview.rejected).toEqual([]);
    // About one report per 1% of the features, plus the start and the end.
    expect(buildProgress.length).toBeGreaterThanOrEqual(100);
    expect(buildProgress.length).toBeLessThanOrEqual(103);
  }, 240_000);
});
