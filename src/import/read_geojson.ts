import type { Feature, Geometry } from 'geojson';
import { GEOJSON_GEOMETRY_TYPES } from './geometry';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The features of a GeoJSON value: a FeatureCollection, one Feature or a bare geometry.
 * Geometries are passed on unchecked (the build step checks them per feature); returns null
 * when the value is none of the three.
 */
export function geojsonFeatures(value: unknown): Feature[] | null {
  if (!isObject(value)) return null;
  if (value.type === 'FeatureCollection') {
    if (!Array.isArray(value.features)) return null;
    return value.features.map(asFeature);
  }
  if (value.type === 'Feature') return [asFeature(value)];
  if (typeof value.type === 'string' && GEOJSON_GEOMETRY_TYPES.has(value.type)) {
    return [{ type: 'Feature', geometry: value as unknown as Geometry, properties: {} }];
  }
  return null;
}

/** Anything in a collection's list becomes a feature; what is broken shows up as a problem. */
function asFeature(value: unknown): Feature {
  const record = isObject(value) ? value : {};
  return {
    type: 'Feature',
    geometry: (record.geometry ?? null) as Geometry,
    properties: isObject(record.properties) ? record.properties : {},
  };
}
