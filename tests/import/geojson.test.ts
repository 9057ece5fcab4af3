import { describe, expect, it } from 'vitest';
import { buildImport, readImportFile, validateImported } from '../../src/import';
import { geometryProblems } from '../../src/data/check';
import { createShippedContext, STATIONS, utf8 } from './context';

const context = createShippedContext();
const options = { target: 'healthcare', crs: 'WGS-84', datasetId: 'g1' } as const;

describe('GeoJSON import', () => {
  it('reads a FeatureCollection and maps it into the schema', async () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { 名称: '回龙观社区卫生服务站', amenity: 'clinic', id: 'src-7' },
          geometry: { type: 'Point', coordinates: [...STATIONS.回龙观] },
        },
      ],
    };
    const read = await readImportFile(utf8(JSON.stringify(collection)), 'clinics.geojson');
    expect(read).toMatchObject({
      ok: true,
      kind: 'features',
      format: 'geojson',
      encoding: 'utf-8',
    });
    const preview = buildImport(read, options, context);
    if (!preview.ok) throw new Error('expected ok');
    const [feature] = preview.layers.healthcare!;
    expect(feature!.properties).toMatchObject({
      id: 'imp-g1-1',
      name: '回龙观社区卫生服务站',
      kind: 'clinic',
      subdistrict: '回龙观街道',
      source: 'import-g1',
      source_crs: 'WGS-84',
      accuracy: 'surveyed',
      amenity: 'clinic',
      // The file's own id never overwrites the schema id.
      original_id: 'src-7',
    });
    expect(validateImported('healthcare', feature!)).toEqual([]);
    expect(geometryProblems(feature!)).toEqual([]);
  });

  it('reads a single Feature and a bare geometry', async () => {
    const feature = {
      type: 'Feature',
      properties: { name: '霍营站旁停车场', capacity: '120' },
      geometry: { type: 'Point', coordinates: [...STATIONS.霍营] },
    };
    const one = buildImport(
      await readImportFile(utf8(JSON.stringify(feature)), 'p.json'),
      { ...options, target: 'car-parks' },
      context,
    );
    expect(one.ok && one.layers['car-parks']![0]!.properties).toMatchObject({
      kind: 'car-park',
      spaces: 120,
      subdistrict: '霍营街道',
    });
    const bare = await readImportFile(
      utf8(JSON.stringify({ type: 'Point', coordinates: [...STATIONS.龙泽] })),
      'point.geojson',
    );
    const built = buildImport(bare, { ...options, target: 'car-parks' }, context);
    expect(built.ok && built.layers['car-parks']![0]!.properties).toMatchObject({
      name: '',
      spaces: null,
    });
  });

  it('measures parks given as polygons and needs an area column for points', async () => {
    const [w, s] = STATIONS.育知路;
    const square = [
      [
        [w, s],
        [w + 0.002, s],
        [w + 0.002, s + 0.002],
        [w, s + 0.002],
        [w, s],
      ],
    ];
    const collection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: '方园' },
          geometry: { type: 'Polygon', coordinates: square },
        },
        {
          type: 'Feature',
          properties: { name: '点园' },
          geometry: { type: 'Point', coordinates: [w, s] },
        },
        {
          type: 'Feature',
          properties: { name: '有面积的点园', 面积: '5200' },
          geometry: { type: 'Point', coordinates: [w, s] },
        },
      ],
    };
    const preview = buildImport(
      await readImportFile(utf8(JSON.stringify(collection)), 'parks.geojson'),
      { ...options, target: 'parks' },
      context,
    );
    if (!preview.ok) throw new Error('expected ok');
    const parks = preview.layers.parks!;
    expect(parks.map((p) => p.properties.name)).toEqual(['方园', '有面积的点园']);
    // 0.002° × 0.002° near 40.09° N is about 170 m × 222 m.
    expect(parks[0]!.properties.area_m2).toBeGreaterThan(36_000);
    expect(parks[0]!.properties.area_m2).toBeLessThan(39_000);
    expect(parks[0]!.properties).toMatchObject({ kind: 'park', counts_as_park: true });
    expect(parks[1]!.properties.area_m2).toBe(5200);
    expect(preview.rejected).toEqual([{ code: 'missing-area', featureIndex: 1, name: '点园' }]);
  });

  it('refuses lines, points for residential and missing geometry, naming each feature', async () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: '一条路' },
          geometry: { type: 'LineString', coordinates: [[...STATIONS.回龙观], [...STATIONS.霍营]] },
        },
        {
          type: 'Feature',
          properties: { name: '点小区' },
          geometry: { type: 'Point', coordinates: [...STATIONS.霍营] },
        },
        { type: 'Feature', properties: { name: '无图形' }, geometry: null },
        {
          type: 'Feature',
          properties: { name: '坏坐标' },
          geometry: { type: 'Polygon', coordinates: [[['a', 1]]] },
        },
      ],
    };
    const preview = buildImport(
      await readImportFile(utf8(JSON.stringify(collection)), 'r.geojson'),
      { ...options, target: 'residential' },
      context,
    );
    if (!preview.ok) throw new Error('expected ok');
    expect(preview.layers).toEqual({});
    expect(preview.rejected).toEqual([
      { code: 'wrong-geometry-type', featureIndex: 0, name: '一条路', detail: 'LineString' },
      { code: 'wrong-geometry-type', featureIndex: 1, name: '点小区', detail: 'Point' },
      { code: 'missing-geometry', featureIndex: 2, name: '无图形' },
      { code: 'invalid-coordinates', featureIndex: 3, name: '坏坐标' },
    ]);
    expect(preview.total).toBe(4);
  });

  it('tells Overpass JSON saved as .json from GeoJSON', async () => {
    const overpass = { version: 0.6, elements: [] };
    const read = await readImportFile(utf8(JSON.stringify(overpass)), 'export.json');
    expect(read).toEqual({ ok: false, error: { code: 'no-features' } });
  });
});
