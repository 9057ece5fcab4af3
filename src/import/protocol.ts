import type { ScenarioImport } from '../analysis/scenario';
import type { NetworkPreview } from './build_network';
import type { CompactPreview } from './compact_preview';
import type { BuildOptions, ImportContext, ImportCrs, ReadSummary } from './types';

/**
 * Messages to the import worker. The context (units and reference layers) is sent once;
 * `build` works on the result of the latest `read`.
 */
export type ToImportWorker =
  | { type: 'context'; context: ImportContext }
  | { type: 'read'; id: number; bytes: ArrayBuffer; fileName: string }
  | { type: 'build'; id: number; options: BuildOptions }
  | { type: 'scenario'; id: number; bytes: ArrayBuffer }
  | { type: 'network'; id: number; crs: ImportCrs; snapToleranceM: number };

/** Messages from it. A build's features come in compact form (see compact_preview.ts). */
export type FromImportWorker =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'read-result'; id: number; result: ReadSummary }
  | { type: 'build-result'; id: number; result: CompactPreview }
  | { type: 'scenario-result'; id: number; result: ScenarioImport }
  | { type: 'network-result'; id: number; result: NetworkPreview };
