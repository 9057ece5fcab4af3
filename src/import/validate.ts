import type { Feature } from 'geojson';
import { validateFeatureProperties } from '../data/schema';
import type { ImportLayer } from './types';

/** The schema check of `npm run data:check` for an imported feature. */
export function validateImported(layer: ImportLayer, feature: Feature): string[] {
  return validateFeatureProperties(layer, feature);
}
