import * as turf from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature } from 'geojson';

/** A bounding-box index over features (Flatbush): candidates by box, then exact tests. */
export interface FeatureIndex<F extends Feature> {
  features: readonly F[];
  /** Features whose bounding box meets [west, south, east, north]. */
  search: (bbox: readonly number[]) => F[];
}

export function createFeatureIndex<F extends Feature>(features: readonly F[]): FeatureIndex<F> {
  if (features.length === 0) return { features, search: () => [] };
  const index = new Flatbush(features.length);
  for (const feature of features) {
    const [west, south, east, north] = turf.bbox(feature);
    index.add(west, south, east, north);
  }
  index.finish();
  return {
    features,
    search: (bbox) => index.search(bbox[0]!, bbox[1]!, bbox[2]!, bbox[3]!).map((i) => features[i]!),
  };
}
