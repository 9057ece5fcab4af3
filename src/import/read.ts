import type { Feature } from 'geojson';
import {
  type LimitExceeded,
  exceeds,
  featureListProblem,
  parseJsonWithinLimits,
} from '../data/limits';
import { parseCsvTable } from './csv';
import { decodeText } from './decode';
import { detectFormat } from './detect_format';
import { fileSizeProblem } from './file_size';
import { geojsonFeatures } from './read_geojson';
import { kmlFeatures } from './read_kml';
import { osmXmlFeatures, overpassFeatures } from './read_osm';
import { shapefileFeatures } from './read_shapefile';
import {
  type ImportFormat,
  type ImportProblem,
  type ProgressCallback,
  type ReadResult,
  type ReadSummary,
  type TextEncodingUsed,
} from './types';

const overLimit = (limit: LimitExceeded & { featureIndex?: number }): ReadResult => {
  const { featureIndex, ...problem } = limit;
  return {
    ok: false,
    error: {
      code: 'over-limit',
      limit: problem,
      ...(featureIndex === undefined ? {} : { featureIndex }),
    },
  };
};

const fail = (code: ImportProblem['code'], detail?: string): ReadResult => ({
  ok: false,
  error: detail === undefined ? { code } : { code, detail },
});

/**
 * Reads a file into raw features or a CSV table. Never throws: every failure is a whole-file
 * problem. Progress is reported in bytes at the start, after decoding and at the end.
 */
export async function readImportFile(
  bytes: Uint8Array,
  fileName: string,
  onProgress?: ProgressCallback,
): Promise<ReadResult> {
  try {
    const total = bytes.length;
    onProgress?.(0, total);
    const result = await readUnchecked(bytes, fileName, onProgress);
    onProgress?.(total, total);
    return result;
  } catch (error) {
    return fail('internal-error', error instanceof Error ? error.message : String(error));
  }
}

async function readUnchecked(
  bytes: Uint8Array,
  fileName: string,
  onProgress?: ProgressCallback,
): Promise<ReadResult> {
  const sizeProblem = fileSizeProblem(bytes.length);
  if (sizeProblem) return { ok: false, error: sizeProblem };
  const format = detectFormat(bytes, fileName);
  if (!format) return fail('unknown-format', fileName);
  if (format === 'shapefile') {
    const read = await shapefileFeatures(bytes);
    if (!read.ok && read.reason === 'limit') return overLimit(read.limit);
    if (!read.ok)
      return fail(read.reason === 'no-shp' ? 'zip-without-shp' : 'parse-failed', read.detail);
    return withFeatures(format, null, read.features);
  }
  const { text, encoding } = decodeText(bytes);
  onProgress?.(Math.round(bytes.length / 2), bytes.length);
  if (text.trim() === '') return fail('empty-file');
  if (format === 'csv') {
    const table = parseCsvTable(text);
    if (!table || table.rows.every((row) => row.every((cell) => cell.trim() === ''))) {
      return fail('no-features');
    }
    const rows = exceeds('featuresPerImport', table.rows.length);
    if (rows) return overLimit(rows);
    return { ok: true, kind: 'table', format, encoding, table };
  }
  const parsed = parseText(format, text);
  if (parsed && 'limit' in parsed) return overLimit(parsed.limit);
  return withFeatures(format, encoding, parsed);
}

function parseText(
  format: Exclude<ImportFormat, 'csv' | 'shapefile'>,
  text: string,
): Feature[] | { limit: LimitExceeded } | null {
  if (format === 'kml') return kmlFeatures(text);
  if (format === 'osm-xml') return osmXmlFeatures(text);
  const json = parseJsonWithinLimits(text);
  if (!json.ok) return json.limit && { limit: json.limit };
  return format === 'overpass-json' ? overpassFeatures(json.value) : geojsonFeatures(json.value);
}

function withFeatures(
  format: Exclude<ImportFormat, 'csv'>,
  encoding: TextEncodingUsed | null,
  features: Feature[] | null,
): ReadResult {
  if (!features) return fail('parse-failed', format);
  if (features.length === 0) return fail('no-features');
  const tooMuch = featureListProblem(features);
  if (tooMuch) return overLimit(tooMuch);
  return { ok: true, kind: 'features', format, encoding, features };
}

/** The read without its bulk: what the worker sends back to the page. */
export function summariseRead(read: ReadResult): ReadSummary {
  if (!read.ok) return read;
  if (read.kind === 'features') {
    const { format, encoding } = read;
    return { ok: true, format, encoding, count: read.features.length, table: null };
  }
  const { rows, ...table } = read.table;
  return { ok: true, format: read.format, encoding: read.encoding, count: rows.length, table };
}
