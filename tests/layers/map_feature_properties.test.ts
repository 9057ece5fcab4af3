import { describe, expect, it } from 'vitest';
import {
  LAYER_DEFINITIONS,
  MAP_FEATURE_PROPERTIES,
  SUBDISTRICT_LABEL_LAYER,
  schoolLabelField,
} from '../../src/layers/catalog';

/** Every property a style expression reads: the first argument of each `get` and `has`. */
function propertiesRead(value: unknown, found = new Set<string>()): Set<string> {
  if (!Array.isArray(value)) {
    if (typeof value === 'object' && value !== null) {
      for (const v of Object.values(value)) propertiesRead(v, found);
    }
    return found;
  }
  const [operator, key, object] = value as unknown[];
  // A `get` or `has` with a second argument reads another object, not the feature.
  if ((operator === 'get' || operator === 'has') && typeof key === 'string' && !object) {
    found.add(key);
  }
  for (const v of value) propertiesRead(v, found);
  return found;
}

describe('the properties a large layer carries to the map', () => {
  it('hold every property the style layers of the data layers read', () => {
    const read = new Set<string>();
    for (const definition of LAYER_DEFINITIONS) {
      for (const layer of definition.styleLayers) propertiesRead(layer, read);
    }
    propertiesRead(SUBDISTRICT_LABEL_LAYER, read);
    propertiesRead(schoolLabelField('zh'), read);
    propertiesRead(schoolLabelField('en'), read);
    // Written on the clusters themselves (by the point tiles, or MapLibre when it clusters).
    read.delete('point_count');
    read.delete('cluster');
    expect(read.size).toBeGreaterThan(3);
    expect(
      [...read].filter((key) => !(MAP_FEATURE_PROPERTIES as readonly string[]).includes(key)),
    ).toEqual([]);
  });
});
