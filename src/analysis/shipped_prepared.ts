import type { Feature, Geometry } from 'geojson';
import {
  type CoverageInputs,
  type PreparedCoverage,
  prepareCoverage,
  preparedCoverageOf,
  sortedUnits,
} from './coverage_report';
import { preparedInputsDigest, sameDigest } from './prepared_digest';
import { readPreparedRows } from './rows/prepared_rows_file';
import { DEFAULT_ROW_SPACING_M, areaFromPreparedRows } from './rows/row_coverage';

/** Where a prepared-rows file's header names the digest and the number of blocks, and ends. */
const DIGEST_AT = 8;
const BLOCKS_AT = 72;
const HEADER_END = 88;

export interface PreparedFromFile {
  prepared: PreparedCoverage;
  /** Null where the file's rows were used; else why not (the rows were then prepared here). */
  fileRefused: string | null;
}

/**
 * The prepared coverage of the inputs, from the shipped prepared-rows file where it passes its
 * gate and was made from exactly these inputs (the digest of their units and blocks equals the
 * file's); else prepared here as `prepareCoverage` does, with the reason kept. A planner's
 * imported or edited residential land or boundaries never match, so they are always prepared
 * here.
 */
export async function prepareCoverageWithFile(
  inputs: Pick<CoverageInputs, 'subdistricts' | 'residential'>,
  file: ArrayBuffer | null,
): Promise<PreparedFromFile> {
  const refused = (reason: string): PreparedFromFile => ({
    prepared: prepareCoverage(inputs),
    fileRefused: reason,
  });
  if (!file) return refused('no prepared-rows file');
  const units = sortedUnits(inputs.subdistricts.features as Feature<Geometry, { name: string }>[]);
  const blocks = inputs.residential.features;
  // Layers an import or an edit changed are refused before the gate's work: by the number of
  // blocks the header names, else by the digest it names (nothing else is read before the gate).
  const header = file.byteLength >= HEADER_END ? new DataView(file) : null;
  if (header && header.getUint32(BLOCKS_AT, true) !== blocks.length) {
    return refused('another number of blocks');
  }
  const given = await preparedInputsDigest(units, blocks, DEFAULT_ROW_SPACING_M);
  if (!given) return refused('the inputs cannot be digested here');
  if (header && !sameDigest(given, new Uint8Array(file, DIGEST_AT, given.length))) {
    return refused('made from other layers');
  }
  const reading = readPreparedRows(file);
  if (!reading.ok) return refused(reading.reason);
  const { rows } = reading;
  if (rows.rowSpacingM !== DEFAULT_ROW_SPACING_M) return refused('another row spacing');
  if (
    rows.unitNames.length !== units.length ||
    rows.unitNames.some((name, u) => name !== units[u]!.properties.name)
  ) {
    return refused('other units');
  }
  if (rows.blockCentres.length !== 2 * blocks.length) return refused('another number of blocks');
  if (!sameDigest(given, rows.digest)) return refused('made from other layers');
  return {
    prepared: preparedCoverageOf(blocks, areaFromPreparedRows(reading, blocks)),
    fileRefused: null,
  };
}
