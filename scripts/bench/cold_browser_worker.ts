/// <reference lib="webworker" />
/**
 * The browser twin of `cold_worker.ts`, bundled as a module worker for Chromium: given the
 * three layers' parsed files, it prepares the residential rows, runs the first whole-area park
 * coverage, then the warm runs, and posts the three times (the same steps, in the same order).
 */
import { prepareCoverage } from '../../src/analysis/coverage_report';
import { asLayer } from '../../src/data/load';
import { rowMethodShare } from './methods';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<{ files: Record<string, unknown>; warmRuns: number }>) => {
  const { files, warmRuns } = event.data;
  const data = {
    label: 'real data',
    subdistricts: asLayer('subdistricts', files.subdistricts),
    residential: asLayer('residential', files.residential),
    parks: asLayer('parks', files.parks),
  };
  let start = performance.now();
  const prepared = prepareCoverage(data);
  const prepareMs = performance.now() - start;
  start = performance.now();
  rowMethodShare(prepared, data);
  const firstMs = performance.now() - start;
  const runs: number[] = [];
  for (let i = 0; i < warmRuns + 2; i++) {
    start = performance.now();
    rowMethodShare(prepared, data);
    if (i >= 2) runs.push(performance.now() - start);
  }
  const warmMs = [...runs].sort((a, b) => a - b)[runs.length >> 1]!;
  self.postMessage({ prepareMs, firstMs, warmMs });
};
