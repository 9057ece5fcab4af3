/**
 * Which schools count for which level: a school counts for each level it serves, an unverified
 * one for none unless the planner includes it. Checked by the coverage figures, the point
 * inspection's groups and the nearest metro station of a merged interchange.
 */
import { describe, expect, it } from 'vitest';
import { buildPlaces, searchPlaces } from '../../src/analysis/place_search';
import { DEFAULT_COVERAGE_PARAMETERS } from '../../src/analysis/coverage_parameters';
import { coverageReport } from '../../src/analysis/coverage_report';
import { createFacilityIndex } from '../../src/analysis/facility_index';
import { inspectPoint } from '../../src/analysis/inspection';
import { sinusoidalProjection } from '../../src/analysis/local_projection';
import { ORIGIN, collection, createPoint, createRectangle, offset, twoUnits } from './fixtures';
import { loadShippedLayer as load } from '../shipped_layer';

const projection = sinusoidalProjection(ORIGIN.geometry.coordinates[0]!);

/** A 12-year school (primary + middle), an unverified likely-middle one, and a university. */
const twelveYear = createPoint(0, 0, {
  name: '育新学校',
  level: 'middle',
  serves_levels: ['primary', 'middle'],
  level_status: 'confirmed',
});
const unverified = createPoint(-1500, 0, {
  name: '待核实学校',
  level: 'middle',
  serves_levels: [],
  likely_levels: ['middle'],
  level_status: 'unverified',
});
const university = createPoint(0, 200, {
  name: '某大学',
  level: 'other',
  serves_levels: [],
  level_status: 'name',
});
const schools = collection([twelveYear, unverified, university]);

describe('schools by the levels they serve', () => {
  // Residential land: a 100 m square at the 12-year school and one at the unverified school.
  const residential = collection([
    createRectangle(-50, -50, 50, 50),
    createRectangle(-1550, -50, -1450, 50),
  ]);
  const inputs = {
    subdistricts: twoUnits(),
    residential,
    parks: collection([]),
    schools,
    carParks: null,
    knownExtents: {},
  };
  const whole = (include: boolean) =>
    coverageReport(inputs, {
      ...DEFAULT_COVERAGE_PARAMETERS,
      includeUnverifiedSchools: include,
    }).at(-1)!;

  it('counts a school for every level it serves', () => {
    const row = whole(false);
    // Primary (500 m) reaches only the block at the 12-year school: half the land.
    expect(row.primary.share).toBeCloseTo(0.5, 2);
    // Middle (1000 m): the block 1.5 km away is 1450 m from the school's point, out of reach.
    expect(row.middle.share).toBeCloseTo(0.5, 2);
    expect(row.kindergarten.share).toBe(0);
  });

  it('leaves an unverified school out unless it is included, then counts its likely level', () => {
    expect(whole(true).middle.share).toBeCloseTo(1, 2);
    expect(whole(true).primary.share).toBeCloseTo(0.5, 2);
  });
});

describe('inspection lists every school', () => {
  const at = ORIGIN.geometry.coordinates as [number, number];

  it('puts a school in each level it serves and the rest under other schools', () => {
    const index = createFacilityIndex({ schools }, projection);
    const result = inspectPoint(index, at, 2000);
    const names = (group: 'primary' | 'middle' | 'other-school') =>
      result.within[group].map((h) => h.facility.name);
    expect(names('primary')).toEqual(['育新学校']);
    expect(names('middle')).toEqual(['育新学校']);
    expect(names('other-school')).toEqual(['某大学', '待核实学校']);
  });

  it('moves an unverified school to its likely level when included', () => {
    const index = createFacilityIndex({ schools }, projection, { includeUnverifiedSchools: true });
    const result = inspectPoint(index, at, 2000);
    expect(result.within.middle.map((h) => h.facility.name)).toEqual(['育新学校', '待核实学校']);
    expect(result.within['other-school'].map((h) => h.facility.name)).toEqual(['某大学']);
  });
});

describe('a merged interchange', () => {
  it('is one nearest station, at the distance of its nearest position', () => {
    const a = offset(300, 0);
    const b = offset(430, 0);
    const interchange = {
      type: 'Feature' as const,
      geometry: { type: 'MultiPoint' as const, coordinates: [a, b] },
      properties: {
        id: 'metro-huoying',
        name: '霍营',
        kind: 'metro_station',
        lines: ['8号线', '13号线'],
        subdistrict: null,
        source: 'fixture',
        source_crs: 'WGS-84' as const,
        accuracy: 'surveyed' as const,
      },
    };
    const index = createFacilityIndex({ 'metro-stations': collection([interchange]) }, projection);
    const result = inspectPoint(index, ORIGIN.geometry.coordinates as [number, number], 1000);
    expect(result.within.metro).toHaveLength(1);
    expect(result.within.metro[0]!.distanceM).toBeCloseTo(300, 0);
  });
});

describe('search on the shipped data', () => {
  const places = buildPlaces({
    schools: load('schools'),
    'metro-stations': load('metro-stations'),
  });

  it('finds 育新学校 with the levels it serves', () => {
    const found = searchPlaces(places, '育新学校').find(
      (p) => p.name === '首都师范大学附属回龙观育新学校',
    );
    expect(found).toMatchObject({ levels: ['primary', 'middle'], levelStatus: 'confirmed' });
  });

  it('finds an interchange once, with every line', () => {
    const found = searchPlaces(places, '霍营').filter(
      (p) => p.kind === 'metro' && p.name === '霍营',
    );
    expect(found.map((p) => [p.name, p.lines])).toEqual([['霍营', ['8号线', '13号线']]]);
  });
});
