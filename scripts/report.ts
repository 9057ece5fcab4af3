/**
 * npm run report — the coverage tables from the same analysis code the app runs, on
 * public/geo (or --data DIR). Exit code 2 on bad flags or a broken data directory.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverageReport } from '../src/analysis/coverage_report';
import { layerFileName } from '../src/data/layers';
import { asLayer } from '../src/data/load';
import { formatCsv, formatJson, formatMarkdown } from './report/format';
import { UsageError, parseReportOptions } from './report/options';

function readLayer(dir: string, layer: 'subdistricts' | 'residential' | 'parks' | 'schools') {
  const path = join(dir, layerFileName(layer));
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${path}`);
  }
  try {
    return asLayer(layer, JSON.parse(text));
  } catch (error) {
    throw new UsageError(`${path}: ${(error as Error).message}`);
  }
}

try {
  const options = parseReportOptions(process.argv.slice(2));
  const layers = {
    subdistricts: readLayer(options.dataDir, 'subdistricts'),
    residential: readLayer(options.dataDir, 'residential'),
    parks: readLayer(options.dataDir, 'parks'),
    schools: readLayer(options.dataDir, 'schools'),
  };
  const rows = coverageReport(layers, options.parameters);
  const text =
    options.format === 'json'
      ? formatJson(rows, options.parameters)
      : options.format === 'csv'
        ? formatCsv(rows)
        : formatMarkdown(rows, options.parameters);
  if (options.out) writeFileSync(options.out, text);
  else process.stdout.write(text);
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`report: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
