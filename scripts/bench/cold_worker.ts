/**
 * Cold against warm for the bench, in a process of its own so that nothing has run the
 * analysis before: the time to prepare the residential rows, the first whole-area park
 * coverage, and then the median of the warm runs. Sends the three times to the parent.
 * The rows are prepared as the app's worker prepares them: from the shipped prepared-rows file
 * (`file`: read, gated and checked against the layers), or, for layers an edit changed
 * (`changed`), the file read and refused, and the rows prepared from the layers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileCoverageKernelSoon } from '../../src/analysis/rows/coverage_kernel';
import { compilePrepareKernelSoon } from '../../src/analysis/rows/prepare_kernel';
import { compileReachKernelSoon } from '../../src/analysis/rows/reach_kernel';
import { PREPARED_ROWS_FILE } from '../../src/data/layers';
import { loadBenchCase } from './cases';
import { coldAndWarmTimesWithFile, withOneBlockMoved } from './methods';

// As the app's analysis worker does when it loads, before its data arrives.
compileReachKernelSoon();
compileCoverageKernelSoon();
compilePrepareKernelSoon();
const [dataDir, warmRuns, mode] = process.argv.slice(2) as [string, string, 'file' | 'changed'];
const shipped = loadBenchCase('real', dataDir);
const data = mode === 'changed' ? withOneBlockMoved(shipped) : shipped;
const readFile = () => {
  const bytes = readFileSync(join(dataDir, PREPARED_ROWS_FILE));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};
const times = await coldAndWarmTimesWithFile(data, Number(warmRuns), readFile, mode === 'changed');
process.send!(times, () => process.exit(0));
