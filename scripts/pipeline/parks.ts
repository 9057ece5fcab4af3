import * as turf from '@turf/turf';
import type { FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { AppFeature } from '../../src/data/schema';
import { type StudyContext, createAppFeature, isNearStudyArea } from './context';
import { type Areal, overlapShare } from './geometry';

type Raw = FeatureCollection<Geometry, Record<string, unknown>>;

/** OSM fclass → the app's green-space kind. */
const GREEN_KINDS: Record<string, string> = {
  park: 'park',
  recreation_ground: 'park',
  forest: 'forest',
  scrub: 'scrub',
  grass: 'grass',
  meadow: 'meadow',
};

const PARK_NAME = /公园|森林公园|郊野公园|游园|广场/;
const NOT_PARK_NAME = /苗木|苗圃|基地/;

/**
 * Whether a green polygon is park green space (公园绿地) for the service-radius indicator:
 * OSM parks, and forest or other green with a park's name; plantations, nurseries and scrub
 * are not, unless the planner includes them in the analysis.
 */
export function countsAsPark(fclass: string, name: string): boolean {
  if (NOT_PARK_NAME.test(name)) return false;
  if (fclass === 'park' || fclass === 'recreation_ground') return true;
  return PARK_NAME.test(name);
}

/** Parks and green space from the two OSM extracts, deduplicated by OSM feature id. */
export function buildParks(
  parksGreen: Raw,
  landuseMore: Raw,
  context: StudyContext,
): AppFeature<Polygon | MultiPolygon>[] {
  const candidates = [
    // Both extracts number features by their FID in the same source file: one id space.
    ...parksGreen.features.map((f) => ({ fid: f.properties.osm_fid, feature: f })),
    ...landuseMore.features
      .filter((f) => f.properties.class === 'PARK_GREEN')
      .map((f) => ({ fid: f.properties.fid, feature: f })),
  ];
  const seen = new Set<string>();
  const kept: AppFeature<Polygon | MultiPolygon>[] = [];
  for (const { fid, feature } of candidates) {
    const key = String(fid);
    const fclass = String(feature.properties.osm_fclass);
    const kind = GREEN_KINDS[fclass];
    if (seen.has(key) || !kind || !isNearStudyArea(feature, context)) continue;
    seen.add(key);
    const geometry = feature.geometry as Polygon | MultiPolygon;
    // The two extracts come from one file but were cut differently: skip a polygon that is
    // already there under another id.
    if (kept.some((k) => overlapShare(k as Areal, feature as Areal) > 0.9)) continue;
    const name = typeof feature.properties.name === 'string' ? feature.properties.name : '';
    kept.push(
      createAppFeature(
        geometry,
        {
          id: `park-osm-${key}`,
          name,
          kind,
          osm_fclass: fclass,
          counts_as_park: countsAsPark(fclass, name),
          area_m2: Math.round(turf.area(geometry)),
          source: 'osm',
          source_crs: 'WGS-84',
          accuracy: 'surveyed',
        },
        context,
      ),
    );
  }
  return kept;
}
