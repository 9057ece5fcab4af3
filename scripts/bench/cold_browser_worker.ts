/// <reference lib="webworker" />
/**
 * The browser twin of `cold_worker.ts`, bundled as a module worker for Chromium: given the
 * three layers' parsed files and the prepared-rows file the page read (as the app's page reads
 * it and gives it with the data), it prepares the residential rows as the app's worker does
 * (the file's gate and the layers' digest count), runs the first whole-area park coverage, then
 * the warm runs, and posts the three times (the same steps, in the same order). With
 * `changed`, one block is moved first: the file is refused.
 */
import { compileCoverageKernelSoon } from '../../src/analysis/rows/coverage_kernel';
import { compilePrepareKernelSoon } from '../../src/analysis/rows/prepare_kernel';
import { compileReachKernelSoon } from '../../src/analysis/rows/reach_kernel';
import { asLayer } from '../../src/data/load';
import { coldAndWarmTimesWithFile, withOneBlockMoved } from './methods';

declare const self: DedicatedWorkerGlobalScope;

// As the app's analysis worker does when it loads.
compileReachKernelSoon();
compileCoverageKernelSoon();
compilePrepareKernelSoon();

interface ColdRequest {
  files: Record<string, unknown>;
  warmRuns: number;
  preparedRows: ArrayBuffer;
  changed: boolean;
}

self.onmessage = async (event: MessageEvent<ColdRequest>) => {
  const { files, warmRuns, preparedRows, changed } = event.data;
  const shipped = {
    label: 'real data',
    subdistricts: asLayer('subdistricts', files.subdistricts),
    residential: asLayer('residential', files.residential),
    parks: asLayer('parks', files.parks),
  };
  const data = changed ? withOneBlockMoved(shipped) : shipped;
  const readFile = () => preparedRows;
  try {
    self.postMessage(await coldAndWarmTimesWithFile(data, warmRuns, readFile, changed));
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
