import type { AnalysisRequest, AnalysisResult } from '../analysis/analysis_run';
import type { CoverageInputs } from '../analysis/coverage_report';

/** Messages to the analysis worker. */
export type ToAnalysisWorker =
  { type: 'init'; inputs: CoverageInputs } | { type: 'run'; id: number; request: AnalysisRequest };

/** Messages from it. `skipped`: a newer request arrived first, so this one was not run. */
export type FromAnalysisWorker =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; result: AnalysisResult }
  | { type: 'skipped'; id: number }
  | { type: 'error'; id: number; message: string };
