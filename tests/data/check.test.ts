import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { AREA_BOUNDS, checkLayers, geometryProblems } from '../../src/data/check';
import { createRectangleRing } from './helpers';
import {
  createCollection,
  createLayerFeature,
  createSevenUnits,
  createValidLayers,
} from './layer-features';

function createFeature(geometry: Geometry): Feature {
  return { type: 'Feature', geometry, properties: { id: 'test' } };
}

describe('geometryProblems', () => {
  it('finds nothing wrong with a closed square inside the area', () => {
    const square = createFeature({
      type: 'Polygon',
      coordinates: [createRectangleRing(116.33, 40.07, 0.001, 0.001)],
    });
    expect(geometryProblems(square)).toEqual([]);
  });

  it('catches a ring that is not closed', () => {
    const ring = createRectangleRing(116.33, 40.07, 0.001, 0.001);
    ring[4] = [116.3301, 40.0701]; // last position no longer equals the first
    expect(geometryProblems(createFeature({ type: 'Polygon', coordinates: [ring] }))).toEqual([
      'ring is not closed',
    ]);
  });

  it('catches a ring with fewer than 4 positions', () => {
    const ring = [
      [116.33, 40.07],
      [116.331, 40.07],
      [116.33, 40.07],
    ];
    expect(geometryProblems(createFeature({ type: 'Polygon', coordinates: [ring] }))).toEqual([
      'ring has fewer than 4 positions',
    ]);
  });

  it('catches a bow-tie (self-intersecting) ring', () => {
    const bowTie = [
      [116.33, 40.07],
      [116.331, 40.071],
      [116.331, 40.07],
      [116.33, 40.071],
      [116.33, 40.07],
    ];
    expect(geometryProblems(createFeature({ type: 'Polygon', coordinates: [bowTie] }))).toEqual([
      'self-intersecting ring',
    ]);
  });

  it('catches a bow-tie inside a MultiPolygon', () => {
    const bowTie = [
      [116.33, 40.07],
      [116.331, 40.071],
      [116.331, 40.07],
      [116.33, 40.071],
      [116.33, 40.07],
    ];
    const feature = createFeature({
      type: 'MultiPolygon',
      coordinates: [[createRectangleRing(116.34, 40.07, 0.001, 0.001)], [bowTie]],
    });
    expect(geometryProblems(feature)).toEqual(['self-intersecting ring']);
  });

  it('catches a position outside AREA_BOUNDS', () => {
    const west = AREA_BOUNDS.west - 0.1;
    const point = createFeature({ type: 'Point', coordinates: [west, 40.07] });
    expect(geometryProblems(point)).toEqual([`position ${west},40.07 outside the area`]);
  });

  it('catches a polygon reaching beyond AREA_BOUNDS once, not per vertex', () => {
    const polygon = createFeature({
      type: 'Polygon',
      coordinates: [createRectangleRing(116.5, 40.19, 0.1, 0.1)],
    });
    const problems = geometryProblems(polygon);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/outside the area$/);
  });

  it('catches a line with a single position', () => {
    const line = createFeature({
      type: 'LineString',
      coordinates: [[116.33, 40.07]],
    });
    expect(geometryProblems(line)).toEqual(['line has fewer than 2 positions']);
  });

  it('reports a feature without geometry', () => {
    expect(geometryProblems({ type: 'Feature', geometry: null!, properties: {} })).toEqual([
      'no geometry',
    ]);
  });
});

describe('checkLayers', () => {
  it('finds no problems in a complete, valid set of layers', () => {
    expect(checkLayers(createValidLayers())).toEqual([]);
  });

  it('reports a missing layer', () => {
    const withoutRoads: Partial<ReturnType<typeof createValidLayers>> = createValidLayers();
    delete withoutRoads.roads;
    expect(checkLayers(withoutRoads)).toEqual([
      {
        layer: 'roads',
        id: '-',
        message: 'layer missing or not a FeatureCollection',
      },
    ]);
  });

  it('reports an id used twice, even across layers', () => {
    const layers = createValidLayers();
    layers.parks = createCollection([createLayerFeature('parks', 'shared-id')]);
    layers.schools = createCollection([createLayerFeature('schools', 'shared-id')]);
    expect(checkLayers(layers)).toEqual([
      {
        layer: 'schools',
        id: 'shared-id',
        message: 'duplicate id (also in parks)',
      },
    ]);
  });

  it('reports a missing sub-district', () => {
    const layers = createValidLayers();
    const units = createSevenUnits().filter((f) => f.properties.name !== '霍营街道');
    layers.subdistricts = createCollection(units);
    expect(checkLayers(layers)).toEqual([
      { layer: 'subdistricts', id: '-', message: 'missing unit 霍营街道' },
    ]);
  });

  it('reports two sub-districts that overlap', () => {
    const layers = createValidLayers();
    const units = createSevenUnits();
    // Move 龙泽园街道 (the second rectangle) half-way over 回龙观街道 (the first).
    units[1]!.geometry = {
      type: 'Polygon',
      coordinates: [createRectangleRing(116.305, 40.06, 0.01, 0.01)],
    };
    layers.subdistricts = createCollection(units);
    const problems = checkLayers(layers);
    // 龙泽园 now spans 116.305–116.315: it covers the east half of 回龙观 (116.30–116.31) and
    // stays clear of the third unit (from 116.32).
    expect(problems).toEqual([
      {
        layer: 'subdistricts',
        id: '回龙观街道/龙泽园街道',
        message: 'units overlap by 50.00%',
      },
    ]);
  });

  it('does not count units that only share an edge as overlapping', () => {
    const layers = createValidLayers();
    expect(checkLayers(layers).filter((p) => p.layer === 'subdistricts')).toEqual([]);
  });
});
