import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, Point, Polygon, Position } from 'geojson';
import { AREA_BOUNDS, geometryProblems } from '../data/check';
import { exceeds, featureListProblem, limitMessageBoth } from '../data/limits';
import type { AppFeature, AppFeatureCollection, CommonProperties } from '../data/schema';
import {
  type CoverageInputs,
  SERVED_SCHOOL_LEVELS,
  type ServedSchoolLevel,
} from './coverage_report';

/** One change to the facilities of the area; geometries in WGS-84. */
export type ScenarioEdit =
  | { id: string; type: 'add-park'; name: string; geometry: Polygon }
  | { id: string; type: 'add-school'; name: string; level: ServedSchoolLevel; geometry: Point }
  | { id: string; type: 'add-car-park'; name: string; spaces: number; geometry: Point }
  | {
      id: string;
      type: 'remove';
      layer: RemovableLayer;
      featureId: string;
      name: string;
    };

export const REMOVABLE_LAYERS = ['parks', 'schools', 'car-parks'] as const;
export type RemovableLayer = (typeof REMOVABLE_LAYERS)[number];

export const SCENARIO_EDIT_TYPES = ['add-park', 'add-school', 'add-car-park', 'remove'] as const;

/** A named set of edits: "what if this park were built and that school closed". */
export interface Scenario {
  id: string;
  name: string;
  edits: ScenarioEdit[];
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
}

/** Marks what scenario features are; `source` of every added feature. */
export const SCENARIO_SOURCE = 'scenario';

export interface AppliedScenario {
  inputs: CoverageInputs;
  /** Edits that changed the inputs: every addition, and removals whose feature was found. */
  applied: ScenarioEdit[];
  /** Removals whose feature is not in the inputs (for example, removed from the data since). */
  missing: ScenarioEdit[];
}

/** The inputs with the scenario's edits applied; the given inputs are left unchanged. */
export function applyScenario(inputs: CoverageInputs, scenario: Scenario): CoverageInputs {
  return applyScenarioDetailed(inputs, scenario).inputs;
}

/**
 * As applyScenario, also telling which edits took effect. A removal from 'parks' also
 * removes a greenway of that id, as greenways count as park service.
 */
export function applyScenarioDetailed(inputs: CoverageInputs, scenario: Scenario): AppliedScenario {
  const removed: Record<RemovableLayer, Set<string>> = {
    parks: new Set(),
    schools: new Set(),
    'car-parks': new Set(),
  };
  const added: Record<RemovableLayer, AppFeature[]> = { parks: [], schools: [], 'car-parks': [] };
  for (const edit of scenario.edits) {
    if (edit.type === 'remove') removed[edit.layer].add(edit.featureId);
    else added[layerOf(edit)].push(scenarioFeature(edit, inputs.subdistricts));
  }
  const found = new Set<string>();
  const edited = (
    collection: AppFeatureCollection,
    layer: RemovableLayer,
    additions: AppFeature[] = [],
  ): AppFeatureCollection => {
    const ids = removed[layer];
    if (ids.size === 0 && additions.length === 0) return collection;
    const kept = collection.features.filter((f) => {
      const id = String(f.properties.id);
      if (!ids.has(id)) return true;
      found.add(`${layer}\n${id}`);
      return false;
    });
    return { ...collection, features: [...kept, ...additions] };
  };
  const carParks = inputs.carParks ?? (added['car-parks'].length > 0 ? emptyCollection() : null);
  const result: CoverageInputs = {
    ...inputs,
    parks: edited(inputs.parks, 'parks', added.parks),
    schools: edited(inputs.schools, 'schools', added.schools),
    carParks: carParks && edited(carParks, 'car-parks', added['car-parks']),
  };
  if (inputs.greenways) result.greenways = edited(inputs.greenways, 'parks');
  const applied: ScenarioEdit[] = [];
  const missing: ScenarioEdit[] = [];
  for (const edit of scenario.edits) {
    const ok = edit.type !== 'remove' || found.has(`${edit.layer}\n${edit.featureId}`);
    (ok ? applied : missing).push(edit);
  }
  return { inputs: result, applied, missing };
}

const emptyCollection = (): AppFeatureCollection => ({ type: 'FeatureCollection', features: [] });

function layerOf(edit: Exclude<ScenarioEdit, { type: 'remove' }>): RemovableLayer {
  if (edit.type === 'add-park') return 'parks';
  if (edit.type === 'add-school') return 'schools';
  return 'car-parks';
}

/** An added facility as a feature of its layer, with the full schema's properties. */
export function scenarioFeature(
  edit: Exclude<ScenarioEdit, { type: 'remove' }>,
  subdistricts?: AppFeatureCollection,
): AppFeature {
  const common: CommonProperties = {
    id: edit.id,
    name: edit.name,
    kind: '',
    subdistrict: subdistricts ? subdistrictOf(edit.geometry, subdistricts) : null,
    source: SCENARIO_SOURCE,
    source_crs: 'WGS-84',
    accuracy: 'approximate',
    scenario: true,
  };
  const properties: CommonProperties =
    edit.type === 'add-park'
      ? { ...common, kind: 'park', area_m2: turf.area(edit.geometry), counts_as_park: true }
      : edit.type === 'add-school'
        ? { ...common, kind: edit.level, level: edit.level, serves_levels: [edit.level] }
        : { ...common, kind: 'car-park', spaces: edit.spaces };
  return { type: 'Feature', properties, geometry: edit.geometry };
}

/** The unit holding the geometry's centroid, or null outside all of them. */
function subdistrictOf(geometry: Geometry, subdistricts: AppFeatureCollection): string | null {
  const centre = turf.centroid(geometry);
  const unit = subdistricts.features.find(
    (u) =>
      (u.geometry.type === 'Polygon' || u.geometry.type === 'MultiPolygon') &&
      turf.booleanPointInPolygon(centre, u.geometry),
  );
  return unit ? String(unit.properties.name) : null;
}

// ---------------------------------------------------------------------------------------------
// GeoJSON export and import

/** Marks a file as a scenario export (the top-level `scenario.format` member). */
export const SCENARIO_FORMAT = 'huitian-map-scenario';
export const SCENARIO_FORMAT_VERSION = 1;

export interface ScenarioGeoJson extends FeatureCollection<Geometry | null> {
  scenario: {
    format: typeof SCENARIO_FORMAT;
    version: number;
    id: string;
    name: string;
    createdAt: string;
    updatedAt: string;
  };
}

/**
 * The scenario as a FeatureCollection: one feature per edit with `edit` (its type), `id` and
 * `name`, plus `level`, `spaces` or `layer` and `feature_id`; removals have null geometry.
 */
export function scenarioToGeoJson(scenario: Scenario): ScenarioGeoJson {
  return {
    type: 'FeatureCollection',
    scenario: {
      format: SCENARIO_FORMAT,
      version: SCENARIO_FORMAT_VERSION,
      id: scenario.id,
      name: scenario.name,
      createdAt: scenario.createdAt,
      updatedAt: scenario.updatedAt,
    },
    features: scenario.edits.map((edit): Feature<Geometry | null> => {
      const properties: Record<string, unknown> = { edit: edit.type, id: edit.id, name: edit.name };
      if (edit.type === 'add-school') properties.level = edit.level;
      if (edit.type === 'add-car-park') properties.spaces = edit.spaces;
      if (edit.type === 'remove') {
        properties.layer = edit.layer;
        properties.feature_id = edit.featureId;
      }
      return {
        type: 'Feature',
        id: edit.id,
        properties,
        geometry: edit.type === 'remove' ? null : edit.geometry,
      };
    }),
  };
}

export type ScenarioImport = { ok: true; scenario: Scenario } | { ok: false; message: string };

class ImportProblem extends Error {}

/**
 * Reads a scenario back from scenarioToGeoJson's form (for example a file a colleague sent).
 * Strict: any unknown edit type, bad level, non-finite or out-of-area coordinate, or
 * self-intersecting park polygon rejects the whole file with a message naming the feature
 * (by index from 0). Never throws.
 */
export function scenarioFromGeoJson(value: unknown): ScenarioImport {
  try {
    return { ok: true, scenario: readScenario(value) };
  } catch (error) {
    const message =
      error instanceof ImportProblem ? error.message : `unreadable scenario: ${String(error)}`;
    return { ok: false, message };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The reader's limits on a scenario's features (edits per scenario, vertices per edit and in
 * all): the refusal, in Chinese and English, or null when within. A change is stored only
 * within them, as the scenario is read back only within them.
 */
export function scenarioLimitProblem(features: readonly unknown[]): string | null {
  const tooMany = exceeds('editsPerScenario', features.length);
  if (tooMany) return limitMessageBoth(tooMany);
  const tooLarge = featureListProblem(
    features.map((f) => (isRecord(f) ? { geometry: f.geometry } : {})),
  );
  if (!tooLarge) return null;
  const where = tooLarge.featureIndex === undefined ? '' : `feature ${tooLarge.featureIndex}: `;
  return `${where}${limitMessageBoth(tooLarge)}`;
}

function readScenario(value: unknown): Scenario {
  const fail = (message: string): never => {
    throw new ImportProblem(message);
  };
  if (!isRecord(value) || value.type !== 'FeatureCollection' || !Array.isArray(value.features)) {
    fail('not a GeoJSON FeatureCollection');
  }
  const collection = value as Record<string, unknown> & { features: unknown[] };
  const overLimit = scenarioLimitProblem(collection.features);
  if (overLimit) fail(overLimit);
  const meta = collection.scenario;
  if (!isRecord(meta)) fail('no "scenario" member: not a scenario file');
  const head = meta as Record<string, unknown>;
  if (head.format !== undefined && head.format !== SCENARIO_FORMAT) {
    fail(`unknown scenario format ${JSON.stringify(head.format)}`);
  }
  if (head.version !== undefined && head.version !== SCENARIO_FORMAT_VERSION) {
    fail(`unsupported scenario version ${JSON.stringify(head.version)}`);
  }
  if (typeof head.id !== 'string' || head.id === '') fail('scenario has no id');
  if (typeof head.name !== 'string') fail('scenario has no name');
  const now = new Date().toISOString();
  const timestamp = (key: 'createdAt' | 'updatedAt'): string => {
    const t = head[key];
    if (t === undefined) return now;
    if (typeof t !== 'string' || Number.isNaN(Date.parse(t))) {
      fail(`scenario ${key} is not a date: ${JSON.stringify(t)}`);
    }
    return t as string;
  };
  const ids = new Set<string>();
  const edits = collection.features.map((feature, index) => {
    const edit = readEdit(feature, (message) => fail(`feature ${index}: ${message}`));
    if (ids.has(edit.id)) fail(`feature ${index}: duplicate edit id ${JSON.stringify(edit.id)}`);
    ids.add(edit.id);
    return edit;
  });
  return {
    id: head.id as string,
    name: head.name as string,
    edits,
    createdAt: timestamp('createdAt'),
    updatedAt: timestamp('updatedAt'),
  };
}

function readEdit(feature: unknown, fail: (message: string) => never): ScenarioEdit {
  if (!isRecord(feature) || feature.type !== 'Feature') fail('not a GeoJSON Feature');
  const f = feature as Record<string, unknown>;
  if (!isRecord(f.properties)) fail('no properties');
  const p = f.properties as Record<string, unknown>;
  const type = p.edit;
  if (!(SCENARIO_EDIT_TYPES as readonly unknown[]).includes(type)) {
    fail(`unknown edit type ${JSON.stringify(type)}`);
  }
  if (typeof p.id !== 'string' || p.id === '') fail('edit has no id');
  if (typeof p.name !== 'string') fail('edit name must be a string');
  const id = p.id as string;
  const name = p.name as string;
  switch (type as ScenarioEdit['type']) {
    case 'remove': {
      if (!(REMOVABLE_LAYERS as readonly unknown[]).includes(p.layer)) {
        fail(`bad layer ${JSON.stringify(p.layer)} (expected ${REMOVABLE_LAYERS.join(', ')})`);
      }
      if (typeof p.feature_id !== 'string' || p.feature_id === '') {
        fail('removal has no feature_id');
      }
      return {
        id,
        type: 'remove',
        layer: p.layer as RemovableLayer,
        featureId: p.feature_id as string,
        name,
      };
    }
    case 'add-park':
      return { id, type: 'add-park', name, geometry: readPolygon(f.geometry, fail) };
    case 'add-school': {
      if (!(SERVED_SCHOOL_LEVELS as readonly unknown[]).includes(p.level)) {
        fail(
          `bad school level ${JSON.stringify(p.level)} (expected ${SERVED_SCHOOL_LEVELS.join(', ')})`,
        );
      }
      const geometry = readPoint(f.geometry, fail);
      return { id, type: 'add-school', name, level: p.level as ServedSchoolLevel, geometry };
    }
    case 'add-car-park': {
      const spaces = p.spaces;
      if (typeof spaces !== 'number' || !Number.isInteger(spaces) || spaces < 0) {
        fail(`spaces must be a whole number of at least 0, got ${JSON.stringify(spaces)}`);
      }
      const geometry = readPoint(f.geometry, fail);
      return { id, type: 'add-car-park', name, spaces: spaces as number, geometry };
    }
  }
}

function readPosition(value: unknown, fail: (message: string) => never): Position {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    fail('a position must be [lon, lat]');
  }
  const position = value as unknown[];
  if (!position.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    fail(`non-finite coordinate ${JSON.stringify(position)}`);
  }
  const [lon, lat] = position as number[];
  return [lon!, lat!];
}

function readPoint(value: unknown, fail: (message: string) => never): Point {
  if (!isRecord(value) || value.type !== 'Point') fail('geometry must be a Point');
  const point: Point = {
    type: 'Point',
    coordinates: readPosition((value as Record<string, unknown>).coordinates, fail),
  };
  const problem = editGeometryProblem(point);
  if (problem) fail(problem.message);
  return point;
}

function readPolygon(value: unknown, fail: (message: string) => never): Polygon {
  if (!isRecord(value) || value.type !== 'Polygon') fail('geometry must be a Polygon');
  const rings = (value as Record<string, unknown>).coordinates;
  if (!Array.isArray(rings) || rings.length === 0) fail('polygon has no rings');
  const polygon: Polygon = {
    type: 'Polygon',
    coordinates: (rings as unknown[]).map((ring) => {
      if (!Array.isArray(ring)) fail('a ring must be a list of positions');
      return (ring as unknown[]).map((position) => readPosition(position, fail));
    }),
  };
  const problem = editGeometryProblem(polygon);
  if (problem) fail(problem.message);
  return polygon;
}

/** Why an added facility's geometry cannot stand in a scenario; `message` is the reader's. */
export interface EditGeometryProblem {
  kind: 'outsideArea' | 'selfIntersecting' | 'badOutline' | 'noArea';
  message: string;
}

/**
 * The rule every added facility's geometry passes: inside the area (AREA_BOUNDS), and for a
 * park a valid outline that encloses some area. The strict reader applies it to each file and
 * stored copy, and the editor to each click, so the app never stores an edit its reader would
 * refuse (which would lose the whole scenario). Positions are finite [lon, lat] pairs.
 */
export function editGeometryProblem(geometry: Point | Polygon): EditGeometryProblem | null {
  const positions =
    geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates.flat();
  const outside = positions.find(
    ([lon, lat]) =>
      !(
        lon! >= AREA_BOUNDS.west &&
        lon! <= AREA_BOUNDS.east &&
        lat! >= AREA_BOUNDS.south &&
        lat! <= AREA_BOUNDS.north
      ),
  );
  if (outside) {
    return {
      kind: 'outsideArea',
      message: `position ${outside[0]},${outside[1]} outside the area`,
    };
  }
  if (geometry.type === 'Point') return null;
  const problems = geometryProblems({ type: 'Feature', properties: {}, geometry });
  if (problems.length > 0) {
    const kind = problems.includes('self-intersecting ring') ? 'selfIntersecting' : 'badOutline';
    return { kind, message: `park polygon: ${problems.join('; ')}` };
  }
  if (!(turf.area(geometry) > 0)) return { kind: 'noArea', message: 'park polygon has no area' };
  return null;
}
