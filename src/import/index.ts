/**
 * Importing planners' data: pure functions, run in a worker by import_client.ts.
 *
 * 1. `readImportFile(bytes, fileName, onProgress?) → Promise<ReadResult>` detects the format
 *    (GeoJSON, CSV, KML, zipped Shapefile, OSM XML, Overpass JSON) and the text encoding
 *    (UTF-8, else GBK) and returns raw features, or a CSV table with its detected coordinate
 *    columns, all column names and a preview — or `{ ok: false, error }`.
 * 2. `buildImport(read, options, context, onProgress?) → ImportPreview` maps them into the
 *    app's layers for `options.target` (or sorts OSM tags with 'osm-detect'), converts
 *    `options.crs` to WGS-84, and checks every feature as `npm run data:check` does:
 *    `{ ok: true, layers, rejected, skipped, suggestedCrs, swappedSuspected, total }` or
 *    `{ ok: false, error }`.
 *
 * Neither throws for any input. Problems are `{ code, row?, featureIndex?, name?, column?,
 * detail? }`; `problemMessage(problem, 'zh' | 'en')` words them.
 */
export { buildImport } from './build';
export { detectCoordinateColumns, parseCsvTable } from './csv';
export { suggestCrs } from './crs_suggest';
export { decodeText } from './decode';
export { detectFormat } from './detect_format';
export { problemMessage } from './messages';
export { osmLayerOf, type OsmMatch, type OsmSkipReason } from './osm_tags';
export { fileSizeProblem } from './file_size';
export { readImportFile, summariseRead } from './read';
export { validateImported } from './validate';
export * from './types';
