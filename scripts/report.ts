/**
 * npm run report — the coverage tables from the same analysis code the app runs, on
 * public/geo (or --data DIR). Exit code 2 on bad flags or a broken data directory.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverageReport, prepareCoverage } from '../src/analysis/coverage_report';
import { type Scenario, applyScenario, scenarioFromGeoJson } from '../src/analysis/scenario';
import { type CompletenessTable, parkingMeasurableUnits } from '../src/data/completeness';
import { type LayerId, layerFileName } from '../src/data/layers';
import { asLayer } from '../src/data/load';
import { formatCsv, formatJson, formatMarkdown } from './report/format';
import { networkReport, prepareNetworkCoverage } from '../src/analysis/network/report';
import { readNetwork } from './report/network';
import { UsageError, parseReportOptions } from './report/options';

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON (${(error as Error).message})`);
  }
}

function readScenario(path: string): Scenario {
  const read = scenarioFromGeoJson(readJson(path));
  if (!read.ok) throw new UsageError(`${path}: ${read.message}`);
  return read.scenario;
}

function readLayer(dir: string, layer: LayerId) {
  const path = join(dir, layerFileName(layer));
  try {
    return asLayer(layer, readJson(path));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${path}: ${(error as Error).message}`);
  }
}

try {
  const options = parseReportOptions(process.argv.slice(2));
  const completenessPath = join(options.dataDir, 'completeness.json');
  const completeness = existsSync(completenessPath)
    ? (readJson(completenessPath) as CompletenessTable)
    : null;
  const inputs = {
    subdistricts: readLayer(options.dataDir, 'subdistricts'),
    residential: readLayer(options.dataDir, 'residential'),
    parks: readLayer(options.dataDir, 'parks'),
    greenways: readLayer(options.dataDir, 'greenways'),
    schools: readLayer(options.dataDir, 'schools'),
    // Older data directories have no car-parks file; an empty layer means no data either.
    carParks: existsSync(join(options.dataDir, layerFileName('car-parks')))
      ? readLayer(options.dataDir, 'car-parks')
      : null,
    parkingUnits: parkingMeasurableUnits(completeness),
  };
  if (inputs.subdistricts.features.length === 0) {
    throw new UsageError(`${options.dataDir}: the subdistricts layer has no units`);
  }
  const prepared = prepareCoverage(inputs);
  const straightRows = coverageReport(inputs, options.parameters, prepared);
  const network = options.network ? await readNetwork(options.network) : null;
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
  const scenario = options.scenario ? readScenario(options.scenario) : null;
  const measured = scenario && {
    name: scenario.name,
    edits: scenario.edits.length,
    rows: coverageReport(applyScenario(inputs, scenario), options.parameters, prepared),
  };
  const text =
    options.format === 'json'
      ? formatJson(rows, options.parameters, completeness, measured, networkSource)
      : options.format === 'csv'
        ? formatCsv(rows, measured)
        : formatMarkdown(rows, options.parameters, completeness, measured, networkSource);
  if (options.out) writeFileSync(options.out, text);
  else process.stdout.write(text);
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`report: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
