/** Every layer the app ships, by id. The id is also the file name under public/geo. */
export const LAYER_IDS = [
  'subdistricts',
  'communities',
  'residential',
  'parks',
  'schools',
  'healthcare',
  'car-parks',
  'metro-stations',
  'metro-lines',
  'roads',
  'greenways',
  'plan-layout',
  'plan-projects',
] as const;

export type LayerId = (typeof LAYER_IDS)[number];

export function layerFileName(layer: LayerId): string {
  return `${layer}.geojson`;
}

/**
 * The shipped area's residential rows, prepared by `npm run data:prepare` from the subdistricts
 * and residential layers (see src/analysis/rows/prepared_rows_file.ts), beside the layers.
 */
export const PREPARED_ROWS_FILE = 'prepared-rows.bin';

export function isLayerId(value: string): value is LayerId {
  return (LAYER_IDS as readonly string[]).includes(value);
}

/** The seven units of the action plan, in the plan's own order. */
export const SUBDISTRICT_NAMES = [
  '回龙观街道',
  '龙泽园街道',
  '史各庄街道',
  '霍营街道',
  '天通苑北街道',
  '天通苑南街道',
  '东小口镇',
] as const;

export type SubdistrictName = (typeof SUBDISTRICT_NAMES)[number];

export function isSubdistrictName(value: unknown): value is SubdistrictName {
  return typeof value === 'string' && (SUBDISTRICT_NAMES as readonly string[]).includes(value);
}
