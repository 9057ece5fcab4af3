import * as turf from '@turf/turf';
import type { Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildImport, problemMessage, readImportFile } from '../../src/import';
import { createShippedContext, fixtureBytes, STATIONS } from './context';

const context = createShippedContext();

/**
 * schools-two-layers.zip holds two shapefiles: `schools_wgs84` (two shipped primary schools,
 * geographic WGS-84 .prj) and `schools_utm50` (one point at 回龙观 station's WGS-84 position,
 * projected to UTM zone 50N, with that .prj). Text fields are UTF-8 per the .cpg.
 */
describe('zipped Shapefile import', () => {
  it('merges the layers of a zip and reprojects with the .prj', async () => {
    const read = await readImportFile(fixtureBytes('schools-two-layers.zip'), 'schools.zip');
    if (!read.ok || read.kind !== 'features') throw new Error('expected features');
    expect(read.format).toBe('shapefile');
    expect(read.features).toHaveLength(3);
    const preview = buildImport(
      read,
      { target: 'schools', crs: 'WGS-84', datasetId: 'z', schoolLevel: 'column' },
      context,
    );
    if (!preview.ok) throw new Error('expected ok');
    const schools = preview.layers.schools!;
    expect(
      schools.map((f) => [f.properties.name, f.properties.level, f.properties.subdistrict]),
    ).toEqual([
      ['回龙观中心小学', 'primary', '回龙观街道'],
      ['霍营中心半截塔小学', 'primary', '东小口镇'],
      ['回龙观站旁幼儿园', 'kindergarten', '回龙观街道'],
    ]);
    const reprojected = (schools[2]!.geometry as Point).coordinates;
    expect(turf.distance(reprojected, [...STATIONS.回龙观], { units: 'meters' })).toBeLessThan(1);
  });

  it('says when a zip holds no shapefile', async () => {
    const read = await readImportFile(fixtureBytes('no-shp.zip'), 'data.zip');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error.code).toBe('zip-without-shp');
    expect(problemMessage(read.error, 'zh')).toBe('压缩包里没有 .shp 文件');
  });

  it('treats zip magic bytes as a zip whatever the name', async () => {
    const read = await readImportFile(fixtureBytes('schools-two-layers.zip'), 'schools.geojson');
    expect(read).toMatchObject({ ok: true, format: 'shapefile' });
  });
});
