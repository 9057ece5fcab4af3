import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { AppFeature } from '../../src/data/schema';
import { type StudyContext, createAppFeature, isNearStudyArea } from './context';
import { type Areal, bboxesOverlap, polygonsOf, simplePolygons } from './geometry';

type Raw = FeatureCollection<Geometry, Record<string, unknown>>;

/** Pieces smaller than this left over after subtracting overlaps are slivers, not land. */
export const MIN_RESIDENTIAL_PIECE_M2 = 2000;

/** Subtracts every polygon of `taken` that overlaps `feature`; null when nothing is left. */
function subtractTaken(feature: Areal, taken: Areal[]): Areal | null {
  let rest: Areal | null = feature;
  const box = turf.bbox(feature);
  for (const other of taken) {
    if (!rest) return null;
    if (!bboxesOverlap(box, turf.bbox(other))) continue;
    rest = turf.difference(turf.featureCollection([rest, other])) as Areal | null;
  }
  return rest;
}

/**
 * Splits what is left after subtraction into simple polygons: rounded to the shipped precision,
 * rings that touch themselves split apart, slivers dropped.
 */
function cleanPieces(feature: Areal | null): Feature<Polygon>[] {
  if (!feature) return [];
  return polygonsOf(feature)
    .flatMap((piece) => simplePolygons(piece.geometry))
    .filter((piece) => turf.area(piece) >= MIN_RESIDENTIAL_PIECE_M2);
}

/**
 * Residential land from two sources without double counting: named OSM compounds first (they
 * keep their names), then the unnamed Baidu blocks with the part already covered removed.
 * Each result is one polygon; no two results overlap.
 */
export function buildResidential(
  osmNamed: Raw,
  baiduBlocks: Raw,
  context: StudyContext,
): AppFeature<Polygon | MultiPolygon>[] {
  const taken: Areal[] = [];
  const result: AppFeature<Polygon | MultiPolygon>[] = [];
  const add = (
    pieces: Feature<Polygon>[],
    base: { id: string; name: string; source: string; source_crs: 'WGS-84' | 'BD-09' },
    accuracy: 'surveyed' | 'approximate',
  ) => {
    pieces.forEach((piece, index) => {
      if (!isNearStudyArea(piece, context)) return;
      taken.push(piece);
      result.push(
        createAppFeature(
          piece.geometry,
          {
            id: pieces.length > 1 ? `${base.id}-${index + 1}` : base.id,
            name: base.name,
            kind: 'residential',
            area_m2: Math.round(turf.area(piece)),
            source: base.source,
            source_crs: base.source_crs,
            accuracy,
          },
          context,
        ),
      );
    });
  };

  for (const feature of osmNamed.features) {
    const rest = subtractTaken(feature as Areal, taken);
    add(
      cleanPieces(rest),
      {
        id: `residential-osm-${String(feature.properties.osm_fid)}`,
        name: typeof feature.properties.name === 'string' ? feature.properties.name : '',
        source: 'osm',
        source_crs: 'WGS-84',
      },
      'surveyed',
    );
  }
  baiduBlocks.features.forEach((feature, index) => {
    const rest = subtractTaken(feature as Areal, taken);
    add(
      cleanPieces(rest),
      {
        id: `residential-baidu-${index}`,
        name: '',
        source: 'baidu-residential',
        source_crs: 'BD-09',
      },
      'approximate',
    );
  });
  return result;
}
