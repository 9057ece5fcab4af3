/**
 * public/geo/prepared-rows.bin: the shipped area's prepared rows, made from the layers as the
 * app reads them (the written files' text, parsed), so that the analysis can skip preparing
 * them for the shipped data. See src/analysis/rows/prepared_rows_file.ts for the format.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { prepareCoverage, sortedUnits } from '../../src/analysis/coverage_report';
import { prepareCoverageWithFile } from '../../src/analysis/shipped_prepared';
import type { AppFeatureCollection } from '../../src/data/schema';
import { digestibleExactly, preparedInputsDigest } from '../../src/analysis/prepared_digest';
import { type PreparedRows, encodePreparedRows } from '../../src/analysis/rows/prepared_rows_file';
import { DEFAULT_ROW_SPACING_M, prepareAreaAndBlocks } from '../../src/analysis/rows/row_coverage';

/** The prepared rows of the two layers, as the analysis prepares them (WebAssembly kernel). */
export async function preparedRowsOf(
  subdistricts: FeatureCollection,
  residential: FeatureCollection,
): Promise<PreparedRows> {
  const units = sortedUnits(subdistricts.features as Feature<Geometry, { name: string }>[]);
  const blocks = residential.features;
  if (!digestibleExactly([...units, ...blocks].map((f) => f.geometry))) {
    throw new Error('prepared rows: a coordinate is 0 or not finite, which the digest cannot tell');
  }
  const { area, blockCentres } = prepareAreaAndBlocks(units, blocks, DEFAULT_ROW_SPACING_M);
  const flat = area.flatUnitRows;
  if (!flat || !blockCentres) throw new Error('prepared rows: the WebAssembly kernel did not run');
  const digest = await preparedInputsDigest(units, blocks, DEFAULT_ROW_SPACING_M);
  if (!digest) throw new Error('prepared rows: the layers cannot be digested');
  const gridRows = area.grid.count;
  const unitDefined = new Uint8Array(units.length * gridRows);
  area.unitRows.forEach((rows, u) => {
    for (let k = 0; k < gridRows; k++) if (rows[k]) unitDefined[u * gridRows + k] = 1;
  });
  return {
    digest,
    rowSpacingM: area.grid.spacingM,
    centralLon: area.projection.centralLon,
    y0: area.grid.y0,
    gridRows,
    unitNames: area.unitNames,
    blockCentres: Float64Array.from(blockCentres.flat()),
    unitRows: flat,
    unitDefined,
  };
}

export async function preparedRowsFile(
  subdistricts: FeatureCollection,
  residential: FeatureCollection,
): Promise<Uint8Array> {
  return encodePreparedRows(await preparedRowsOf(subdistricts, residential));
}

/**
 * What is wrong with a prepared-rows file for these layers (none: it is right): it must be
 * what `preparedRowsFile` makes of them byte for byte, pass the analysis's gate and digest
 * check, and give the prepared area the analysis prepares itself, to the last bit.
 */
export async function preparedRowsProblems(
  file: Uint8Array,
  subdistricts: FeatureCollection,
  residential: FeatureCollection,
): Promise<string[]> {
  const problems: string[] = [];
  const fresh = await preparedRowsFile(subdistricts, residential);
  if (!sameBytes(file, fresh)) problems.push('not what the layers make now (run data:prepare)');
  const inputs = {
    subdistricts: subdistricts as AppFeatureCollection,
    residential: residential as AppFeatureCollection,
  };
  const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
  const { prepared, fileRefused } = await prepareCoverageWithFile(inputs, buffer as ArrayBuffer);
  if (fileRefused) return [...problems, `refused by the analysis: ${fileRefused}`];
  const read = prepared.area;
  const made = prepareCoverage(inputs).area;
  const parts: [string, ArrayLike<number> | undefined, ArrayLike<number> | undefined][] = [
    ['unit offsets', read.flatUnitRows?.offsets, made.flatUnitRows?.offsets],
    ['unit numbers', read.flatUnitRows?.values, made.flatUnitRows?.values],
    ['land offsets', read.flatResidentialRows?.offsets, made.flatResidentialRows?.offsets],
    ['land numbers', read.flatResidentialRows?.values, made.flatResidentialRows?.values],
    ['land rows', read.flatResidentialRows?.defined, made.flatResidentialRows?.defined],
    ['wanted rows', read.wantedRows, made.wantedRows],
    ['grid', Object.values(read.grid), Object.values(made.grid)],
    ['centres', prepared.sites.flatMap((s) => s.centre), centresOf(inputs)],
  ];
  for (const [name, a, b] of parts) if (!sameNumbers(a, b)) problems.push(`${name} differ`);
  if (read.projection.centralLon !== made.projection.centralLon) problems.push('meridian differs');
  if (JSON.stringify(read.unitNames) !== JSON.stringify(made.unitNames)) {
    problems.push('unit names differ');
  }
  return problems;
}

function centresOf(inputs: Parameters<typeof prepareCoverage>[0]): number[] {
  return prepareCoverage(inputs).sites.flatMap((s) => s.centre);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Equal lengths and every number the same float64 (Object.is: -0 is not 0). */
function sameNumbers(a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
