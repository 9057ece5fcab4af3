import * as turf from '@turf/turf';
import { isPolygonal, type ImportGeometry } from './geometry';
import { safeKind } from './osm_tags';
import {
  AREA_KEYS,
  LEVEL_KEYS,
  parseNumber,
  parseSpaces,
  SPACES_KEYS,
  valueOf,
} from './properties';
import {
  OTHER_SCHOOL,
  schoolLevelFromIsced,
  schoolLevelFromOption,
  schoolLevelFromText,
  type SchoolLevels,
} from './school_level';
import type { ImportLayer, SchoolLevelOption } from './types';

export type LayerProperties =
  | { ok: true; properties: Record<string, unknown> }
  | { ok: false; code: 'missing-area'; detail?: string };

const HEALTHCARE_KINDS = new Set(['hospital', 'clinic', 'doctors', 'dentist']);

/** Area in whole square metres: measured for polygons, read from an area column for points. */
function areaOf(geometry: ImportGeometry, raw: Record<string, unknown>): number | null {
  if (isPolygonal(geometry)) return Math.round(turf.area(geometry));
  const area = parseNumber(valueOf(raw, AREA_KEYS));
  return area !== null && area > 0 ? Math.round(area) : null;
}

function schoolLevels(
  raw: Record<string, unknown>,
  name: string,
  option: SchoolLevelOption | undefined,
): SchoolLevels {
  if (option === 'column') {
    const value = valueOf(raw, LEVEL_KEYS);
    return (typeof value === 'string' && schoolLevelFromText(value)) || OTHER_SCHOOL;
  }
  if (option) return schoolLevelFromOption(option);
  // No choice made: read what OSM tags or the name say.
  if (raw.amenity === 'kindergarten') return schoolLevelFromOption('kindergarten');
  return (
    schoolLevelFromIsced(raw['isced:level']) ?? schoolLevelFromText(name) ?? { ...OTHER_SCHOOL }
  );
}

/**
 * The layer-specific properties of one feature: kind plus area_m2/counts_as_park (parks),
 * level/serves_levels (schools), spaces (car parks), area_m2 (residential).
 */
export function layerProperties(
  layer: ImportLayer,
  geometry: ImportGeometry,
  raw: Record<string, unknown>,
  name: string,
  schoolLevel: SchoolLevelOption | undefined,
): LayerProperties {
  switch (layer) {
    case 'parks': {
      const area = areaOf(geometry, raw);
      if (area === null) return { ok: false, code: 'missing-area' };
      return { ok: true, properties: { kind: 'park', area_m2: area, counts_as_park: true } };
    }
    case 'residential':
      return {
        ok: true,
        properties: { kind: 'residential', area_m2: areaOf(geometry, raw) ?? 0 },
      };
    case 'schools': {
      const levels = schoolLevels(raw, name, schoolLevel);
      const kind = levels.level === 'kindergarten' ? 'kindergarten' : 'school';
      const area = isPolygonal(geometry) ? { area_m2: areaOf(geometry, raw) } : {};
      return { ok: true, properties: { kind, ...levels, ...area } };
    }
    case 'car-parks':
      return {
        ok: true,
        properties: { kind: 'car-park', spaces: parseSpaces(valueOf(raw, SPACES_KEYS)) },
      };
    case 'healthcare': {
      const amenity = typeof raw.amenity === 'string' ? raw.amenity : '';
      const healthcare = typeof raw.healthcare === 'string' ? raw.healthcare : '';
      const kind = HEALTHCARE_KINDS.has(amenity) ? amenity : safeKind(healthcare, 'clinic');
      const area = isPolygonal(geometry) ? { area_m2: areaOf(geometry, raw) } : {};
      return { ok: true, properties: { kind, ...area } };
    }
  }
}
