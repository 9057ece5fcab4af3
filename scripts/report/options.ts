import {
  type CoverageParameters,
  DEFAULT_COVERAGE_PARAMETERS,
} from '../../src/analysis/coverage_report';

export type ReportFormat = 'md' | 'csv' | 'json';

export interface ReportOptions {
  dataDir: string;
  format: ReportFormat;
  out: string | null;
  parameters: CoverageParameters;
}

/** Flag → parameter, for every number a planner may change. */
const NUMBER_FLAGS: Record<string, keyof CoverageParameters> = {
  '--park-radius': 'largeRadiusMeters',
  '--park-min-area': 'largeParkMinAreaM2',
  '--small-park-radius': 'smallRadiusMeters',
  '--small-park-min-area': 'smallParkMinAreaM2',
  '--kindergarten-radius': 'kindergartenRadiusMeters',
  '--primary-radius': 'primaryRadiusMeters',
  '--middle-radius': 'middleRadiusMeters',
  '--parking-radius': 'parkingRadiusMeters',
};

export class UsageError extends Error {}

/** Parses `npm run report` flags; throws UsageError with a message a person can act on. */
export function parseReportOptions(args: string[]): ReportOptions {
  const options: ReportOptions = {
    dataDir: 'public/geo',
    format: 'md',
    out: null,
    parameters: { ...DEFAULT_COVERAGE_PARAMETERS },
  };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    if (flag === '--include-forest') {
      options.parameters.includeForest = true;
      continue;
    }
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--'))
      throw new UsageError(`${flag} needs a value`);
    i++;
    if (flag === '--data') options.dataDir = value;
    else if (flag === '--out') options.out = value;
    else if (flag === '--format') {
      if (value !== 'md' && value !== 'csv' && value !== 'json') {
        throw new UsageError(`--format must be md, csv or json, not ${value}`);
      }
      options.format = value;
    } else if (flag in NUMBER_FLAGS) {
      const number = Number(value);
      if (!Number.isFinite(number) || number <= 0 || number > 10_000) {
        throw new UsageError(`${flag} must be a number above 0 and at most 10000, not ${value}`);
      }
      (options.parameters[NUMBER_FLAGS[flag]!] as number) = number;
    } else throw new UsageError(`unknown flag ${flag}`);
  }
  const p = options.parameters;
  if (p.smallParkMinAreaM2 > p.largeParkMinAreaM2) {
    throw new UsageError('--small-park-min-area must not exceed --park-min-area');
  }
  return options;
}
