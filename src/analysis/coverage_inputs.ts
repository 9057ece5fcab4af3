import { knownExtents } from '../data/completeness';
import type { LayerData } from '../data/load';
import type { CoverageInputs } from './coverage_report';

/** What the coverage analysis needs from the loaded data. */
export function coverageInputs(data: LayerData): CoverageInputs {
  return {
    subdistricts: data.layers.subdistricts,
    residential: data.layers.residential,
    parks: data.layers.parks,
    greenways: data.layers.greenways,
    schools: data.layers.schools,
    carParks: data.layers['car-parks'].features.length > 0 ? data.layers['car-parks'] : null,
    knownExtents: knownExtents(data.completeness),
  };
}
