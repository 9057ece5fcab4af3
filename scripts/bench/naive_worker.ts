/**
 * Runs the naive method for one bench case in a child process, so that the bench can stop
 * it when it exceeds its time budget. Sends 'ready' when the timed part starts.
 */
import type { Feature } from 'geojson';
import type { AppFeatureCollection } from '../../src/data/schema';
import { type BenchCaseName, TILING, loadBenchCase, tiled } from './cases';
import { naiveShare, residentialInUnits } from './methods';

const [caseName, dataDir] = process.argv.slice(2) as [BenchCaseName, string];
const data = loadBenchCase(caseName, dataDir);
// Residential land clipped to the units is the same for every copy: clip once, then tile.
const realPieces = residentialInUnits(loadBenchCase('real', dataDir));
const [columns, rows] = TILING[caseName];
const pieces = tiled(
  { type: 'FeatureCollection', features: realPieces } as unknown as AppFeatureCollection,
  columns,
  rows,
).features as unknown as Feature<never>[];
process.send!({ type: 'ready' });
const start = performance.now();
const share = naiveShare(pieces, data);
process.send!({ type: 'done', ms: performance.now() - start, share }, () => process.exit(0));
