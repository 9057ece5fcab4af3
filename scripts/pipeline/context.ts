import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { AppFeature, CommonProperties } from '../../src/data/schema';
import { type Areal, bboxesOverlap, locateSubdistrict, roundCoordinates } from './geometry';

/** What every layer builder needs to know about the study area. */
export interface StudyContext {
  subdistricts: FeatureCollection<Polygon | MultiPolygon, { name: string }>;
  /** The seven units grown by the facility margin: facilities beyond it are dropped. */
  extent: Areal;
  extentBbox: number[];
  /** A rectangle for line layers (roads, metro, greenways), a little wider than `extent`. */
  clipBbox: [number, number, number, number];
}

/** True when a feature touches the study extent (a park across the boundary still serves). */
export function isNearStudyArea(feature: Feature, context: StudyContext): boolean {
  if (!bboxesOverlap(turf.bbox(feature), context.extentBbox)) return false;
  return turf.booleanIntersects(feature, context.extent);
}

/** Builds an app feature: rounded geometry, location and the common schema fields. */
export function createAppFeature<G extends Geometry>(
  geometry: G,
  properties: Omit<CommonProperties, 'subdistrict'> & Record<string, unknown>,
  context: StudyContext,
): AppFeature<G> {
  const rounded = roundCoordinates(geometry);
  const subdistrict = locateSubdistrict(
    { type: 'Feature', geometry: rounded, properties: {} },
    context.subdistricts,
  );
  return {
    type: 'Feature',
    geometry: rounded,
    properties: { ...properties, subdistrict } as CommonProperties,
  };
}
