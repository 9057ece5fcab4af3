import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { isLayerId, isSubdistrictName, type LayerId } from './layers';
import { PROJECT_STATUSES } from './plan_tasks';
import { LEVEL_STATUSES } from './school_levels';

/**
 * How a feature's geometry was obtained:
 * - `surveyed`: taken from a source that maps the real thing (OSM, official boundaries);
 * - `approximate`: placed or generalised from indirect evidence (converted web-map AOIs, points
 *   without footprint, sites placed from a plan's wording);
 * - `schematic`: a diagram, not a position (the plan's layout).
 */
export const ACCURACY_VALUES = ['surveyed', 'approximate', 'schematic'] as const;
export type Accuracy = (typeof ACCURACY_VALUES)[number];

export const SCHOOL_LEVELS = ['kindergarten', 'primary', 'middle', 'other'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

/** Properties every shipped feature carries, whatever its layer. */
export interface CommonProperties {
  id: string;
  name: string;
  kind: string;
  /** The sub-district the feature lies in, or null when it lies outside the seven units. */
  subdistrict: string | null;
  /** Key of the source in public/geo/sources.json. */
  source: string;
  /** Coordinate system of the source before conversion: `WGS-84`, `GCJ-02` or `BD-09`. */
  source_crs: 'WGS-84' | 'GCJ-02' | 'BD-09';
  accuracy: Accuracy;
  [key: string]: unknown;
}

export type AppFeature<G extends Geometry = Geometry> = Feature<G, CommonProperties>;
export type AppFeatureCollection<G extends Geometry = Geometry> = FeatureCollection<
  G,
  CommonProperties
>;

type Check = (p: Record<string, unknown>) => string | null;

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const COMMON_CHECKS: Record<string, Check> = {
  id: (p) => (isString(p.id) ? null : 'missing id'),
  name: (p) => (typeof p.name === 'string' ? null : 'name must be a string'),
  kind: (p) => (isString(p.kind) ? null : 'missing kind'),
  subdistrict: (p) =>
    p.subdistrict === null || isSubdistrictName(p.subdistrict)
      ? null
      : `unknown subdistrict ${String(p.subdistrict)}`,
  source: (p) => (isString(p.source) ? null : 'missing source'),
  source_crs: (p) =>
    p.source_crs === 'WGS-84' || p.source_crs === 'GCJ-02' || p.source_crs === 'BD-09'
      ? null
      : `bad source_crs ${String(p.source_crs)}`,
  accuracy: (p) =>
    (ACCURACY_VALUES as readonly unknown[]).includes(p.accuracy)
      ? null
      : `bad accuracy ${String(p.accuracy)}`,
};

const LAYER_CHECKS: Partial<Record<LayerId, Check[]>> = {
  subdistricts: [
    (p) => (isSubdistrictName(p.name) ? null : `not one of the seven units: ${String(p.name)}`),
    (p) => (isFiniteNumber(p.area_km2) ? null : 'missing area_km2'),
  ],
  parks: [
    (p) => (isFiniteNumber(p.area_m2) ? null : 'missing area_m2'),
    (p) => (typeof p.counts_as_park === 'boolean' ? null : 'missing counts_as_park'),
  ],
  residential: [(p) => (isFiniteNumber(p.area_m2) ? null : 'missing area_m2')],
  schools: [
    (p) =>
      (SCHOOL_LEVELS as readonly unknown[]).includes(p.level)
        ? null
        : `bad level ${String(p.level)}`,
    (p) =>
      Array.isArray(p.serves_levels) &&
      p.serves_levels.every((l) => (SCHOOL_LEVELS as readonly unknown[]).includes(l))
        ? null
        : 'bad serves_levels',
    (p) =>
      p.level_status === undefined ||
      (LEVEL_STATUSES as readonly unknown[]).includes(p.level_status)
        ? null
        : `bad level_status ${String(p.level_status)}`,
    // An unverified school counts for no level until included; its likely levels are kept apart.
    (p) =>
      p.level_status !== 'unverified' ||
      ((p.serves_levels as unknown[]).length === 0 &&
        Array.isArray(p.likely_levels) &&
        p.likely_levels.length > 0)
        ? null
        : 'an unverified school needs likely_levels and no serves_levels',
  ],
  'car-parks': [
    (p) =>
      p.spaces === null || (Number.isInteger(p.spaces) && (p.spaces as number) >= 0)
        ? null
        : `bad spaces ${String(p.spaces)}`,
  ],
  'metro-stations': [
    (p) => (Array.isArray(p.lines) && p.lines.length > 0 ? null : 'missing lines'),
  ],
  'metro-lines': [
    (p) => (isString(p.line) ? null : 'missing line'),
    (p) => (typeof p.colour === 'string' && /^#[0-9A-F]{6}$/i.test(p.colour) ? null : 'bad colour'),
  ],
  'plan-projects': [
    (p) =>
      Number.isInteger(p.task) && (p.task as number) >= 1 && (p.task as number) <= 23
        ? null
        : `bad task ${String(p.task)}`,
    (p) => (isString(p.plan_words) ? null : 'missing plan_words'),
    (p) =>
      (PROJECT_STATUSES as readonly unknown[]).includes(p.status)
        ? null
        : `bad status ${String(p.status)}`,
    (p) => (isString(p.placement_note) ? null : 'missing placement_note'),
    (p) => (isString(p.placement_note_zh) ? null : 'missing placement_note_zh'),
  ],
  'plan-layout': [
    (p) => (isString(p.plan_text) ? null : 'missing plan_text'),
    (p) => (p.accuracy === 'schematic' ? null : 'plan layout must be schematic'),
  ],
};

/** Returns the schema problems of one feature of a layer (empty when it is valid). */
export function validateFeatureProperties(layer: string, feature: Feature): string[] {
  if (!isLayerId(layer)) return [`unknown layer ${layer}`];
  const properties = (feature.properties ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  for (const check of checksOf(layer)) {
    const problem = check(properties);
    if (problem !== null) problems.push(problem);
  }
  return problems;
}

/** The checks of a layer, listed once: a restore runs them for every one of 200,000 features. */
const checksByLayer = new Map<LayerId, readonly Check[]>();
function checksOf(layer: LayerId): readonly Check[] {
  let checks = checksByLayer.get(layer);
  if (!checks) {
    checks = [...Object.values(COMMON_CHECKS), ...(LAYER_CHECKS[layer] ?? [])];
    checksByLayer.set(layer, checks);
  }
  return checks;
}
