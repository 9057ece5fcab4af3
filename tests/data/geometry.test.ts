import * as turf from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  bboxesOverlap,
  mapPositions,
  overlapShare,
  roundCoordinates,
  simplePolygons,
  splitPinchedRing,
} from '../../scripts/pipeline/geometry';
import { areaOf, createRectangle, createRectangleRing } from './helpers';

/**
 * A figure-eight ring: two 0.001° squares that touch at one vertex P = (116.331, 40.071).
 * South-west square (116.330–116.331) first, then the north-east one, back through P.
 */
function createFigureEightRing(): Position[] {
  return [
    [116.33, 40.07],
    [116.331, 40.07],
    [116.331, 40.071], // P
    [116.332, 40.071],
    [116.332, 40.072],
    [116.331, 40.072],
    [116.331, 40.071], // P again: the pinch
    [116.33, 40.071],
    [116.33, 40.07],
  ];
}

function isClosed(ring: Position[]): boolean {
  const first = ring[0];
  const last = ring.at(-1);
  return !!first && !!last && first[0] === last[0] && first[1] === last[1];
}

describe('splitPinchedRing', () => {
  it('splits a figure-eight ring at its pinch into two closed squares', () => {
    const rings = splitPinchedRing(createFigureEightRing());
    expect(rings).toHaveLength(2);
    for (const ring of rings) {
      expect(isClosed(ring)).toBe(true);
      expect(ring).toHaveLength(5);
    }
    // The loop that closes first is the north-east square, then what is left: the south-west.
    expect(turf.bbox(turf.polygon([rings[0]!]))).toEqual([116.331, 40.071, 116.332, 40.072]);
    expect(turf.bbox(turf.polygon([rings[1]!]))).toEqual([116.33, 40.07, 116.331, 40.071]);
  });

  it('keeps the area: the two pieces add up to two squares', () => {
    const square = areaOf(createRectangle(116.33, 40.07, 0.001, 0.001, {}));
    const rings = splitPinchedRing(createFigureEightRing());
    const total = rings.reduce((sum, ring) => sum + areaOf(turf.polygon([ring])), 0);
    expect(total).toBeCloseTo(2 * square, -1);
  });

  it('returns a simple ring unchanged', () => {
    const ring = createRectangleRing(116.33, 40.07, 0.001, 0.001);
    expect(splitPinchedRing(ring)).toEqual([ring]);
  });
});

describe('simplePolygons', () => {
  it('drops a hole that collapses to a point at 6 decimals', () => {
    const outer = createRectangleRing(116.33, 40.07, 0.002, 0.002);
    // All four positions round to (116.331, 40.071).
    const collapsedHole = [
      [116.3310001, 40.0710001],
      [116.3310002, 40.0710001],
      [116.3310002, 40.0710002],
      [116.3310001, 40.0710001],
    ];
    const polygon: Polygon = {
      type: 'Polygon',
      coordinates: [outer, collapsedHole],
    };
    const pieces = simplePolygons(polygon);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]?.geometry.coordinates).toEqual([outer]);
  });

  it('keeps a real hole', () => {
    const outer = createRectangleRing(116.33, 40.07, 0.002, 0.002);
    const hole = createRectangleRing(116.3305, 40.0705, 0.001, 0.001).reverse();
    const pieces = simplePolygons({
      type: 'Polygon',
      coordinates: [outer, hole],
    });
    expect(pieces).toHaveLength(1);
    expect(pieces[0]?.geometry.coordinates).toHaveLength(2);
  });

  // A hole may touch its outer ring at one point (valid in OGC terms, and what turf.difference
  // returns for a compound inside a block touching its edge). turf.kinks reports the touch on
  // the whole polygon, so the hole must survive the check ring by ring.
  it('keeps a hole that touches the outer ring at one point', () => {
    const outer = createRectangleRing(116.329, 40.069, 0.004, 0.004);
    const touchingHole = [
      [116.331, 40.069], // on the outer ring's south edge
      [116.33, 40.07],
      [116.331, 40.071],
      [116.332, 40.07],
      [116.331, 40.069],
    ];
    const polygon: Polygon = {
      type: 'Polygon',
      coordinates: [outer, touchingHole],
    };
    const pieces = simplePolygons(polygon);
    const total = pieces.reduce((sum, piece) => sum + areaOf(piece), 0);
    expect(total).toBeCloseTo(areaOf(polygon), -1);
  });

  it('drops consecutive duplicate positions', () => {
    const ring = createRectangleRing(116.33, 40.07, 0.001, 0.001);
    const withDuplicate = [ring[0]!, ring[1]!, ring[1]!, ring[2]!, ring[3]!, ring[4]!];
    const pieces = simplePolygons({
      type: 'Polygon',
      coordinates: [withDuplicate],
    });
    expect(pieces[0]?.geometry.coordinates).toEqual([ring]);
  });

  it('returns nothing when the outer ring collapses', () => {
    const tiny = createRectangleRing(116.33, 40.07, 0.0000001, 0.0000001);
    expect(simplePolygons({ type: 'Polygon', coordinates: [tiny] })).toEqual([]);
  });
});

describe('coordinate helpers', () => {
  it('roundCoordinates rounds to 6 decimals', () => {
    const point = roundCoordinates({
      type: 'Point',
      coordinates: [116.12345678, 40.98765432],
    });
    expect(point.coordinates).toEqual([116.123457, 40.987654]);
  });

  it('mapPositions converts every position of a polygon', () => {
    const ring = createRectangleRing(116.33, 40.07, 0.001, 0.001);
    const shifted = mapPositions<Polygon>(
      { type: 'Polygon', coordinates: [ring] },
      ([lon, lat]) => [lon + 1, lat],
    );
    expect(shifted.coordinates[0]?.map((p) => p[0])).toEqual(ring.map((p) => p[0]! + 1));
  });

  it('bboxesOverlap is true for touching boxes and false for separate ones', () => {
    expect(bboxesOverlap([0, 0, 1, 1], [1, 0, 2, 1])).toBe(true);
    expect(bboxesOverlap([0, 0, 1, 1], [1.1, 0, 2, 1])).toBe(false);
  });

  it('overlapShare is the share of the smaller polygon covered by the larger', () => {
    const big = createRectangle(116.33, 40.07, 0.002, 0.002, {});
    const smallHalfInside = createRectangle(116.3315, 40.0705, 0.001, 0.001, {});
    expect(overlapShare(big, smallHalfInside)).toBeCloseTo(0.5, 2);
    expect(overlapShare(big, createRectangle(116.34, 40.07, 0.001, 0.001, {}))).toBe(0);
  });
});
