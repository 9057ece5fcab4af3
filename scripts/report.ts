/**
 * npm run report — the coverage tables from the same analysis code the app runs, on
 * public/geo (or --data DIR). Exit code 2, with one line on stderr, on bad flags, a broken data
 * directory or an output that cannot be written; `--help` lists every flag.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { coverageReport, prepareCoverage } from '../src/analysis/coverage_report';
import { type Scenario, applyScenario } from '../src/analysis/scenario';
import { scenarioFromFileText } from '../src/analysis/scenario_file';
import { knownExtents } from '../src/data/completeness';
import { type LayerId, SUBDISTRICT_NAMES, layerFileName } from '../src/data/layers';
import { exceeds, limitMessageBoth } from '../src/data/limits';
import { asCompletenessTable, reconcileCompleteness } from './report/completeness';
import { readDataLayer, readJsonWithinLimits } from './report/data_files';
import {
  assertRegularFile,
  checkOutputTarget,
  readInputFile,
  writeOutputAtomically,
} from './report/files';
import { formatCsv, formatJson, formatMarkdown } from './report/format';
import { networkReport, prepareNetworkCoverage } from '../src/analysis/network/report';
import { readNetwork } from './report/network';
import { UsageError, parseReportOptions, reportUsage } from './report/options';

/** Above this many facilities the report says what it is measuring before it starts. */
const LARGE_INPUT_FEATURES = 20_000;

const progress = (line: string) => process.stderr.write(`report: ${line}\n`);

/** A scenario file passes the app's gate: size and nesting limits, then the strict reader. */
function readScenario(path: string): Scenario {
  assertRegularFile(path);
  const tooLarge = exceeds('fileBytes', statSync(path).size);
  if (tooLarge) throw new UsageError(`${path}: ${limitMessageBoth(tooLarge)}`);
  const read = scenarioFromFileText(readInputFile(path, progress));
  if (!read.ok) throw new UsageError(`${path}: ${read.message}`);
  return read.scenario;
}

const readLayer = (dir: string, layer: LayerId) => readDataLayer(dir, layer, progress);

async function main(args: string[]): Promise<void> {
  const options = parseReportOptions(args);
  if (options.help) {
    process.stdout.write(reportUsage());
    return;
  }
  if (options.out) checkOutputTarget(options.out);
  // Every input is read and checked before any measuring, so a bad file is refused at once.
  const scenario = options.scenario ? readScenario(options.scenario) : null;
  const network = options.network ? await readNetwork(options.network) : null;
  const completenessPath = join(options.dataDir, 'completeness.json');
  const table = existsSync(completenessPath)
    ? asCompletenessTable(readJsonWithinLimits(completenessPath, progress), completenessPath)
    : null;
  const layers = {
    subdistricts: readLayer(options.dataDir, 'subdistricts'),
    residential: readLayer(options.dataDir, 'residential'),
    parks: readLayer(options.dataDir, 'parks'),
    greenways: readLayer(options.dataDir, 'greenways'),
    schools: readLayer(options.dataDir, 'schools'),
    // Older data directories have no car-parks file; an empty layer means no data either.
    carParks: existsSync(join(options.dataDir, layerFileName('car-parks')))
      ? readLayer(options.dataDir, 'car-parks')
      : null,
  };
  if (layers.subdistricts.features.length === 0) {
    throw new UsageError(`${options.dataDir}: the subdistricts layer has no units`);
  }
  // A planner's folder may hold layers its completeness table does not describe.
  const completeness = reconcileCompleteness(
    table,
    { parks: layers.parks, schools: layers.schools, 'car-parks': layers.carParks },
    SUBDISTRICT_NAMES,
  );
  for (const notice of completeness.notices) progress(notice);
  const inputs = { ...layers, knownExtents: knownExtents(completeness.table) };
  const facilities =
    layers.parks.features.length +
    layers.schools.features.length +
    (layers.carParks?.features.length ?? 0);
  if (facilities > LARGE_INPUT_FEATURES) {
    progress(
      `measuring ${facilities} facilities over ${layers.residential.features.length} residential areas`,
    );
  }
  const prepared = prepareCoverage(inputs);
  const straightRows = coverageReport(inputs, options.parameters, prepared);
  const preparedNetwork = network && prepareNetworkCoverage(inputs, network.edges);
  const networkRows = preparedNetwork && networkReport(inputs, options.parameters, preparedNetwork);
  // The network figures go beside the straight-line ones, never in their place.
  const rows = networkRows
    ? straightRows.map((row, i) => ({ ...row, network: networkRows[i]! }))
    : straightRows;
  const networkSource = network && {
    file: network.file,
    edges: network.edges.features.length,
    length_km: Math.round(network.lengthM / 10) / 100,
    segments_unreachable: network.report.droppedEdges,
  };
  const measured = scenario && {
    name: scenario.name,
    edits: scenario.edits.length,
    rows: coverageReport(applyScenario(inputs, scenario), options.parameters, prepared),
  };
  const text =
    options.format === 'json'
      ? formatJson(rows, options.parameters, completeness.table, measured, networkSource)
      : options.format === 'csv'
        ? formatCsv(rows, measured)
        : formatMarkdown(rows, options.parameters, completeness.table, measured, networkSource);
  if (options.out) writeOutputAtomically(options.out, text);
  else process.stdout.write(text);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`report: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
