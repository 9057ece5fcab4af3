/// <reference lib="webworker" />
/**
 * The browser twin of `cold_worker.ts`, bundled as a module worker for Chromium: given the
 * three layers' parsed files, it prepares the residential rows, runs the first whole-area park
 * coverage, then the warm runs, and posts the three times (the same steps, in the same order).
 */
import { asLayer } from '../../src/data/load';
import { coldAndWarmTimes } from './methods';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<{ files: Record<string, unknown>; warmRuns: number }>) => {
  const { files, warmRuns } = event.data;
  const data = {
    label: 'real data',
    subdistricts: asLayer('subdistricts', files.subdistricts),
    residential: asLayer('residential', files.residential),
    parks: asLayer('parks', files.parks),
  };
  self.postMessage(coldAndWarmTimes(data, warmRuns));
};
