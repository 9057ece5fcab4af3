import { knownExtents } from '../data/completeness';
import { featureCount } from '../data/layer_text';
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
    carParks: featureCount(data.layers['car-parks']) > 0 ? data.layers['car-parks'] : null,
    knownExtents: knownExtents(data.completeness),
  };
}
