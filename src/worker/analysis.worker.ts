/// <reference lib="webworker" />
/**
 * Runs the coverage analyses off the main thread. The residential rows are prepared once on
 * 'init'; each 'run' then measures one tab. When requests pile up while it is busy, only the
 * newest is run and the others are answered 'skipped'.
 */
import { runAnalysis } from '../analysis/analysis_run';
import {
  type CoverageInputs,
  type PreparedCoverage,
  prepareCoverage,
} from '../analysis/coverage_report';
import type { FromAnalysisWorker, ToAnalysisWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let inputs: CoverageInputs | null = null;
let prepared: PreparedCoverage | null = null;
let pending: Extract<ToAnalysisWorker, { type: 'run' }> | null = null;
let scheduled = false;

const post = (message: FromAnalysisWorker) => self.postMessage(message);

self.onmessage = (event: MessageEvent<ToAnalysisWorker>) => {
  const message = event.data;
  if (message.type === 'init') {
    inputs = message.inputs;
    prepared = null;
    return;
  }
  if (pending) post({ type: 'skipped', id: pending.id });
  pending = message;
  if (!scheduled) {
    scheduled = true;
    setTimeout(runPending, 0);
  }
};

function runPending() {
  scheduled = false;
  const message = pending;
  pending = null;
  if (!message) return;
  try {
    if (!inputs) throw new Error('no data loaded');
    prepared ??= prepareCoverage(inputs);
    const result = runAnalysis(prepared, inputs, message.request, (done, total) =>
      post({ type: 'progress', id: message.id, done, total }),
    );
    post({ type: 'result', id: message.id, result });
  } catch (error) {
    post({
      type: 'error',
      id: message.id,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
