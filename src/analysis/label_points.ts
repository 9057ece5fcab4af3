import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';

/**
 * One label point per area feature, inside its largest part, so that a unit made of several
 * pieces is named once.
 */
export function labelPoints<P extends { name: string }>(
  collection: FeatureCollection<Polygon | MultiPolygon, P>,
): FeatureCollection<Point, P> {
  return turf.featureCollection(
    collection.features.map((feature): Feature<Point, P> => {
      const parts = turf.flatten(feature).features as Feature<Polygon>[];
      const largest = parts.reduce((a, b) => (turf.area(b) > turf.area(a) ? b : a));
      const centre = turf.centroid(largest);
      const point = turf.booleanPointInPolygon(centre, largest)
        ? centre
        : turf.pointOnFeature(largest);
      return { type: 'Feature', geometry: point.geometry, properties: feature.properties };
    }),
  );
}
