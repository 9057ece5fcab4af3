import type { Feature } from 'geojson';
import { geometryProblems } from '../data/check';
import type { AppFeature, CommonProperties } from '../data/schema';
import { suggestCrs, type CrsSample } from './crs_suggest';
import {
  convertToWgs84,
  firstPositionOutside,
  looksSwapped,
  mapPositions,
  readGeometry,
  representativePoint,
  swapPosition,
} from './geometry';
import { layerProperties } from './layer_properties';
import { osmLayerOf } from './osm_tags';
import { nameOf, parseNumber, withOriginalProperties } from './properties';
import { createSubdistrictLocator } from './subdistricts';
import type {
  BuildOptions,
  CsvTable,
  ImportContext,
  ImportLayer,
  ImportPreview,
  ImportProblem,
  ProgressCallback,
  ReadResult,
} from './types';
import { validateImported } from './validate';

/** One input item before mapping: a feature, or a CSV row already turned into one. */
interface Candidate {
  index: number;
  row?: number;
  properties: Record<string, unknown>;
  geometry: unknown;
}

type CandidateList = { ok: true; items: Candidate[] } | { ok: false; error: ImportProblem };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function candidatesFromFeatures(features: Feature[]): CandidateList {
  return {
    ok: true,
    items: features.map((feature, index) => ({
      index,
      properties: isRecord(feature?.properties) ? feature.properties : {},
      geometry: feature?.geometry,
    })),
  };
}

/**
 * CSV rows as point candidates. Rows whose coordinates do not parse are returned as problems
 * (with the spreadsheet row number); blank lines are dropped.
 */
function candidatesFromTable(
  table: CsvTable,
  options: BuildOptions,
  rejected: ImportProblem[],
): CandidateList {
  const lonColumn = options.csvColumns?.lon ?? table.detected.lon;
  const latColumn = options.csvColumns?.lat ?? table.detected.lat;
  const lonIndex = lonColumn ? table.columns.indexOf(lonColumn) : -1;
  const latIndex = latColumn ? table.columns.indexOf(latColumn) : -1;
  if (lonIndex < 0 || latIndex < 0 || lonIndex === latIndex) {
    return {
      ok: false,
      error: { code: 'csv-no-coordinate-columns', detail: table.columns.join(', ').slice(0, 200) },
    };
  }
  const items: Candidate[] = [];
  table.rows.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === '')) return;
    const row = index + 2;
    const properties: Record<string, unknown> = {};
    table.columns.forEach((column, i) => {
      if (column !== '' && !Object.hasOwn(properties, column)) {
        Object.defineProperty(properties, column, {
          value: cells[i] ?? '',
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    });
    const name = nameOf(properties);
    const coordinates: number[] = [];
    for (const [column, i] of [
      [lonColumn!, lonIndex],
      [latColumn!, latIndex],
    ] as const) {
      const cell = cells[i];
      if (cell === undefined || cell.trim() === '') {
        rejected.push({ code: 'csv-missing-value', row, column, ...(name ? { name } : {}) });
        return;
      }
      const number = parseNumber(cell);
      if (number === null) {
        rejected.push({
          code: 'csv-bad-number',
          row,
          column,
          detail: cell.slice(0, 60),
          ...(name ? { name } : {}),
        });
        return;
      }
      coordinates.push(number);
    }
    items.push({ index, row, properties, geometry: { type: 'Point', coordinates } });
  });
  return { ok: true, items };
}

function locate(
  candidate: Candidate,
  name: string,
): Pick<ImportProblem, 'row' | 'featureIndex' | 'name'> {
  const where =
    candidate.row !== undefined ? { row: candidate.row } : { featureIndex: candidate.index };
  return name ? { ...where, name: name.slice(0, 120) } : where;
}

/**
 * Maps raw features or CSV rows into the app's layers, checking each one as `npm run
 * data:check` would. Never throws: an unexpected failure becomes `internal-error`.
 */
export function buildImport(
  read: ReadResult,
  options: BuildOptions,
  context: ImportContext,
  onProgress?: ProgressCallback,
): ImportPreview {
  try {
    return buildUnchecked(read, options, context, onProgress);
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'internal-error',
        detail: error instanceof Error ? error.message : String(error),
      },
    };
  }
}

function buildUnchecked(
  read: ReadResult,
  options: BuildOptions,
  context: ImportContext,
  onProgress?: ProgressCallback,
): ImportPreview {
  if (!read.ok) return { ok: false, error: read.error };
  const rejected: ImportProblem[] = [];
  const list =
    read.kind === 'table'
      ? candidatesFromTable(read.table, options, rejected)
      : candidatesFromFeatures(read.features);
  if (!list.ok) return { ok: false, error: list.error };
  const total = read.kind === 'table' ? list.items.length + rejected.length : list.items.length;

  const locateUnit = createSubdistrictLocator(context.subdistricts);
  const knownIds = new Set<string>();
  for (const collection of Object.values(context.reference)) {
    for (const feature of collection?.features ?? []) {
      const id = feature?.properties?.id;
      if (typeof id === 'string') knownIds.add(id);
    }
  }
  const layers: Partial<Record<ImportLayer, AppFeature[]>> = {};
  const skipped = new Map<string, number>();
  const samples: CrsSample[] = [];
  let swappedCount = 0;
  let positionedCount = 0;
  const step = Math.max(1, Math.floor(list.items.length / 100));
  onProgress?.(0, list.items.length);

  list.items.forEach((candidate, done) => {
    if (done % step === 0) onProgress?.(done, list.items.length);
    const name = nameOf(candidate.properties);
    const where = locate(candidate, name);
    let layer: ImportLayer;
    let osmKind: string | null = null;
    if (options.target === 'osm-detect') {
      const match = osmLayerOf(candidate.properties);
      if (match.layer === null) {
        skipped.set(match.reason, (skipped.get(match.reason) ?? 0) + 1);
        return;
      }
      layer = match.layer;
      osmKind = match.kind;
    } else layer = options.target;

    const geometry = readGeometry(candidate.geometry, layer);
    if (!geometry.ok) {
      rejected.push({
        code: geometry.code,
        ...where,
        ...(geometry.detail ? { detail: geometry.detail } : {}),
      });
      return;
    }
    const given = options.swapAxes
      ? mapPositions(geometry.geometry, swapPosition)
      : geometry.geometry;
    positionedCount++;
    const raw = representativePoint(given);
    const converted = convertToWgs84(given, options.crs);
    const outside = firstPositionOutside(converted);
    if (outside) {
      const swapped = looksSwapped(raw);
      if (swapped) swappedCount++;
      rejected.push({
        code: swapped ? 'swapped-coordinates' : 'outside-area',
        ...where,
        detail: `${round(outside[0])}, ${round(outside[1])}`,
      });
      return;
    }
    samples.push({ layer, name, raw });

    const specific = layerProperties(
      layer,
      converted,
      candidate.properties,
      name,
      options.schoolLevel,
    );
    if (!specific.ok) {
      rejected.push({ code: specific.code, ...where });
      return;
    }
    if (osmKind && layer === 'parks') specific.properties.kind = osmKind;
    const id = `imp-${options.datasetId}-${candidate.index + 1}`;
    const common: CommonProperties = {
      id,
      name,
      kind: String(specific.properties.kind),
      subdistrict: locateUnit(representativePoint(converted)),
      source: `import-${options.datasetId}`,
      source_crs: options.crs,
      accuracy: 'surveyed',
    };
    const feature: AppFeature = {
      type: 'Feature',
      geometry: converted,
      properties: withOriginalProperties(
        { ...common, ...specific.properties },
        candidate.properties,
      ),
    };
    const geometryIssues = geometryProblems(feature);
    if (geometryIssues.length > 0) {
      const crossing = geometryIssues.some((m) => m.includes('self-intersecting'));
      rejected.push({
        code: crossing ? 'self-intersecting' : 'invalid-geometry',
        ...where,
        detail: geometryIssues.join('; '),
      });
      return;
    }
    const schemaIssues = validateImported(layer, feature);
    if (schemaIssues.length > 0) {
      rejected.push({ code: 'schema-invalid', ...where, detail: schemaIssues.join('; ') });
      return;
    }
    if (knownIds.has(id)) {
      rejected.push({ code: 'duplicate-id', ...where, detail: id });
      return;
    }
    knownIds.add(id);
    (layers[layer] ??= []).push(feature);
  });
  onProgress?.(list.items.length, list.items.length);

  rejected.sort((a, b) => (a.row ?? a.featureIndex ?? 0) - (b.row ?? b.featureIndex ?? 0));
  return {
    ok: true,
    layers,
    rejected,
    skipped: [...skipped].map(([reason, count]) => ({ reason, count })),
    suggestedCrs: suggestCrs(samples, context.reference, options.crs),
    swappedSuspected: swappedCount > 0 && swappedCount * 2 >= positionedCount,
    total,
  };
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;
