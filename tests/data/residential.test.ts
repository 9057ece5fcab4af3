import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { MIN_RESIDENTIAL_PIECE_M2, buildResidential } from '../../scripts/pipeline/residential';
import {
  areaOf,
  createRawCollection,
  createRectangle,
  createStudyContext,
  relativeDifference,
} from './helpers';

/** A named OSM compound: 0.002° × 0.002° (about 170 m × 222 m) at the unit's centre. */
function createOsmCompound(osmFid: number, name: string, west = 116.329, south = 40.069) {
  return createRectangle(west, south, 0.002, 0.002, { osm_fid: osmFid, name });
}

/** An unnamed Baidu block of the same size, its west edge at `west`. */
function createBaiduBlock(west: number, south = 40.069) {
  return createRectangle(west, south, 0.002, 0.002, {});
}

function unionArea(features: Feature<Polygon>[]): number {
  const union = turf.union(turf.featureCollection(features));
  if (!union) throw new Error('empty union');
  return areaOf(union);
}

function sumOfAreas(features: Feature<Polygon | MultiPolygon>[]): number {
  return features.reduce((sum, f) => sum + areaOf(f), 0);
}

describe('buildResidential', () => {
  const context = createStudyContext();

  it('counts land covered by both an OSM compound and a Baidu block only once', () => {
    const osm = createOsmCompound(101, '龙泽苑');
    // Half of the Baidu block lies under the OSM compound, half east of it.
    const baidu = createBaiduBlock(116.33);
    const result = buildResidential(
      createRawCollection([osm]),
      createRawCollection([baidu]),
      context,
    );
    expect(result).toHaveLength(2);
    const expected = unionArea([osm, baidu]);
    expect(relativeDifference(sumOfAreas(result), expected)).toBeLessThan(0.005);
    // The area_m2 property tells the same story.
    const reported = result.reduce((sum, f) => sum + Number(f.properties.area_m2), 0);
    expect(relativeDifference(reported, expected)).toBeLessThan(0.005);
  });

  it('keeps the OSM compound whole, with its name and OSM provenance', () => {
    const osm = createOsmCompound(101, '龙泽苑');
    const result = buildResidential(
      createRawCollection([osm]),
      createRawCollection([createBaiduBlock(116.33)]),
      context,
    );
    const compound = result.find((f) => f.properties.source === 'osm');
    expect(compound?.properties).toMatchObject({
      id: 'residential-osm-101',
      name: '龙泽苑',
      kind: 'residential',
      source_crs: 'WGS-84',
      accuracy: 'surveyed',
      subdistrict: '回龙观街道',
    });
    expect(relativeDifference(areaOf(compound!), areaOf(osm))).toBeLessThan(0.001);
  });

  it('gives the Baidu remainder Baidu provenance and only the part east of the compound', () => {
    const result = buildResidential(
      createRawCollection([createOsmCompound(101, '龙泽苑')]),
      createRawCollection([createBaiduBlock(116.33)]),
      context,
    );
    const remainder = result.find((f) => f.properties.source === 'baidu-residential');
    expect(remainder?.properties).toMatchObject({
      id: 'residential-baidu-0',
      name: '',
      source_crs: 'BD-09',
      accuracy: 'approximate',
    });
    // What is left is the block's east half: 116.331–116.332.
    const [west, , east] = turf.bbox(remainder!);
    expect(west).toBeCloseTo(116.331, 6);
    expect(east).toBeCloseTo(116.332, 6);
    const eastHalf = createRectangle(116.331, 40.069, 0.001, 0.002, {});
    expect(relativeDifference(areaOf(remainder!), areaOf(eastHalf))).toBeLessThan(0.001);
  });

  it('leaves no two results overlapping when OSM compounds overlap each other', () => {
    const first = createOsmCompound(1, '龙跃苑一区');
    const second = createOsmCompound(2, '龙跃苑二区', 116.3305, 40.0695);
    const result = buildResidential(
      createRawCollection([first, second]),
      createRawCollection([createBaiduBlock(116.3295, 40.068)]),
      context,
    );
    for (const [i, a] of result.entries()) {
      for (const b of result.slice(i + 1)) {
        const common = turf.intersect(turf.featureCollection([a, b]));
        expect(common ? areaOf(common) : 0).toBeLessThan(1);
      }
    }
    const expected = unionArea([first, second, createBaiduBlock(116.3295, 40.068)]);
    expect(relativeDifference(sumOfAreas(result), expected)).toBeLessThan(0.005);
  });

  it(`drops slivers smaller than ${MIN_RESIDENTIAL_PIECE_M2} m² left after subtraction`, () => {
    // A Baidu block shifted 0.00005° (about 4 m) east of the compound leaves a strip of about
    // 4 m × 222 m ≈ 940 m².
    const sliverBlock = createBaiduBlock(116.32905);
    const strip = createRectangle(116.331, 40.069, 0.00005, 0.002, {});
    expect(areaOf(strip)).toBeLessThan(MIN_RESIDENTIAL_PIECE_M2);

    const result = buildResidential(
      createRawCollection([createOsmCompound(101, '龙泽苑')]),
      createRawCollection([sliverBlock]),
      context,
    );
    expect(result.map((f) => f.properties.source)).toEqual(['osm']);
  });

  // Reproduces 龙腾苑四区 (residential-osm-12) inside Baidu block 221 in the real data: the
  // compound lies inside the block and touches its edge at one point, so the block minus the
  // compound is a polygon whose hole touches its outer ring; dropping that hole would count
  // the compound twice.
  it('counts a compound inside a Baidu block, touching its edge, only once', () => {
    const block = createRectangle(116.329, 40.069, 0.004, 0.004, {});
    // A diamond whose south vertex lies on the block's south edge.
    const compound = turf.polygon(
      [
        [
          [116.331, 40.069],
          [116.332, 40.07],
          [116.331, 40.071],
          [116.33, 40.07],
          [116.331, 40.069],
        ],
      ],
      { osm_fid: 12, name: '龙腾苑四区' },
    );
    const result = buildResidential(
      createRawCollection([compound]),
      createRawCollection([block]),
      context,
    );
    // The block alone is the union: the compound lies inside it.
    expect(relativeDifference(sumOfAreas(result), areaOf(block))).toBeLessThan(0.005);
  });

  it('drops residential land beyond the study extent', () => {
    // 0.1° east is about 8.5 km from the unit: well beyond the 1.5 km margin.
    const farAway = createOsmCompound(7, '远方小区', 116.429, 40.069);
    const result = buildResidential(
      createRawCollection([farAway]),
      createRawCollection([]),
      context,
    );
    expect(result).toEqual([]);
  });
});
