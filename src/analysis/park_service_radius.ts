/** The park-size rule of the national city check-up (城市体检, MOHURD 2021). */
export interface ParkRadiusRule {
  /** Parks of at least this area serve `largeRadiusMeters`. Default 5,000 m². */
  largeParkMinAreaM2: number;
  largeRadiusMeters: number;
  /** Parks of at least this area (and below the large threshold) serve `smallRadiusMeters`. */
  smallParkMinAreaM2: number;
  smallRadiusMeters: number;
}

export const DEFAULT_PARK_RADIUS_RULE: ParkRadiusRule = {
  largeParkMinAreaM2: 5000,
  largeRadiusMeters: 500,
  smallParkMinAreaM2: 2000,
  smallRadiusMeters: 300,
};

/**
 * The service radius of a park of `areaM2`, or null when it is too small to count.
 *
 * @example parkServiceRadiusMeters(4999) // 300
 */
export function parkServiceRadiusMeters(
  areaM2: number,
  rule: ParkRadiusRule = DEFAULT_PARK_RADIUS_RULE,
): number | null {
  if (areaM2 >= rule.largeParkMinAreaM2) return rule.largeRadiusMeters;
  if (areaM2 >= rule.smallParkMinAreaM2) return rule.smallRadiusMeters;
  return null;
}
