import {
  type CoverageParameters,
  DEFAULT_COVERAGE_PARAMETERS,
  INCLUDE_FOREST_NAME,
  INCLUDE_GREENWAYS_NAME,
  INCLUDE_UNVERIFIED_SCHOOLS_FLAG,
  type NumericParameter,
  PARAMETER_LIMITS,
  PARAMETER_NAMES,
  parameterProblems,
} from '../../src/analysis/coverage_parameters';
import { readNumberInRange } from '../../src/analysis/plain_number';

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
  /** `--help`: print the usage and do nothing else. */
  help: boolean;
}

export class UsageError extends Error {}

const PARAMETER_HELP: Record<NumericParameter, string> = {
  largeRadiusMeters: 'radius of parks of at least --park-min-area',
  largeParkMinAreaM2: 'smallest park served with --park-radius',
  smallRadiusMeters: 'radius of parks of at least --small-park-min-area',
  smallParkMinAreaM2: 'smallest park counted at all',
  greenwayRadiusMeters: 'greenway radius (with --include-greenways)',
  kindergartenRadiusMeters: 'kindergarten radius',
  primaryRadiusMeters: 'primary-school radius',
  middleRadiusMeters: 'middle-school radius',
  parkingRadiusMeters: 'distance to a public car park',
};

/** The usage text of `npm run report -- --help`: every flag, its value and its default. */
export function reportUsage(): string {
  const row = (flag: string, text: string) => `  ${flag.padEnd(24)} ${text}`;
  const d = DEFAULT_COVERAGE_PARAMETERS;
  return [
    'Usage: npm run report -- [flags]',
    '',
    'Prints the coverage of residential land by parks, schools and car parks for each',
    'sub-district and the whole area, with the same analysis the app runs.',
    '',
    'Input and output:',
    row('--data DIR', 'layer files and completeness.json (default public/geo)'),
    row('--scenario FILE', 'a scenario exported from the app, measured beside it'),
    row('--network FILE', 'walking network (.osm, Overpass JSON, lines): network shares too'),
    row('--format md|csv|json', 'output format (default md)'),
    row('--out FILE', 'write to FILE, whole or not at all (default stdout)'),
    row('--help', 'print this and exit'),
    '',
    'Parameters (plain decimal numbers, such as 500 or 0.5, inside the range shown):',
    ...Object.entries(PARAMETER_NAMES).map(([name, key]) => {
      const { min, max } = PARAMETER_LIMITS[key];
      const unit = key.endsWith('M2') ? 'm²' : 'm';
      return row(`--${name} N`, `${PARAMETER_HELP[key]}: ${min}–${max} ${unit}, default ${d[key]}`);
    }),
    row(`--${INCLUDE_FOREST_NAME}`, 'count forest, grass and scrub as parks'),
    row(`--${INCLUDE_GREENWAYS_NAME}`, 'count greenways as parks, with --greenway-radius'),
    row(
      `--${INCLUDE_UNVERIFIED_SCHOOLS_FLAG}`,
      'count schools whose levels are unverified, at their likely levels',
    ),
    '',
    'Exit code 0 on success, 2 on a bad flag, unreadable data or an output that cannot be',
    'written (one line on stderr says which).',
    '',
  ].join('\n');
}

const VALUE_FLAGS = new Set([
  '--data',
  '--out',
  '--scenario',
  '--network',
  '--format',
  ...Object.keys(PARAMETER_NAMES).map((name) => `--${name}`),
]);
const SWITCHES = new Set([
  '--help',
  `--${INCLUDE_FOREST_NAME}`,
  `--${INCLUDE_GREENWAYS_NAME}`,
  `--${INCLUDE_UNVERIFIED_SCHOOLS_FLAG}`,
]);

/** Parses `npm run report` flags; throws UsageError with a message a person can act on. */
export function parseReportOptions(args: string[]): ReportOptions {
  const options: ReportOptions = {
    dataDir: 'public/geo',
    format: 'md',
    out: null,
    scenario: null,
    network: null,
    parameters: { ...DEFAULT_COVERAGE_PARAMETERS },
    help: false,
  };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    if (SWITCHES.has(flag)) {
      if (flag === '--help') options.help = true;
      else if (flag === `--${INCLUDE_FOREST_NAME}`) options.parameters.includeForest = true;
      else if (flag === `--${INCLUDE_UNVERIFIED_SCHOOLS_FLAG}`) {
        options.parameters.includeUnverifiedSchools = true;
      } else options.parameters.includeGreenways = true;
      continue;
    }
    if (!VALUE_FLAGS.has(flag)) {
      throw new UsageError(
        flag.startsWith('-')
          ? `unknown flag ${flag} (npm run report -- --help lists them)`
          : `unexpected argument ${flag}: every value follows its flag (see --help)`,
      );
    }
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) {
      throw new UsageError(`${flag} needs a value`);
    }
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
    } else {
      const key = PARAMETER_NAMES[flag.slice(2)]!;
      const { min, max } = PARAMETER_LIMITS[key];
      const number = readNumberInRange(value, PARAMETER_LIMITS[key]);
      if (number === null) {
        throw new UsageError(
          `${flag} must be a plain decimal number from ${min} to ${max}, not ${value}`,
        );
      }
      options.parameters[key] = number;
    }
  }
  if (parameterProblems(options.parameters).smallParkMinAreaM2 === 'smallAboveLarge') {
    throw new UsageError('--small-park-min-area must not exceed --park-min-area');
  }
  return options;
}
