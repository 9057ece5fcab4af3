import type { ScenarioImport } from '../analysis/scenario';
import type { ImportLayer } from '../data/imported_data';
import type { ImportRecordHead } from '../data/saved_work';
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
  | { type: 'network'; id: number; crs: ImportCrs; snapToleranceM: number }
  /** The map's text of each layer of the build answered to request `build`. */
  | { type: 'map-text'; id: number; build: number; keep: readonly string[] }
  /**
   * The import record of the build answered to request `build`, these layers of it, written to
   * storage here; the confirm's last use of that build, whose chunks are then let go.
   */
  | {
      type: 'store';
      id: number;
      build: number;
      head: ImportRecordHead;
      layers: readonly ImportLayer[];
    };

/** Messages from it. A build's features come in compact form (see compact_preview.ts). */
export type FromImportWorker =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'read-result'; id: number; result: ReadSummary }
  | { type: 'build-result'; id: number; result: CompactPreview }
  | { type: 'scenario-result'; id: number; result: ScenarioImport }
  | { type: 'network-result'; id: number; result: NetworkPreview }
  /** null: that build is no longer the last one, or its text could not be written. */
  | { type: 'map-text-result'; id: number; result: Partial<Record<ImportLayer, Blob>> | null }
  /** true: stored; false: the browser refused; null: that build is not held here. */
  | { type: 'store-result'; id: number; result: boolean | null };
