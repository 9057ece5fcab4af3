import { describe, expect, it } from 'vitest';
import {
  FACILITY_GROUPS,
  createFacilityIndex,
  facilitiesWithin,
  linearScan,
  nearestFacility,
} from '../../src/analysis/facility_index';
import { DEFAULT_COVERAGE_PARAMETERS } from '../../src/analysis/coverage_parameters';
import {
  circleLand,
  createResidentialIndex,
  inspectPoint,
  walkingMinutes,
} from '../../src/analysis/inspection';
import { lifeCircleChecks } from '../../src/analysis/life_circle';
import { sinusoidalProjection } from '../../src/analysis/local_projection';
import {
  buildPlaces,
  normaliseName,
  searchPlaces,
  withPinyin,
} from '../../src/analysis/place_search';
import { ORIGIN, collection, createPoint, createRectangle, offset } from './fixtures';
import { loadShippedLayer as load } from '../shipped_layer';

const projection = sinusoidalProjection(ORIGIN.geometry.coordinates[0]!);

describe('point inspection, golden cases', () => {
  const park = createRectangle(100, -50, 300, 50, { name: '公园', counts_as_park: true });
  const clinic = createPoint(0, 400, { name: '诊所' });
  const farClinic = createPoint(0, -3000, { name: '远诊所' });
  const index = createFacilityIndex(
    { parks: collection([park]), healthcare: collection([clinic, farClinic]) },
    projection,
  );

  it('measures to a polygon edge and to a point, and lists what is inside the circle', () => {
    const result = inspectPoint(index, ORIGIN.geometry.coordinates as [number, number], 500);
    expect(result.within.park[0]!.distanceM).toBeCloseTo(100, 0);
    expect(result.within.health.map((h) => h.facility.name)).toEqual(['诊所']);
    expect(result.within.health[0]!.distanceM).toBeCloseTo(400, 0);
  });

  it('finds the nearest facility of a kind even outside the circle', () => {
    const point = offset(0, -2500);
    const result = inspectPoint(index, point, 300);
    expect(result.within.health).toEqual([]);
    expect(result.nearest.health!.facility.name).toBe('远诊所');
    expect(result.nearest.health!.distanceM).toBeCloseTo(500, 0);
    expect(result.nearest['car-park']).toBeNull();
  });

  it('estimates walking minutes, rounding up', () => {
    expect(walkingMinutes(400, 80)).toBe(5);
    expect(walkingMinutes(401, 80)).toBe(6);
    expect(walkingMinutes(0, 80)).toBe(1);
  });

  it('says which life-circle items a home meets', () => {
    const result = inspectPoint(index, ORIGIN.geometry.coordinates as [number, number], 500);
    const checks = Object.fromEntries(lifeCircleChecks(result.nearest).map((c) => [c.item.key, c]));
    expect(checks.park!.met).toBe(true);
    expect(checks.health!.met).toBe(true);
    expect(checks.kindergarten!.met).toBeNull(); // no kindergartens in the data at all
  });

  it('measures the residential land in the circle and the share parks serve', () => {
    const residential = createResidentialIndex(
      collection([createRectangle(-100, -100, 100, 100), createRectangle(2000, 0, 2100, 100)]),
    );
    const land = circleLand(
      residential,
      collection([
        createRectangle(-900, -100, -700, 100, { counts_as_park: true, area_m2: 40_000 }),
      ]),
      DEFAULT_COVERAGE_PARAMETERS,
      ORIGIN.geometry.coordinates as [number, number],
      500,
    );
    expect(land.residentialAreaM2).toBeCloseTo(40_000, -2);
    // The park's 500 m radius reaches x = -200 m: none of the block, which starts at -100 m.
    expect(land.parkCoveredShare).toBe(0);
  });
});

describe('the spatial index answers like a scan, on the real data', () => {
  const layers = {
    parks: load('parks'),
    schools: load('schools'),
    healthcare: load('healthcare'),
    'metro-stations': load('metro-stations'),
    greenways: load('greenways'),
  };
  const index = createFacilityIndex(layers, sinusoidalProjection(116.35));
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;

  it('gives the same within-radius lists and nearest facilities at 300 random points', () => {
    for (let i = 0; i < 300; i++) {
      const lonLat: [number, number] = [116.25 + random() * 0.2, 40.02 + random() * 0.1];
      const xy = index.projection.forward(lonLat);
      const radius = 100 + random() * 1900;
      for (const group of FACILITY_GROUPS) {
        const ids = (hits: { facility: { id: string } }[]) => hits.map((h) => h.facility.id);
        expect(ids(facilitiesWithin(index, group, xy, radius))).toEqual(
          ids(linearScan.within(index, group, xy, radius)),
        );
        expect(nearestFacility(index, group, xy)?.distanceM).toBe(
          linearScan.nearest(index, group, xy)?.distanceM,
        );
      }
    }
  });
});

describe('place search', () => {
  const places = buildPlaces({
    communities: load('communities'),
    residential: load('residential'),
    'metro-stations': load('metro-stations'),
    parks: load('parks'),
    schools: load('schools'),
    healthcare: load('healthcare'),
    roads: load('roads'),
  });

  it('finds 龙跃苑一区 to 四区 from 龙跃, in order', () => {
    const results = searchPlaces(places, '龙跃');
    const compounds = results.filter((p) => p.kind === 'compound').map((p) => p.name);
    expect(compounds).toEqual(['龙跃苑一区', '龙跃苑二区', '龙跃苑三区', '龙跃苑四区']);
    // Communities (社区) of the same name come first, then the compounds.
    expect(results[0]!.kind).toBe('community');
    expect(results.every((p) => p.subdistrict !== null)).toBe(true);
  });

  it('puts an exact name first and tolerates spaces and full-width input', () => {
    expect(searchPlaces(places, '回龙观')[0]!.name).toBe('回龙观');
    expect(searchPlaces(places, ' 龙 跃 ').length).toBeGreaterThan(0);
    expect(normaliseName('ＡＢ１ ２')).toBe('ab12');
  });

  it('finds streets once, with kind and sub-district on every result', () => {
    const streets = searchPlaces(places, '北清路');
    expect(streets.filter((p) => p.kind === 'street')).toHaveLength(1);
    for (const place of searchPlaces(places, '苑')) {
      expect(place.kind).toBeTruthy();
      expect(place).toHaveProperty('subdistrict');
    }
    expect(searchPlaces(places, '')).toEqual([]);
    expect(searchPlaces(places, '不存在的地名')).toEqual([]);
  });
});

describe('place search by pinyin', () => {
  it('finds 龙跃苑 from its initials or its pinyin', async () => {
    const { pinyin } = await import('pinyin-pro');
    const places = withPinyin(
      buildPlaces({ residential: load('residential'), communities: load('communities') }),
      (text) => pinyin(text, { toneType: 'none', type: 'array' }),
    );
    const byInitials = searchPlaces(places, 'lyy').map((p) => p.name);
    expect(byInitials).toContain('龙跃苑一区');
    expect(searchPlaces(places, 'longyue').map((p) => p.name)).toContain('龙跃苑二区');
    expect(searchPlaces(places, 'LYY')).toEqual(searchPlaces(places, 'lyy'));
  });
});
