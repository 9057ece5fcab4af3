/**
 * Cold against warm for the bench, in a process of its own so that nothing has run the
 * analysis before: the time to prepare the residential rows, the first whole-area park
 * coverage, and then the median of the warm runs. Sends the three times to the parent.
 */
import { prepareCoverage } from '../../src/analysis/coverage_report';
import { loadBenchCase } from './cases';
import { rowMethodShare } from './methods';

const [dataDir, warmRuns] = process.argv.slice(2) as [string, string];
const data = loadBenchCase('real', dataDir);
let start = performance.now();
const prepared = prepareCoverage(data);
const prepareMs = performance.now() - start;
start = performance.now();
rowMethodShare(prepared, data);
const firstMs = performance.now() - start;
const runs: number[] = [];
for (let i = 0; i < Number(warmRuns) + 2; i++) {
  start = performance.now();
  rowMethodShare(prepared, data);
  if (i >= 2) runs.push(performance.now() - start);
}
const warmMs = [...runs].sort((a, b) => a - b)[runs.length >> 1]!;
process.send!({ prepareMs, firstMs, warmMs }, () => process.exit(0));
