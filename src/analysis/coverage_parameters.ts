import type { ParkRadiusRule } from './park_service_radius';

export interface CoverageParameters extends ParkRadiusRule {
  /** Count forest and other non-park green as parks (to see the difference). */
  includeForest: boolean;
  /** Count greenways, as the national city check-up does, with their own radius. */
  includeGreenways: boolean;
  greenwayRadiusMeters: number;
  kindergartenRadiusMeters: number;
  primaryRadiusMeters: number;
  middleRadiusMeters: number;
  parkingRadiusMeters: number;
}

/** Defaults from the standards: MOHURD 2021 city check-up; GB 50180; GB 50220-95. */
export const DEFAULT_COVERAGE_PARAMETERS: CoverageParameters = {
  largeParkMinAreaM2: 5000,
  largeRadiusMeters: 500,
  smallParkMinAreaM2: 2000,
  smallRadiusMeters: 300,
  includeForest: false,
  includeGreenways: false,
  greenwayRadiusMeters: 1000,
  kindergartenRadiusMeters: 300,
  primaryRadiusMeters: 500,
  middleRadiusMeters: 1000,
  parkingRadiusMeters: 300,
};

export type NumericParameter = Exclude<
  keyof CoverageParameters,
  'includeForest' | 'includeGreenways'
>;

/**
 * The outside names of the numeric parameters: `npm run report --<name>` flags and URL
 * parameters of a shared link use the same words.
 */
export const PARAMETER_NAMES: Record<string, NumericParameter> = {
  'park-radius': 'largeRadiusMeters',
  'park-min-area': 'largeParkMinAreaM2',
  'small-park-radius': 'smallRadiusMeters',
  'small-park-min-area': 'smallParkMinAreaM2',
  'kindergarten-radius': 'kindergartenRadiusMeters',
  'primary-radius': 'primaryRadiusMeters',
  'middle-radius': 'middleRadiusMeters',
  'parking-radius': 'parkingRadiusMeters',
  'greenway-radius': 'greenwayRadiusMeters',
};

export const INCLUDE_FOREST_NAME = 'include-forest';
export const INCLUDE_GREENWAYS_NAME = 'include-greenways';

export const PARAMETER_LIMITS = { min: 0, max: 10_000 } as const;

/** Whether one numeric value is acceptable: a number above 0 and at most 10,000. */
export function isValidParameterValue(value: number): boolean {
  return Number.isFinite(value) && value > PARAMETER_LIMITS.min && value <= PARAMETER_LIMITS.max;
}

/** Problems with a whole parameter set, by parameter; empty when it can be used. */
export function parameterProblems(
  p: CoverageParameters,
): Partial<Record<NumericParameter, 'range' | 'smallAboveLarge'>> {
  const problems: Partial<Record<NumericParameter, 'range' | 'smallAboveLarge'>> = {};
  for (const key of Object.values(PARAMETER_NAMES)) {
    if (!isValidParameterValue(p[key])) problems[key] = 'range';
  }
  if (!problems.smallParkMinAreaM2 && p.smallParkMinAreaM2 > p.largeParkMinAreaM2) {
    problems.smallParkMinAreaM2 = 'smallAboveLarge';
  }
  return problems;
}
