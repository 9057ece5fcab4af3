/**
 * Cold against warm for the bench, in a process of its own so that nothing has run the
 * analysis before: the time to prepare the residential rows, the first whole-area park
 * coverage, and then the median of the warm runs. Sends the three times to the parent.
 */
import { loadBenchCase } from './cases';
import { coldAndWarmTimes } from './methods';

const [dataDir, warmRuns] = process.argv.slice(2) as [string, string];
const data = loadBenchCase('real', dataDir);
const times = coldAndWarmTimes(data, Number(warmRuns));
process.send!(times, () => process.exit(0));
