import {
  type CoverageParameters,
  DEFAULT_COVERAGE_PARAMETERS,
  INCLUDE_FOREST_NAME,
  INCLUDE_GREENWAYS_NAME,
  PARAMETER_NAMES,
  isValidParameterValue,
  parameterProblems,
} from '../../src/analysis/coverage_parameters';

export type ReportFormat = 'md' | 'csv' | 'json';

export interface ReportOptions {
  dataDir: string;
  format: ReportFormat;
  out: string | null;
  /** A what-if scenario file (exported from the app) to measure beside the data. */
  scenario: string | null;
  /** A walking network (OSM extract or lines) for the network columns beside the straight line. */
  network: string | null;
  parameters: CoverageParameters;
}

export class UsageError extends Error {}

/** Parses `npm run report` flags; throws UsageError with a message a person can act on. */
export function parseReportOptions(args: string[]): ReportOptions {
  const options: ReportOptions = {
    dataDir: 'public/geo',
    format: 'md',
    out: null,
    scenario: null,
    network: null,
    parameters: { ...DEFAULT_COVERAGE_PARAMETERS },
  };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    if (flag === `--${INCLUDE_FOREST_NAME}`) {
      options.parameters.includeForest = true;
      continue;
    }
    if (flag === `--${INCLUDE_GREENWAYS_NAME}`) {
      options.parameters.includeGreenways = true;
      continue;
    }
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--'))
      throw new UsageError(`${flag} needs a value`);
    i++;
    if (flag === '--data') options.dataDir = value;
    else if (flag === '--out') options.out = value;
    else if (flag === '--scenario') options.scenario = value;
    else if (flag === '--network') options.network = value;
    else if (flag === '--format') {
      if (value !== 'md' && value !== 'csv' && value !== 'json') {
        throw new UsageError(`--format must be md, csv or json, not ${value}`);
      }
      options.format = value;
    } else if (flag.slice(2) in PARAMETER_NAMES) {
      const number = Number(value);
      if (!isValidParameterValue(number)) {
        throw new UsageError(`${flag} must be a number above 0 and at most 10000, not ${value}`);
      }
      options.parameters[PARAMETER_NAMES[flag.slice(2)]!] = number;
    } else throw new UsageError(`unknown flag ${flag}`);
  }
  if (parameterProblems(options.parameters).smallParkMinAreaM2 === 'smallAboveLarge') {
    throw new UsageError('--small-park-min-area must not exceed --park-min-area');
  }
  return options;
}
