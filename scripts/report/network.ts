import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type ImportedNetwork, importNetwork } from '../../src/analysis/network/from_file';
import { limitMessageBoth } from '../../src/data/limits';
import { readImportFile } from '../../src/import/read';
import { assertRegularFile } from './files';
import { UsageError } from './options';

/**
 * `--network FILE`: a walking network from an OSM extract (.osm, Overpass JSON) or a file of
 * lines (GeoJSON, zipped Shapefile, KML), read through the import's own reader and limits.
 */
export async function readNetwork(path: string): Promise<ImportedNetwork & { file: string }> {
  assertRegularFile(path);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new UsageError(`cannot read ${path}`);
  }
  const read = await readImportFile(bytes, basename(path));
  if (!read.ok && read.error.limit)
    throw new UsageError(`${path}: ${limitMessageBoth(read.error.limit)}`);
  if (!read.ok)
    throw new UsageError(
      `${path}: ${read.error.code}${read.error.detail ? ` (${read.error.detail})` : ''}`,
    );
  if (read.kind !== 'features') throw new UsageError(`${path}: a network needs lines, not a table`);
  const kind = read.format === 'osm-xml' || read.format === 'overpass-json' ? 'osm' : 'lines';
  const network = importNetwork(read.features, kind);
  if (network.edges.features.length === 0) throw new UsageError(`${path}: no walkable lines`);
  return { ...network, file: basename(path) };
}
