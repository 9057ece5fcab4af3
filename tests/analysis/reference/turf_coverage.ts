import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { bboxesOverlap, intersection } from '../../../src/analysis/area_operations';
import type { AreaFeature } from '../../../src/analysis/service_area';
import type { UnitCoverage } from '../../../src/analysis/rows/row_coverage';
import { createFeatureIndex } from '../../../src/analysis/spatial_index';

/**
 * The independent reference for the row method: Turf polygon clipping of Turf buffers.
 * Residential land inside the service areas, per unit: each residential block is clipped to
 * each unit it meets, then intersected with the union of only the service areas near it (a
 * spatial index picks them), so overlapping service areas are never counted twice and no
 * global union is needed.
 */
export function radiusCoverage(
  units: Feature<Polygon | MultiPolygon, { name: string }>[],
  residential: AreaFeature[],
  serviceAreas: AreaFeature[],
): UnitCoverage[] {
  const areaIndex = createFeatureIndex(serviceAreas);
  return units.map((unit) => {
    const unitBox = turf.bbox(unit);
    let residentialAreaM2 = 0;
    let coveredM2 = 0;
    for (const block of residential) {
      const blockBox = turf.bbox(block);
      if (!bboxesOverlap(unitBox, blockBox)) continue;
      const inUnit = intersection(block, unit as AreaFeature);
      if (!inUnit) continue;
      residentialAreaM2 += turf.area(inUnit);
      const near = areaIndex.search(turf.bbox(inUnit));
      if (near.length === 0) continue;
      const served =
        near.length === 1 ? near[0]! : (turf.union(turf.featureCollection(near)) as AreaFeature);
      const covered = served && intersection(inUnit, served);
      if (covered) coveredM2 += turf.area(covered);
    }
    return {
      name: unit.properties.name,
      residentialAreaM2,
      coveredM2,
      share: residentialAreaM2 > 0 ? coveredM2 / residentialAreaM2 : null,
    };
  });
}

/** Summing units needs no clipping: the reference shares the app's sum. */
export { totalCoverage } from '../../../src/analysis/rows/row_coverage';
