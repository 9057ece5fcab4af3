import type { Feature, FeatureCollection } from 'geojson';
import { LIMITS, type LimitExceeded } from '../data/limits';
import type { AppFeature } from '../data/schema';

import type { ImportLayer } from '../data/imported_data';

export { IMPORT_LAYERS, type ImportLayer } from '../data/imported_data';

/** What the user says the file holds; `osm-detect` sorts OSM-tagged features into layers. */
export type ImportTarget = ImportLayer | 'osm-detect';

export type ImportCrs = 'WGS-84' | 'GCJ-02' | 'BD-09';
export const IMPORT_CRS: readonly ImportCrs[] = ['WGS-84', 'GCJ-02', 'BD-09'];

export type ImportFormat = 'geojson' | 'csv' | 'kml' | 'shapefile' | 'osm-xml' | 'overpass-json';
export type TextEncodingUsed = 'utf-8' | 'gbk';

/** Files larger than this are refused before they are read. */
export const MAX_IMPORT_BYTES = LIMITS.fileBytes;

export type ProblemCode =
  // Whole-file errors.
  | 'file-too-large'
  | 'over-limit'
  | 'empty-file'
  | 'unknown-format'
  | 'parse-failed'
  | 'zip-without-shp'
  | 'no-features'
  | 'csv-no-coordinate-columns'
  | 'internal-error'
  | 'invalid-snap-tolerance'
  // Per feature or row.
  | 'missing-geometry'
  | 'invalid-coordinates'
  | 'wrong-geometry-type'
  | 'swapped-coordinates'
  | 'outside-area'
  | 'invalid-geometry'
  | 'self-intersecting'
  | 'csv-bad-number'
  | 'csv-missing-value'
  | 'missing-area'
  | 'schema-invalid'
  | 'duplicate-id';

/**
 * One problem. Rows are 1-based as a spreadsheet shows them (the header is row 1); feature
 * indexes are 0-based positions in the file. `detail` carries the offending value or the
 * checker's message.
 */
export interface ImportProblem {
  code: ProblemCode;
  row?: number;
  featureIndex?: number;
  name?: string;
  /** The CSV column a row problem is about. */
  column?: string;
  detail?: string;
  /** For `over-limit`: the limit and the file's figure. */
  limit?: LimitExceeded;
}

export interface CoordinateColumns {
  lon: string | null;
  lat: string | null;
}

export interface CsvTable {
  columns: string[];
  /** Data records without the header; ragged rows are kept as they are. */
  rows: string[][];
  detected: CoordinateColumns;
  /** The first rows, for the UI's column picker. */
  preview: string[][];
  delimiter: string;
}

export type ReadResult =
  | {
      ok: true;
      kind: 'features';
      format: Exclude<ImportFormat, 'csv'>;
      /** null for binary formats (zipped shapefiles decode their own text). */
      encoding: TextEncodingUsed | null;
      /** Features as the file holds them: geometry and properties are not checked yet. */
      features: Feature[];
    }
  | { ok: true; kind: 'table'; format: 'csv'; encoding: TextEncodingUsed; table: CsvTable }
  | { ok: false; error: ImportProblem };

export type SchoolLevelOption = 'kindergarten' | 'primary' | 'middle' | 'column';

export interface BuildOptions {
  target: ImportTarget;
  crs: ImportCrs;
  schoolLevel?: SchoolLevelOption;
  /** Overrides the detected CSV coordinate columns (by column name). */
  csvColumns?: Partial<CoordinateColumns>;
  /** The file has latitude first: swap every position before anything else. */
  swapAxes?: boolean;
  datasetId: string;
}

export interface ImportContext {
  /** The seven units, WGS-84. */
  subdistricts: FeatureCollection;
  /** The shipped layers' features, WGS-84, used to suggest a coordinate system. */
  reference: Partial<Record<string, FeatureCollection>>;
}

export interface CrsEvidence {
  /** Median distance in metres from the imported points to their reference, per CRS. */
  medianMeters: Record<ImportCrs, number>;
  /** How many imported features share a name with a reference feature. */
  nameMatches: number;
  /** How many imported features were measured. */
  sampled: number;
}

export interface CrsSuggestion {
  crs: ImportCrs;
  evidence: CrsEvidence;
}

export interface SkipCount {
  reason: string;
  count: number;
}

export type ImportPreview =
  | {
      ok: true;
      layers: Partial<Record<ImportLayer, AppFeature[]>>;
      /** One entry per rejected feature or row (the first problem found). */
      rejected: ImportProblem[];
      /** Features deliberately not imported (osm-detect found no layer for them). */
      skipped: SkipCount[];
      /** A better CRS than the chosen one, or null when the chosen one looks right. */
      suggestedCrs: CrsSuggestion | null;
      /** Many positions look like [lat, lon]; suggest `swapAxes`. */
      swappedSuspected: boolean;
      /** Features or rows in the file. */
      total: number;
    }
  | { ok: false; error: ImportProblem };

export type ProgressCallback = (done: number, total: number) => void;

/**
 * What the page needs to know about a read: format, encoding, how many features or rows, and
 * for CSV the columns, detected coordinate columns and preview (not the rows themselves).
 */
export type ReadSummary =
  | {
      ok: true;
      format: ImportFormat;
      encoding: TextEncodingUsed | null;
      count: number;
      table: Omit<CsvTable, 'rows'> | null;
    }
  | { ok: false; error: ImportProblem };
