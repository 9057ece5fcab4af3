import * as turf from '@turf/turf';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { CoverageInputs } from '../../src/analysis/coverage_report';
import {
  type Scenario,
  type ScenarioEdit,
  applyScenario,
  applyScenarioDetailed,
  scenarioFromGeoJson,
  scenarioToGeoJson,
} from '../../src/analysis/scenario';
import { validateFeatureProperties } from '../../src/data/schema';
import { collection, createPoint, createRectangle, offset, twoUnits } from './fixtures';

const units = twoUnits();
const inputs: CoverageInputs = {
  subdistricts: units,
  residential: collection([createRectangle(-400, -100, -200, 100, { id: 'block' })]),
  parks: collection([
    createRectangle(-300, 200, -100, 400, { id: 'p1', counts_as_park: true, area_m2: 40_000 }),
  ]),
  greenways: collection([createRectangle(100, 100, 120, 900, { id: 'g1' })]),
  schools: collection([
    createPoint(-300, 0, { id: 's1', serves_levels: ['primary', 'middle'], level: 'primary' }),
  ]),
  carParks: null,
  knownExtents: {},
};

const square = (west: number, south: number, size: number) =>
  createRectangle(west, south, west + size, south + size).geometry;

const scenario = (edits: ScenarioEdit[]): Scenario => ({
  id: 'sc1',
  name: '北街道补绿',
  edits,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-02T00:00:00.000Z',
});

const allKinds: ScenarioEdit[] = [
  { id: 'e1', type: 'add-park', name: '新公园', geometry: square(1000, 1000, 100) },
  {
    id: 'e2',
    type: 'add-school',
    name: '新小学',
    level: 'primary',
    geometry: createPoint(-2000, 0).geometry,
  },
  {
    id: 'e3',
    type: 'add-car-park',
    name: '新停车场',
    spaces: 120,
    geometry: createPoint(500, 500).geometry,
  },
  { id: 'e4', type: 'remove', layer: 'parks', featureId: 'p1', name: '旧公园' },
];

describe('applyScenario', () => {
  it('adds each kind with the full schema and leaves the inputs unchanged', () => {
    const edited = applyScenario(inputs, scenario(allKinds));
    expect(inputs.parks.features).toHaveLength(1);
    expect(inputs.carParks).toBeNull();

    const park = edited.parks.features.find((f) => f.properties.id === 'e1')!;
    expect(park.properties).toMatchObject({
      name: '新公园',
      kind: 'park',
      counts_as_park: true,
      subdistrict: '霍营街道',
      source: 'scenario',
      source_crs: 'WGS-84',
      accuracy: 'approximate',
      scenario: true,
    });
    expect(park.properties.area_m2).toBeCloseTo(10_000, -2);
    expect(validateFeatureProperties('parks', park)).toEqual([]);

    const school = edited.schools.features.find((f) => f.properties.id === 'e2')!;
    expect(school.properties).toMatchObject({
      kind: 'primary',
      level: 'primary',
      serves_levels: ['primary'],
      subdistrict: '回龙观街道',
    });
    expect(validateFeatureProperties('schools', school)).toEqual([]);

    // No car-park data: adding one creates the collection.
    expect(edited.carParks!.features.map((f) => f.properties)).toEqual([
      expect.objectContaining({ id: 'e3', kind: 'car-park', spaces: 120, scenario: true }),
    ]);
  });

  it('removes parks (and greenways), schools and car parks by id', () => {
    const withCarParks = { ...inputs, carParks: collection([createPoint(0, 0, { id: 'c1' })]) };
    const remove = (layer: 'parks' | 'schools' | 'car-parks', featureId: string): ScenarioEdit => ({
      id: `r-${featureId}`,
      type: 'remove',
      layer,
      featureId,
      name: '',
    });
    const result = applyScenarioDetailed(
      withCarParks,
      scenario([
        remove('parks', 'p1'),
        remove('parks', 'g1'),
        remove('schools', 's1'),
        remove('car-parks', 'c1'),
        remove('schools', 'nowhere'),
      ]),
    );
    expect(result.inputs.parks.features).toEqual([]);
    expect(result.inputs.greenways!.features).toEqual([]);
    expect(result.inputs.schools.features).toEqual([]);
    expect(result.inputs.carParks!.features).toEqual([]);
    expect(result.applied).toHaveLength(4);
    expect(result.missing.map((e) => e.id)).toEqual(['r-nowhere']);
    expect(withCarParks.carParks.features).toHaveLength(1);
  });

  it('keeps the same collections when nothing changes them', () => {
    const edited = applyScenario(inputs, scenario([]));
    expect(edited.parks).toBe(inputs.parks);
    expect(edited.schools).toBe(inputs.schools);
    expect(edited.carParks).toBeNull();
  });
});

describe('scenario GeoJSON', () => {
  it('round-trips every kind of edit through JSON text', () => {
    const original = scenario(allKinds);
    const text = JSON.stringify(scenarioToGeoJson(original));
    const parsed = JSON.parse(text) as unknown;
    expect(parsed).toMatchObject({ type: 'FeatureCollection', scenario: { name: '北街道补绿' } });
    expect(scenarioFromGeoJson(parsed)).toEqual({ ok: true, scenario: original });
  });

  it('accepts a removal carrying the removed feature geometry', () => {
    const json = scenarioToGeoJson(scenario([allKinds[3]!]));
    json.features[0]!.geometry = inputs.parks.features[0]!.geometry;
    const result = scenarioFromGeoJson(json);
    expect(result.ok && result.scenario.edits[0]).toEqual(allKinds[3]);
  });

  const valid = () => JSON.parse(JSON.stringify(scenarioToGeoJson(scenario(allKinds))));
  type Json = ReturnType<typeof valid>;
  const rejections: [string, (json: Json) => unknown, RegExp][] = [
    ['not an object', () => 'text', /not a GeoJSON FeatureCollection/],
    ['null', () => null, /not a GeoJSON FeatureCollection/],
    ['no features', (j) => ({ ...j, features: undefined }), /FeatureCollection/],
    ['no scenario member', (j) => ({ ...j, scenario: undefined }), /no "scenario" member/],
    ['other format', (j) => ((j.scenario.format = 'x'), j), /unknown scenario format/],
    ['newer version', (j) => ((j.scenario.version = 2), j), /unsupported scenario version/],
    ['no id', (j) => ((j.scenario.id = ''), j), /scenario has no id/],
    ['no name', (j) => ((j.scenario.name = 3), j), /scenario has no name/],
    ['bad date', (j) => ((j.scenario.createdAt = 'soon'), j), /createdAt is not a date/],
    ['not a feature', (j) => ((j.features[1] = 5), j), /feature 1: not a GeoJSON Feature/],
    ['no properties', (j) => ((j.features[1].properties = null), j), /feature 1: no properties/],
    [
      'unknown edit type',
      (j) => ((j.features[2].properties.edit = 'add-mall'), j),
      /feature 2: unknown edit type "add-mall"/,
    ],
    [
      'edit without id',
      (j) => (delete j.features[0].properties.id, j),
      /feature 0: edit has no id/,
    ],
    [
      'edit name not a string',
      (j) => ((j.features[0].properties.name = 1), j),
      /feature 0: edit name must be a string/,
    ],
    [
      'duplicate edit id',
      (j) => ((j.features[1].properties.id = 'e1'), j),
      /feature 1: duplicate edit id "e1"/,
    ],
    [
      'bad level',
      (j) => ((j.features[1].properties.level = 'university'), j),
      /feature 1: bad school level "university"/,
    ],
    [
      'bad spaces',
      (j) => ((j.features[2].properties.spaces = -3), j),
      /feature 2: spaces must be a whole number/,
    ],
    [
      'bad removal layer',
      (j) => ((j.features[3].properties.layer = 'roads'), j),
      /feature 3: bad layer "roads"/,
    ],
    [
      'removal without feature id',
      (j) => (delete j.features[3].properties.feature_id, j),
      /feature 3: removal has no feature_id/,
    ],
    [
      'park as a point',
      (j) => ((j.features[0].geometry = j.features[1].geometry), j),
      /feature 0: geometry must be a Polygon/,
    ],
    [
      'school as a polygon',
      (j) => ((j.features[1].geometry = j.features[0].geometry), j),
      /feature 1: geometry must be a Point/,
    ],
    [
      'school without geometry',
      (j) => ((j.features[1].geometry = null), j),
      /feature 1: geometry must be a Point/,
    ],
    [
      'non-finite coordinate',
      (j) => ((j.features[1].geometry.coordinates = [116.3, null]), j),
      /feature 1: non-finite coordinate/,
    ],
    [
      'short position',
      (j) => ((j.features[2].geometry.coordinates = [116.3]), j),
      /feature 2: a position must be \[lon, lat\]/,
    ],
    [
      'position outside the area',
      (j) => ((j.features[2].geometry.coordinates = [121.47, 31.23]), j),
      /feature 2: position 121.47,31.23 outside the area/,
    ],
    [
      'park ring outside the area',
      (j) => ((j.features[0].geometry.coordinates[0][1] = [116.0, 40.07]), j),
      /feature 0: position 116,40.07 outside the area/,
    ],
    [
      'park without rings',
      (j) => ((j.features[0].geometry.coordinates = []), j),
      /feature 0: polygon has no rings/,
    ],
    [
      'park ring not a list',
      (j) => ((j.features[0].geometry.coordinates = [7]), j),
      /feature 0: a ring must be a list of positions/,
    ],
    [
      'unclosed park ring',
      (j) => (j.features[0].geometry.coordinates[0].pop(), j),
      /feature 0: park polygon: ring is not closed/,
    ],
    [
      'self-intersecting park',
      (j) => ((j.features[0].geometry = bowtie()), j),
      /feature 0: park polygon: self-intersecting ring/,
    ],
  ];

  it.each(rejections)('rejects: %s', (_, spoil, message) => {
    const result = scenarioFromGeoJson(spoil(valid()));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it('never throws, whatever it is given', () => {
    const cyclic: Record<string, unknown> = { type: 'FeatureCollection', features: [] };
    cyclic.scenario = cyclic;
    const inputsToTry: unknown[] = [undefined, 0, [], {}, cyclic, { type: 'FeatureCollection' }];
    const trap = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
      },
    );
    inputsToTry.push(trap);
    for (const value of inputsToTry) {
      expect(() => scenarioFromGeoJson(value)).not.toThrow();
      expect(scenarioFromGeoJson(value).ok).toBe(false);
    }
  });
});

function bowtie(): Polygon {
  const [a, b, c, d] = [offset(0, 0), offset(100, 100), offset(100, 0), offset(0, 100)];
  return turf.polygon([[a, b, c, d, a]]).geometry;
}
