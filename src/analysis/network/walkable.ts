import { BACKWARD, BOTH, FORWARD } from './graph';

/** Streets a pedestrian may use by their highway class alone. */
export const WALKABLE_HIGHWAY_CLASSES = [
  'footway',
  'path',
  'pedestrian',
  'steps',
  'living_street',
  'residential',
  'service',
  'unclassified',
  'tertiary',
  'tertiary_link',
  'secondary',
  'secondary_link',
  'primary',
  'primary_link',
] as const;
const WALKABLE_HIGHWAYS = new Set<string>(WALKABLE_HIGHWAY_CLASSES);
/** Roads closed to pedestrians unless tagged otherwise. */
const MOTOR_ROADS = new Set(['motorway', 'motorway_link', 'trunk', 'trunk_link']);
const FOOT_ALLOWED = new Set(['yes', 'designated', 'permissive']);
const SIDEWALK_PRESENT = new Set(['yes', 'both', 'left', 'right']);
/** Ways where `oneway` binds pedestrians too (on roads it is about vehicles). */
const FOOT_WAYS = new Set(['footway', 'path', 'pedestrian', 'steps']);

const tag = (tags: Record<string, unknown>, key: string) =>
  typeof tags[key] === 'string' ? (tags[key] as string).trim().toLowerCase() : '';

/**
 * The walking direction an OSM way allows (FORWARD, BACKWARD or BOTH), or 0 when it is not
 * walkable: footway, path, pedestrian, steps, living_street, residential, service,
 * unclassified, tertiary and up; motorway and trunk (and links) only with foot=yes or a
 * sidewalk; never with access=private/no or foot=no (foot=yes overrides access).
 */
export function osmWalkDirection(tags: Record<string, unknown>): number {
  const highway = tag(tags, 'highway');
  const foot = tag(tags, 'foot');
  if (highway === '' || foot === 'no' || foot === 'private') return 0;
  const access = tag(tags, 'access');
  if ((access === 'private' || access === 'no') && !FOOT_ALLOWED.has(foot)) return 0;
  const byClass = WALKABLE_HIGHWAYS.has(highway);
  const byTag = FOOT_ALLOWED.has(foot) || SIDEWALK_PRESENT.has(tag(tags, 'sidewalk'));
  if (MOTOR_ROADS.has(highway) ? !byTag : !(byClass || FOOT_ALLOWED.has(foot))) return 0;
  const oneway = FOOT_WAYS.has(highway) ? tag(tags, 'oneway') : '';
  const footOneway = tag(tags, 'oneway:foot');
  const rule = footOneway !== '' ? footOneway : oneway;
  if (rule === 'yes' || rule === '1' || rule === 'true') return FORWARD;
  if (rule === '-1') return BACKWARD;
  return BOTH;
}

/** The property a GeoJSON line may carry to say it is not walkable (false, "no", 0). */
export const WALKABLE_PROPERTY = 'walkable';

export function lineIsWalkable(properties: Record<string, unknown> | null): boolean {
  const value = properties?.[WALKABLE_PROPERTY];
  if (value === undefined || value === null) return true;
  return !(
    value === false ||
    value === 0 ||
    ['no', 'false', '0'].includes(String(value).trim().toLowerCase())
  );
}
