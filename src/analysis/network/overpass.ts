import { WALKABLE_HIGHWAY_CLASSES } from './walkable';

/**
 * The Overpass API query that fetches a walking-network extract for a bounding box
 * [west, south, east, north] (rounded outward to 0.001°): every way of a walkable class, and
 * motorways and trunk roads so that those tagged foot=yes or with a sidewalk can be kept.
 * Its answer is OSM XML, which the import reads as it is.
 */
export function overpassQuery(bbox: readonly number[]): string {
  const down = (v: number) => (Math.floor(v * 1000) / 1000).toFixed(3);
  const up = (v: number) => (Math.ceil(v * 1000) / 1000).toFixed(3);
  const [west, south, east, north] = bbox as [number, number, number, number];
  const classes = [...WALKABLE_HIGHWAY_CLASSES, 'motorway', 'motorway_link', 'trunk', 'trunk_link'];
  return [
    `[out:xml][timeout:180][bbox:${down(south)},${down(west)},${up(north)},${up(east)}];`,
    `way["highway"~"^(${classes.join('|')})$"];`,
    '(._;>;);',
    'out body;',
  ].join('\n');
}
