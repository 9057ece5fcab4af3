import type { Feature } from 'geojson';
import { isLayerId } from '../data/layers';
import { validateFeatureProperties } from '../data/schema';
import type { ImportLayer } from './types';

/**
 * The schema check of `npm run data:check` for an imported feature. Until `car-parks` is one
 * of the app's layers, its features get the common checks (through a layer with no checks of
 * its own) plus the `spaces` rule.
 */
export function validateImported(layer: ImportLayer, feature: Feature): string[] {
  if (isLayerId(layer)) return validateFeatureProperties(layer, feature);
  const problems = validateFeatureProperties('healthcare', feature);
  const spaces = feature.properties?.spaces;
  if (!(spaces === null || (Number.isInteger(spaces) && (spaces as number) >= 0))) {
    problems.push('spaces must be a non-negative integer or null');
  }
  if (feature.properties?.kind !== 'car-park') problems.push("kind must be 'car-park'");
  return problems;
}
