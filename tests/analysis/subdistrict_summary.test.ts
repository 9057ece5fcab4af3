import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { summarizeSubdistrict } from '../../src/analysis/subdistrict_summary';
import type { AppFeature, AppFeatureCollection } from '../../src/data/schema';

const common = { source: 'osm', source_crs: 'WGS-84', accuracy: 'surveyed' } as const;

/** A square of `sideMeters` centred at a point near 回龙观. */
function createSquare(sideMeters: number, properties: Record<string, unknown>) {
  const centre = turf.point([116.33, 40.07]);
  const half = sideMeters / 2;
  const west = turf.destination(centre, half, -90, { units: 'meters' }).geometry.coordinates[0]!;
  const east = turf.destination(centre, half, 90, { units: 'meters' }).geometry.coordinates[0]!;
  const south = turf.destination(centre, half, 180, { units: 'meters' }).geometry.coordinates[1]!;
  const north = turf.destination(centre, half, 0, { units: 'meters' }).geometry.coordinates[1]!;
  return turf.bboxPolygon([west, south, east, north], {
    properties: { ...common, ...properties },
  }) as unknown as AppFeature<Polygon | MultiPolygon>;
}

function createCollection(...features: AppFeature[]): AppFeatureCollection {
  return { type: 'FeatureCollection', features };
}

describe('summarizeSubdistrict', () => {
  it('computes the area and counts what lies in the unit', () => {
    const unit = createSquare(2000, {
      id: 'u',
      name: '霍营街道',
      kind: 'subdistrict',
      subdistrict: '霍营街道',
    });
    const inUnit = { subdistrict: '霍营街道' };
    const outside = { subdistrict: null };
    const summary = summarizeSubdistrict(unit, {
      communities: createCollection(
        createSquare(100, { id: 'c2', name: '乙社区', kind: 'community', ...inUnit }),
        createSquare(100, { id: 'c1', name: '甲社区', kind: 'community', ...inUnit }),
      ),
      parks: createCollection(
        createSquare(100, {
          id: 'p1',
          name: '公园',
          kind: 'park',
          counts_as_park: true,
          ...inUnit,
        }),
        createSquare(100, { id: 'p2', name: '', kind: 'forest', counts_as_park: false, ...inUnit }),
        createSquare(100, { id: 'p3', name: '外', kind: 'park', counts_as_park: true, ...outside }),
      ),
      schools: createCollection(
        createSquare(100, {
          id: 's1',
          name: '小学',
          kind: 'school',
          level: 'primary',
          serves_levels: ['primary'],
          ...inUnit,
        }),
        createSquare(100, {
          id: 's2',
          name: '大学',
          kind: 'university',
          level: 'other',
          serves_levels: [],
          ...inUnit,
        }),
        // Shown as a likely middle school, but not counted until its levels are confirmed.
        createSquare(100, {
          id: 's3',
          name: '待核实学校',
          kind: 'school',
          level: 'middle',
          serves_levels: [],
          likely_levels: ['middle'],
          level_status: 'unverified',
          ...inUnit,
        }),
      ),
      healthcare: createCollection(),
    });
    expect(summary.areaKm2).toBeCloseTo(4, 2);
    expect(summary.communityNames).toEqual(['甲社区', '乙社区']);
    expect(summary.parkCount).toBe(1);
    expect(summary.greenSpaceCount).toBe(1);
    expect(summary.schoolCount).toBe(1);
    expect(summary.healthFacilityCount).toBe(0);
  });
});
