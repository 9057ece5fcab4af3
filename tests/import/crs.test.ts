import * as turf from '@turf/turf';
import gcoord from 'gcoord';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildImport, readImportFile } from '../../src/import';
import { createShippedContext, shippedLayer, STATIONS, utf8 } from './context';

const context = createShippedContext();
const MAX_ERROR_METRES = 30;

/**
 * The GCJ-02 and BD-09 inputs are made from known WGS-84 positions (shipped metro stations,
 * OpenStreetMap) with gcoord's forward transform; the import must bring them back.
 */
function shifted(position: readonly number[], to: typeof gcoord.GCJ02 | typeof gcoord.BD09) {
  return gcoord.transform([position[0]!, position[1]!], gcoord.WGS84, to);
}

const metres = (a: number[], b: readonly number[]) => turf.distance(a, [...b], { units: 'meters' });

function pointsCsv(names: (keyof typeof STATIONS)[], to: typeof gcoord.GCJ02 | typeof gcoord.BD09) {
  return ['name,lng,lat', ...names.map((n) => `${n}站,${shifted(STATIONS[n], to).join(',')}`)].join(
    '\n',
  );
}

describe('coordinate systems', () => {
  it.each([
    ['GCJ-02', gcoord.GCJ02],
    ['BD-09', gcoord.BD09],
  ] as const)('converts %s input to within 30 m of the WGS-84 truth', async (crs, system) => {
    const names = ['回龙观', '霍营', '天通苑'] as const;
    const read = await readImportFile(utf8(pointsCsv([...names], system)), 'p.csv');
    const preview = buildImport(read, { target: 'car-parks', crs, datasetId: 'x' }, context);
    if (!preview.ok) throw new Error('expected ok');
    const features = preview.layers['car-parks']!;
    expect(features).toHaveLength(3);
    features.forEach((feature, i) => {
      expect(feature.properties.source_crs).toBe(crs);
      const at = (feature.geometry as Point).coordinates;
      expect(metres(at, STATIONS[names[i]!])).toBeLessThan(MAX_ERROR_METRES);
    });
  });

  it('does not convert positions far from the area (gcoord never returns for some)', async () => {
    // gcoord's GCJ-02 inverse loops forever at the edge of its China box, e.g. 72.005, 30.
    const far = JSON.stringify({ type: 'Point', coordinates: [72.005, 30] });
    const preview = buildImport(
      await readImportFile(utf8(far), 'far.geojson'),
      { target: 'car-parks', crs: 'GCJ-02', datasetId: 'f' },
      context,
    );
    expect(preview.ok && preview.rejected).toEqual([
      { code: 'outside-area', featureIndex: 0, detail: '72.005, 30' },
    ]);
  });

  it('moves GCJ-02 input by the expected ~500 m when read as it is', () => {
    const gcj = shifted(STATIONS.回龙观, gcoord.GCJ02);
    const offset = metres(gcj, STATIONS.回龙观);
    expect(offset).toBeGreaterThan(300);
    expect(offset).toBeLessThan(900);
  });
});

function stationCopies(to: typeof gcoord.GCJ02 | typeof gcoord.BD09 | null): FeatureCollection {
  const stations = shippedLayer('metro-stations').features as Feature<Point>[];
  return {
    type: 'FeatureCollection',
    features: stations
      .filter((s) => s.properties!.subdistrict !== null && s.geometry.type === 'Point')
      .map((s) => ({
        type: 'Feature',
        properties: { name: s.properties!.name },
        geometry: {
          type: 'Point',
          coordinates: to ? shifted(s.geometry.coordinates, to) : s.geometry.coordinates,
        },
      })),
  };
}

async function build(
  collection: FeatureCollection,
  crs: 'WGS-84' | 'GCJ-02' | 'BD-09',
  target = 'healthcare' as const,
) {
  const read = await readImportFile(utf8(JSON.stringify(collection)), 'c.geojson');
  const preview = buildImport(read, { target, crs, datasetId: 'c' }, context);
  if (!preview.ok) throw new Error('expected ok');
  return preview;
}

describe('CRS suggestion', () => {
  it('suggests GCJ-02 for GCJ-02 copies of shipped stations, by name', async () => {
    const preview = await build(stationCopies(gcoord.GCJ02), 'WGS-84');
    expect(preview.suggestedCrs?.crs).toBe('GCJ-02');
    const evidence = preview.suggestedCrs!.evidence;
    expect(evidence.nameMatches).toBeGreaterThan(5);
    expect(evidence.medianMeters['WGS-84']).toBeGreaterThan(300);
    expect(evidence.medianMeters['GCJ-02']).toBeLessThan(30);
  });

  it('suggests BD-09 for BD-09 copies', async () => {
    const preview = await build(stationCopies(gcoord.BD09), 'WGS-84');
    expect(preview.suggestedCrs?.crs).toBe('BD-09');
  });

  it('suggests nothing when the chosen system is right', async () => {
    expect((await build(stationCopies(null), 'WGS-84')).suggestedCrs).toBeNull();
    expect((await build(stationCopies(gcoord.GCJ02), 'GCJ-02')).suggestedCrs).toBeNull();
  });

  it('suggests WGS-84 back when WGS-84 data was declared GCJ-02', async () => {
    const preview = await build(stationCopies(null), 'GCJ-02');
    expect(preview.suggestedCrs?.crs).toBe('WGS-84');
  });

  it('uses the nearest shipped park when no names match', async () => {
    // Unnamed GCJ-02 copies of the shipped parks' inner points.
    const parks = (shippedLayer('parks').features as Feature<Polygon>[]).filter(
      (p) => p.properties!.subdistrict !== null,
    );
    const collection: FeatureCollection = {
      type: 'FeatureCollection',
      features: parks.map((park, i) => ({
        type: 'Feature',
        properties: { name: `无名公园 ${i}`, area: 1000 },
        geometry: {
          type: 'Point',
          coordinates: shifted(turf.pointOnFeature(park).geometry.coordinates, gcoord.GCJ02),
        },
      })),
    };
    const read = await readImportFile(utf8(JSON.stringify(collection)), 'parks.geojson');
    const preview = buildImport(read, { target: 'parks', crs: 'WGS-84', datasetId: 'p' }, context);
    if (!preview.ok) throw new Error('expected ok');
    expect(preview.suggestedCrs?.crs).toBe('GCJ-02');
    expect(preview.suggestedCrs?.evidence.nameMatches).toBe(0);
  });
});
