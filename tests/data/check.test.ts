import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  AREA_BOUNDS,
  checkLayers,
  geometryProblems,
  knownFactProblems,
} from '../../src/data/check';
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

  describe('holes', () => {
    // A U-shaped park, 3 × 3 units of 0.001°, open at the top between x = 1 and x = 2.
    const u = (x: number, y: number) => [116.33 + x * 0.001, 40.07 + y * 0.001];
    const uShape = [
      u(0, 0),
      u(3, 0),
      u(3, 3),
      u(2, 3),
      u(2, 1),
      u(1, 1),
      u(1, 3),
      u(0, 3),
      u(0, 0),
    ];
    const withHoles = (...holes: number[][][]) =>
      createFeature({ type: 'Polygon', coordinates: [uShape, ...holes] });

    it('accepts a hole inside the park and one touching its outline at a corner', () => {
      expect(
        geometryProblems(withHoles([u(0.2, 0.2), u(0.8, 0.2), u(0.5, 0.8), u(0.2, 0.2)])),
      ).toEqual([]);
      expect(geometryProblems(withHoles([u(0, 0), u(0.8, 0.2), u(0.5, 0.8), u(0, 0)]))).toEqual([]);
    });

    it('catches a hole lying in the gap of the U', () => {
      expect(geometryProblems(withHoles([u(1.2, 2), u(1.8, 2), u(1.5, 2.5), u(1.2, 2)]))).toEqual([
        'hole outside its outer ring',
      ]);
    });

    it('catches a hole whose corners are all inside but whose edge spans the gap', () => {
      expect(geometryProblems(withHoles([u(0.5, 2), u(1.5, 0.5), u(2.5, 2), u(0.5, 2)]))).toEqual([
        'hole outside its outer ring',
      ]);
    });

    const square = (x: number, y: number, size: number) => [
      u(x, y),
      u(x + size, y),
      u(x + size, y + size),
      u(x, y + size),
      u(x, y),
    ];

    it('catches a hole inside another hole, even one sharing a corner with it', () => {
      const big = square(0.1, 0.1, 0.8);
      expect(geometryProblems(withHoles(big, square(0.3, 0.3, 0.2)))).toEqual([
        'hole inside another hole',
      ]);
      // The small hole's first corner lies on the big one: its next corner decides.
      expect(geometryProblems(withHoles(big, square(0.1, 0.1, 0.2)))).toEqual([
        'hole inside another hole',
      ]);
      // Listed the other way round, the inner hole is still found.
      expect(geometryProblems(withHoles(square(0.3, 0.3, 0.2), big))).toEqual([
        'hole inside another hole',
      ]);
    });

    it('accepts holes side by side, touching at a corner, in the two arms of the U', () => {
      const left = square(0.1, 0.1, 0.4);
      expect(
        geometryProblems(withHoles(left, square(0.5, 0.5, 0.3), square(2.2, 1.5, 0.5))),
      ).toEqual([]);
    });

    it('catches a hole wholly outside the outline, beside the U', () => {
      expect(geometryProblems(withHoles(square(0.2, 0.2, 0.5), square(3.5, 1, 0.5)))).toEqual([
        'hole outside its outer ring',
      ]);
    });

    it('catches two holes crossing each other', () => {
      const a = [u(0.2, 0.2), u(0.8, 0.2), u(0.8, 0.8), u(0.2, 0.8), u(0.2, 0.2)];
      const b = [u(0.5, 0.5), u(2.5, 0.5), u(2.5, 0.7), u(0.5, 0.7), u(0.5, 0.5)];
      expect(geometryProblems(withHoles(a, b))).toEqual(['holes cross each other']);
    });
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

describe('knownFactProblems', () => {
  /** 18号线 along 40.0720 from 116.30 to 116.40; its stations every 0.01° on the track. */
  const line18 = createLayerFeature('metro-lines', 'metro-line-18-0', {
    name: '18号线',
    line: '18号线',
    colour: '#665794',
  });
  line18.geometry = {
    type: 'LineString',
    coordinates: [
      [116.3, 40.072],
      [116.4, 40.072],
    ],
  };
  const station = (i: number, lat = 40.072) => {
    const feature = createLayerFeature('metro-stations', `s-${i}`, {
      name: `站${i}`,
      lines: ['18号线'],
    });
    feature.geometry = { type: 'Point', coordinates: [116.3 + i * 0.01, lat] };
    return feature;
  };
  const metro = (stations: Feature[]) => ({
    'metro-stations': createCollection(stations),
    'metro-lines': createCollection([line18]),
  });
  const elevenStations = Array.from({ length: 11 }, (_, i) => station(i));
  const confirmed = {
    name: '北京王府学校',
    levels: ['kindergarten', 'primary', 'middle'] as const,
    confidence: 'confirmed' as const,
    evidence: 'K-12',
  };
  const school = (servesLevels: string[]) =>
    createCollection([
      createLayerFeature('schools', 'school-1', {
        name: '北京王府学校',
        level: 'middle',
        serves_levels: servesLevels,
      }),
    ]);

  it('finds nothing wrong with 11 Line 18 stations on the track and a confirmed school', () => {
    const layers = {
      ...metro(elevenStations),
      schools: school(['kindergarten', 'primary', 'middle']),
    };
    expect(knownFactProblems(layers, [{ ...confirmed, levels: [...confirmed.levels] }])).toEqual(
      [],
    );
  });

  it('fails when Line 18 has fewer than 11 stations', () => {
    expect(knownFactProblems(metro(elevenStations.slice(0, 10)), [])).toEqual([
      { layer: 'metro-stations', id: '-', message: '18号线 has 10 stations, not 11' },
    ]);
  });

  it('fails when a line runs more than 100 m from a station on it', () => {
    // 0.0012° of latitude is about 133 m north of the track.
    const off = [...elevenStations.slice(0, 10), station(10, 40.0732)];
    expect(knownFactProblems(metro(off), [])).toEqual([
      { layer: 'metro-stations', id: 's-10', message: '18号线 runs 133 m from 站10' },
    ]);
  });

  it('passes a station 90 m from its line', () => {
    const near = [...elevenStations.slice(0, 10), station(10, 40.0728)];
    expect(knownFactProblems(metro(near), [])).toEqual([]);
  });

  it('fails when a station names a line that has no track', () => {
    const other = station(3);
    other.properties.lines = ['18号线', '99号线'];
    const stations = elevenStations.map((s, i) => (i === 3 ? other : s));
    expect(knownFactProblems(metro(stations), [])).toEqual([
      { layer: 'metro-stations', id: 's-3', message: '99号线 has no track near 站3' },
    ]);
  });

  it('fails when a school confirmed in the corrections lacks one of its levels', () => {
    const layers = { ...metro(elevenStations), schools: school(['middle']) };
    expect(knownFactProblems(layers, [{ ...confirmed, levels: [...confirmed.levels] }])).toEqual([
      {
        layer: 'schools',
        id: 'school-1',
        message:
          '北京王府学校 is confirmed for kindergarten, primary, middle but lacks kindergarten, primary',
      },
    ]);
  });

  it('fails when a confirmed school is missing, and ignores unverified rows', () => {
    const layers = { ...metro(elevenStations), schools: createCollection([]) };
    const rows = [
      { ...confirmed, levels: [...confirmed.levels] },
      {
        ...confirmed,
        levels: ['middle' as const],
        name: '天通苑学校',
        confidence: 'unverified' as const,
      },
    ];
    expect(knownFactProblems(layers, rows)).toEqual([
      { layer: 'schools', id: '-', message: 'no school named 北京王府学校' },
    ]);
  });
});
