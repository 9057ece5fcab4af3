import { parseCsvRecords } from '../export/csv';
import type { CoordinateColumns, CsvTable } from './types';

const LON_NAMES = ['lng', 'lon', 'long', 'longitude', 'x', '经度', '东经'];
const LAT_NAMES = ['lat', 'latitude', 'y', '纬度', '北纬'];
const PREVIEW_ROWS = 10;

/** Comma, semicolon or tab: whichever the header line holds most of. */
export function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function findColumn(columns: string[], names: string[], contains: string): string | null {
  const normalised = columns.map((c) => c.trim().toLowerCase());
  for (const name of names) {
    const index = normalised.indexOf(name);
    if (index >= 0) return columns[index]!;
  }
  // Headers such as "经度(GCJ02)".
  const index = normalised.findIndex((c) => c.includes(contains));
  return index >= 0 ? columns[index]! : null;
}

/** Longitude and latitude columns, found by name (case-insensitive), or null. */
export function detectCoordinateColumns(columns: string[]): CoordinateColumns {
  return {
    lon: findColumn(columns, LON_NAMES, '经度'),
    lat: findColumn(columns, LAT_NAMES, '纬度'),
  };
}

/**
 * Reads a CSV document into a table. Row numbers used in problems are spreadsheet rows: the
 * header is row 1, so `rows[i]` is row i + 2 (blank lines are kept so the numbers match,
 * unless a quoted cell spans lines).
 */
export function parseCsvTable(text: string): CsvTable | null {
  const delimiter = detectDelimiter(text);
  const records = parseCsvRecords(text, delimiter);
  const [header, ...rows] = records;
  if (!header || header.every((c) => c.trim() === '')) return null;
  const columns = header.map((c) => c.trim());
  return {
    columns,
    rows,
    detected: detectCoordinateColumns(columns),
    preview: rows.slice(0, PREVIEW_ROWS),
    delimiter,
  };
}
