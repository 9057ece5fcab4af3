/**
 * The row method on the shipped data, checked by methods that share none of its code:
 * Turf polygon clipping for parks, and a 20 m point count with Turf's spherical distances
 * for every indicator. The facility selection and radii are written out here from the
 * standards (design/standards.md), never imported from the code they check.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CoverageRow,
  DEFAULT_COVERAGE_PARAMETERS,
  coverageReport,
} from '../../src/analysis/coverage_report';
import type { CompletenessTable } from '../../src/data/completeness';
import { serviceArea } from '../../src/analysis/service_area';
import { createFeatureIndex } from '../../src/analysis/spatial_index';
import type { AppFeatureCollection } from '../../src/data/schema';
import { radiusCoverage, totalCoverage } from './reference/turf_coverage';
import { SHIPPED_GEO_DIR, loadShippedLayer as load } from '../shipped_layer';

type Areal = Feature<Polygon | MultiPolygon>;
const TOLERANCE_POINTS = 0.5;
const p = DEFAULT_COVERAGE_PARAMETERS;

/**
 * The standard's words (city check-up; GB/T 51346-2019 §4.3.4): park green space of
 * 5,000 m² or more serves 500 m, of 2,000–5,000 m² serves 300 m, smaller green does not
 * count; forest and other green that is not park green space does not count by default.
 */
function parksByStandard(parks: AppFeatureCollection) {
  return parks.features.flatMap((park) => {
    if (park.properties.counts_as_park !== true) return [];
    const area = Number(park.properties.area_m2);
    const radiusM = area >= 5000 ? 500 : area >= 2000 ? 300 : null;
    return radiusM === null ? [] : [{ geometry: park.geometry, radiusM }];
  });
}

/** GB 50180: kindergarten 300 m, primary school 500 m, middle school 1,000 m. */
const SCHOOL_RADII = { kindergarten: 300, primary: 500, middle: 1000 } as const;

/** A school counts for every level it is confirmed to teach (`serves_levels`; unverified levels are not counted by default). */
function schoolsByStandard(schools: AppFeatureCollection, level: keyof typeof SCHOOL_RADII) {
  return schools.features
    .filter((s) => (s.properties.serves_levels as string[]).includes(level))
    .map((s) => ({ geometry: s.geometry, radiusM: SCHOOL_RADII[level] }));
}

/** The boxes (west, south, east, north) where the park data is known complete, from the data. */
const parkBoxes = () =>
  (
    JSON.parse(
      readFileSync(join(SHIPPED_GEO_DIR, 'completeness.json'), 'utf8'),
    ) as CompletenessTable
  ).parks!.known_extent!.boxes;

let layers: Record<'subdistricts' | 'residential' | 'parks' | 'schools', AppFeatureCollection>;
let rows: CoverageRow[];
beforeAll(() => {
  layers = {
    subdistricts: load('subdistricts'),
    residential: load('residential'),
    parks: load('parks'),
    schools: load('schools'),
  };
  rows = coverageReport(
    { ...layers, carParks: null, knownExtents: { parks: { boxes: parkBoxes(), units: [] } } },
    p,
  );
});

const share = (name: string, indicator: 'parks' | 'kindergarten' | 'primary' | 'middle') =>
  rows.find((r) => r.name === name)![indicator].share!;

describe('coverage on the real data', () => {
  it('agrees with Turf polygon clipping for parks within 0.5 points in every unit', () => {
    const areas = parksByStandard(layers.parks).map((f) =>
      serviceArea(turf.feature(f.geometry), f.radiusM),
    );
    const units = layers.subdistricts.features as Feature<Polygon, { name: string }>[];
    const reference = radiusCoverage(units, layers.residential.features as Areal[], areas);
    for (const unit of [...reference, totalCoverage('回天地区', reference)]) {
      expect(Math.abs(share(unit.name, 'parks') - unit.share!) * 100).toBeLessThan(
        TOLERANCE_POINTS,
      );
    }
  }, 180_000);

  it('agrees with a 20 m point count for every indicator, whole area and units', () => {
    const counts = pointCount(layers, 20);
    if (process.env.POINT_COUNTS_OUT)
      writeFileSync(process.env.POINT_COUNTS_OUT, JSON.stringify(counts));
    for (const [name, byIndicator] of Object.entries(counts)) {
      for (const [indicator, coarse] of Object.entries(byIndicator)) {
        if (indicator === 'parksUnknown') {
          const row = rows.find((r) => r.name === name)!;
          const unknown = row.parks.unknown_m2 / row.residential_area_m2;
          expect(Math.abs(unknown - coarse) * 100, `${name} unknown park land`).toBeLessThan(
            TOLERANCE_POINTS,
          );
          expect(row.parks.lower_bound).toBe(coarse > 0);
          continue;
        }
        const measured = share(name, indicator as 'parks');
        // A 20 m grid can alias with block edges in a small unit: a disagreement is recounted
        // on a 10 m grid (four times the points) before it counts as one.
        const counted =
          Math.abs(measured - coarse) * 100 < TOLERANCE_POINTS || name === '回天地区'
            ? coarse
            : pointCount(layers, 10, name)[name]![indicator]!;
        expect(
          Math.abs(measured - counted) * 100,
          `${name} ${indicator}: rows ${measured}, points ${counted}`,
        ).toBeLessThan(TOLERANCE_POINTS);
      }
    }
  }, 300_000);
});

/** Share of grid points on residential land within reach, per unit and indicator. */
function pointCount(
  data: typeof layers,
  spacingM: number,
  onlyUnit?: string,
): Record<string, Record<string, number>> {
  const indicators: Record<string, { geometry: Feature['geometry']; radiusM: number }[]> = {
    parks: parksByStandard(data.parks),
    kindergarten: schoolsByStandard(data.schools, 'kindergarten'),
    primary: schoolsByStandard(data.schools, 'primary'),
    middle: schoolsByStandard(data.schools, 'middle'),
  };
  // Unserved by parks and outside every box of the park data: unknown, not a gap.
  const boxes = parkBoxes();
  const inBoxes = (lon: number, lat: number) =>
    boxes.some(([w, s, e, n]) => lon >= w! && lon <= e! && lat >= s! && lat <= n!);
  const residential = createFeatureIndex(data.residential.features as Areal[]);
  const facilityIndex = Object.fromEntries(
    Object.entries(indicators).map(([k, list]) => [
      k,
      createFeatureIndex(list.map((f) => turf.feature(f.geometry, { radiusM: f.radiusM }))),
    ]),
  );
  const result: Record<string, Record<string, number>> = {};
  const totals: Record<string, number> = {};
  let totalPoints = 0;
  for (const unit of data.subdistricts.features as Areal[]) {
    if (onlyUnit && (unit.properties as { name: string }).name !== onlyUnit) continue;
    const [west, south, east, north] = turf.bbox(unit);
    const dLat = spacingM / 111_195;
    const dLon = dLat / Math.cos((((south + north) / 2) * Math.PI) / 180);
    let points = 0;
    const hits: Record<string, number> = Object.fromEntries(
      [...Object.keys(indicators), 'parksUnknown'].map((k) => [k, 0]),
    );
    for (let lat = south + dLat / 2; lat < north; lat += dLat) {
      for (let lon = west + dLon / 2; lon < east; lon += dLon) {
        const point = turf.point([lon, lat]);
        const onLand = residential
          .search([lon, lat, lon, lat])
          .some((block) => turf.booleanPointInPolygon(point, block));
        if (!onLand || !turf.booleanPointInPolygon(point, unit)) continue;
        points++;
        for (const [k, index] of Object.entries(facilityIndex)) {
          const reach = 1100 / 111_195;
          const near = index.search([
            lon - reach * 1.4,
            lat - reach,
            lon + reach * 1.4,
            lat + reach,
          ]);
          if (
            near.some((f) => distanceM(point, f) <= (f.properties as { radiusM: number }).radiusM)
          ) {
            hits[k]!++;
          } else if (k === 'parks' && !inBoxes(lon, lat)) {
            hits.parksUnknown!++;
          }
        }
      }
    }
    const name = (unit.properties as { name: string }).name;
    result[name] = Object.fromEntries(Object.entries(hits).map(([k, n]) => [k, n / points]));
    for (const [k, n] of Object.entries(hits)) totals[k] = (totals[k] ?? 0) + n;
    totalPoints += points;
  }
  result['回天地区'] = Object.fromEntries(
    Object.entries(totals).map(([k, n]) => [k, n / totalPoints]),
  );
  return result;
}

function distanceM(point: Feature<Point>, facility: Feature): number {
  const g = facility.geometry;
  if (g.type === 'Point') return turf.distance(point, g, { units: 'meters' });
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
    if (turf.booleanPointInPolygon(point, g)) return 0;
    return turf.pointToPolygonDistance(point, g, { units: 'meters' });
  }
  throw new Error(`unexpected facility geometry ${g.type}`);
}
