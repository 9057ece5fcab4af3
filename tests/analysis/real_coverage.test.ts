/**
 * The row method on the shipped data, checked by methods that share none of its code:
 * Turf polygon clipping for parks, and a 20 m point count with Turf's spherical distances
 * for every indicator.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CoverageRow,
  DEFAULT_COVERAGE_PARAMETERS,
  SERVED_SCHOOL_LEVELS,
  coverageReport,
  parkFacilities,
  schoolsOfLevel,
} from '../../src/analysis/coverage_report';
import { serviceArea } from '../../src/analysis/service_area';
import { createFeatureIndex } from '../../src/analysis/spatial_index';
import { type LayerId, layerFileName } from '../../src/data/layers';
import { asLayer } from '../../src/data/load';
import type { AppFeatureCollection } from '../../src/data/schema';
import { radiusCoverage, totalCoverage } from './reference/turf_coverage';

const GEO = join(import.meta.dirname, '../../public/geo');
const load = (layer: LayerId) =>
  asLayer(layer, JSON.parse(readFileSync(join(GEO, layerFileName(layer)), 'utf8')));

type Areal = Feature<Polygon | MultiPolygon>;
const TOLERANCE_POINTS = 0.5;
const p = DEFAULT_COVERAGE_PARAMETERS;

let layers: Record<'subdistricts' | 'residential' | 'parks' | 'schools', AppFeatureCollection>;
let rows: CoverageRow[];
beforeAll(() => {
  layers = {
    subdistricts: load('subdistricts'),
    residential: load('residential'),
    parks: load('parks'),
    schools: load('schools'),
  };
  rows = coverageReport({ ...layers, carParks: null, parkingUnits: [] }, p);
});

const share = (name: string, indicator: 'parks' | 'kindergarten' | 'primary' | 'middle') =>
  rows.find((r) => r.name === name)![indicator].share!;

describe('coverage on the real data', () => {
  it('agrees with Turf polygon clipping for parks within 0.5 points in every unit', () => {
    const areas = parkFacilities(layers.parks, p).map((f) =>
      serviceArea(turf.feature(f.geometry), f.radiusM),
    );
    const units = layers.subdistricts.features as Feature<Polygon, { name: string }>[];
    const reference = radiusCoverage(units, layers.residential.features as Areal[], areas);
    for (const unit of [...reference, totalCoverage('回天地区', reference)]) {
      expect(Math.abs(share(unit.name, 'parks') - unit.share!) * 100).toBeLessThan(
        TOLERANCE_POINTS,
      );
    }
  }, 60_000);

  it('agrees with a 20 m point count for every indicator, whole area and units', () => {
    const counts = pointCount(layers, 20);
    if (process.env.POINT_COUNTS_OUT)
      writeFileSync(process.env.POINT_COUNTS_OUT, JSON.stringify(counts));
    for (const [name, byIndicator] of Object.entries(counts)) {
      for (const [indicator, coarse] of Object.entries(byIndicator)) {
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
  }, 240_000);
});

/** Share of grid points on residential land within reach, per unit and indicator. */
function pointCount(
  data: typeof layers,
  spacingM: number,
  onlyUnit?: string,
): Record<string, Record<string, number>> {
  const indicators: Record<string, { geometry: Feature['geometry']; radiusM: number }[]> = {
    parks: parkFacilities(data.parks, p),
  };
  for (const level of SERVED_SCHOOL_LEVELS) {
    const radiusM = p[`${level}RadiusMeters`];
    indicators[level] = schoolsOfLevel(data.schools, level, false).map((s) => ({
      geometry: s.geometry,
      radiusM,
    }));
  }
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
      Object.keys(indicators).map((k) => [k, 0]),
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
