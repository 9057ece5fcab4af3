import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { buildParks, countsAsPark } from '../../scripts/pipeline/parks';
import {
  METERS_PER_DEGREE_LON,
  TEST_UNIT_CENTRE,
  createRawCollection,
  createRectangle,
  createStudyContext,
} from './helpers';

/** A feature of parks_green.geojson (keyed by osm_fid). */
function createParksGreenFeature(
  osmFid: number,
  fclass: string,
  name: string | null,
  west = 116.329,
) {
  return createRectangle(west, 40.069, 0.002, 0.002, {
    osm_fid: osmFid,
    class: 'PARK_GREEN',
    name,
    osm_fclass: fclass,
  });
}

/** A feature of landuse-more.geojson (keyed by fid; only class PARK_GREEN is green). */
function createLanduseFeature(fid: number, landuseClass: string, fclass: string, west = 116.329) {
  return createRectangle(west, 40.069, 0.002, 0.002, {
    fid,
    class: landuseClass,
    name: null,
    osm_fclass: fclass,
    source_layer: 'landuse',
  });
}

describe('countsAsPark', () => {
  it('counts an OSM park', () => {
    expect(countsAsPark('park', '回龙园')).toBe(true);
    expect(countsAsPark('park', '')).toBe(true);
  });

  it('counts a recreation ground', () => {
    expect(countsAsPark('recreation_ground', '')).toBe(true);
  });

  it('does not count an unnamed forest plantation', () => {
    expect(countsAsPark('forest', '')).toBe(false);
  });

  it('counts a forest named as a 森林公园 or 郊野公园', () => {
    expect(countsAsPark('forest', '东小口森林公园')).toBe(true);
    expect(countsAsPark('forest', '太平郊野公园')).toBe(true);
  });

  it('does not count a nursery (苗木基地), whatever OSM calls it', () => {
    expect(countsAsPark('forest', '北京回龙观苗木基地')).toBe(false);
    expect(countsAsPark('park', '北京回龙观苗木基地')).toBe(false);
  });

  it('does not count scrub or grass without a park name', () => {
    expect(countsAsPark('scrub', '')).toBe(false);
    expect(countsAsPark('grass', '')).toBe(false);
  });
});

describe('buildParks', () => {
  const context = createStudyContext();
  /** The unit's east edge (the unit is a 2 km square around TEST_UNIT_CENTRE). */
  const unitEast = TEST_UNIT_CENTRE[0] + 1000 / METERS_PER_DEGREE_LON;

  it('keeps a polygon present in both extracts (under different ids) once', () => {
    const result = buildParks(
      createRawCollection([createParksGreenFeature(6, 'park', '回龙园')]),
      createRawCollection([createLanduseFeature(31, 'PARK_GREEN', 'park')]),
      context,
    );
    expect(result.map((f) => f.properties.id)).toEqual(['park-osm-6']);
    expect(result[0]?.properties).toMatchObject({
      name: '回龙园',
      kind: 'park',
      counts_as_park: true,
      subdistrict: '回龙观街道',
      source: 'osm',
      accuracy: 'surveyed',
    });
  });

  it('keeps a polygon present in both extracts under the same id once', () => {
    const result = buildParks(
      createRawCollection([createParksGreenFeature(6, 'park', '回龙园')]),
      createRawCollection([createLanduseFeature(6, 'PARK_GREEN', 'park')]),
      context,
    );
    expect(result).toHaveLength(1);
  });

  it('keeps distinct green polygons from both extracts and ignores non-green landuse', () => {
    const result = buildParks(
      createRawCollection([createParksGreenFeature(6, 'park', '回龙园')]),
      createRawCollection([
        createLanduseFeature(31, 'PARK_GREEN', 'grass', 116.332),
        createLanduseFeature(1, 'BUSINESS_OFFICE', 'commercial', 116.335),
      ]),
      context,
    );
    expect(
      result.map((f) => [f.properties.id, f.properties.kind, f.properties.counts_as_park]),
    ).toEqual([
      ['park-osm-6', 'park', true],
      ['park-osm-31', 'grass', false],
    ]);
  });

  it('keeps a park 1 km outside the unit (within the 1.5 km margin), outside any unit', () => {
    const oneKmEast = unitEast + 1000 / METERS_PER_DEGREE_LON;
    const park = createParksGreenFeature(44, 'park', '霍营公园', oneKmEast);
    const result = buildParks(createRawCollection([park]), createRawCollection([]), context);
    expect(result).toHaveLength(1);
    expect(result[0]?.properties.subdistrict).toBeNull();
    // Sanity check of the fixture: the park really is about 1 km from the unit.
    const gap = turf.distance([unitEast, 40.07], [oneKmEast, 40.07], {
      units: 'meters',
    });
    expect(gap).toBeGreaterThan(950);
    expect(gap).toBeLessThan(1050);
  });

  it('drops a park 5 km away', () => {
    const fiveKmEast = unitEast + 5000 / METERS_PER_DEGREE_LON;
    const park = createParksGreenFeature(45, 'park', '太平郊野公园', fiveKmEast);
    expect(buildParks(createRawCollection([park]), createRawCollection([]), context)).toEqual([]);
  });

  it('drops OSM classes that are not green space', () => {
    const result = buildParks(
      createRawCollection([createParksGreenFeature(9, 'farmland', null)]),
      createRawCollection([]),
      context,
    );
    expect(result).toEqual([]);
  });
});
