import { DEFAULT_WALKING_SPEED_M_PER_MIN, INSPECTION_RADIUS_LIMITS } from '../analysis/inspection';
import { readPlainNumber } from '../analysis/plain_number';
import { AREA_BOUNDS } from '../data/check';

/** The inspected point and its circle (in a shared link as `at=lon,lat&r=metres`). */
export interface InspectionSettings {
  open: boolean;
  lonLat: [number, number] | null;
  radiusM: number;
  /** Metres per minute, for walking-time estimates. */
  walkingSpeed: number;
}

export const DEFAULT_INSPECTION: InspectionSettings = {
  open: false,
  lonLat: null,
  radiusM: 500,
  walkingSpeed: DEFAULT_WALKING_SPEED_M_PER_MIN,
};

export function isValidRadius(value: number): boolean {
  return (
    Number.isFinite(value) &&
    value >= INSPECTION_RADIUS_LIMITS.min &&
    value <= INSPECTION_RADIUS_LIMITS.max
  );
}

/** A position inside the area the data covers (the seven units and their surroundings). */
export function isInArea([lon, lat]: readonly number[]): boolean {
  return (
    Number.isFinite(lon) &&
    Number.isFinite(lat) &&
    lon! >= AREA_BOUNDS.west &&
    lon! <= AREA_BOUNDS.east &&
    lat! >= AREA_BOUNDS.south &&
    lat! <= AREA_BOUNDS.north
  );
}

/** Parses "lon,lat" (as typed or in a link); null when malformed or outside the area. */
export function parseLonLat(text: string | null): [number, number] | null {
  if (!text) return null;
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 2) return null;
  const [lon, lat] = parts.map(readPlainNumber);
  if (lon === null || lat === null || lon === undefined || lat === undefined) return null;
  return isInArea([lon, lat]) ? [lon, lat] : null;
}

/** A zoom that shows the whole circle on a phone-sized map. */
export function zoomForRadius(radiusM: number): number {
  return Math.min(16, Math.max(11.5, 14.5 - Math.log2(radiusM / 300)));
}
