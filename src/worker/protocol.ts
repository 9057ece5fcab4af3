import type { AnalysisRequest, AnalysisResult } from '../analysis/analysis_run';
import type { NetworkEdges } from '../analysis/network/edges';
import type { NetworkSource } from '../analysis/network_run';
import type { Scenario } from '../analysis/scenario';
import type { PreviewCollections } from '../layers/preview_polygons';
import type { DrawnCollection } from './drawn_collections';
import type { PackedInputs } from './packed_inputs';

export type { PreviewCollections };

/** Messages to the analysis worker. */
export type ToAnalysisWorker =
  /**
   * The data. `warmUp`: a request to measure while idle (after preparing the rows), so that
   * the first click finds the result, or at least the rows prepared and the code optimised.
   * `preparedRows`: the shipped prepared-rows file, where the page read it in time (moved), which
   * the worker uses where it passes its gate and the data's units and blocks are the shipped
   * ones.
   */
  | { type: 'init'; inputs: PackedInputs; warmUp?: AnalysisRequest; preparedRows?: ArrayBuffer }
  /** The walking network the analysis also measures along (null: none). */
  | { type: 'network'; network: WorkerNetwork | null }
  | {
      type: 'run';
      id: number;
      request: AnalysisRequest;
      /**
       * The id of the walking network the page means the run to measure along (null: none).
       * A worker holding another network answers an error with `network` instead of measuring.
       */
      networkId: string | null;
      /** The active scenario, then one to compare it with: each measured against the data. */
      scenarios: Scenario[];
      /**
       * A step of a slider drag: served land and gaps come back packed for the preview
       * (transferred, never parsed) instead of as GeoJSON text for the map's sources.
       */
      preview?: boolean;
    };

export interface WorkerNetwork {
  id: string;
  source: NetworkSource;
  edges: NetworkEdges;
}

/** Where a run's time went in the worker; times are on the shared wall clock. */
export interface WorkerTiming {
  startedAt: number;
  prepareMs: number;
  computeMs: number;
  polygonsMs: number;
  /** The figures along the walking network (0 without one), apart from computeMs. */
  networkMs: number;
  postedAt: number;
}

/** Messages from it. `skipped`: a newer request arrived first, so this one was not run. */
export type FromAnalysisWorker =
  | { type: 'progress'; id: number; done: number; total: number }
  | {
      type: 'result';
      id: number;
      /** The result without its map collections, which travel in `drawn`. */
      result: AnalysisResult;
      drawn: Record<string, DrawnCollection>;
      /** Present for a preview request; then `drawn` leaves out served land and gaps. */
      preview?: PreviewCollections;
      timing: WorkerTiming;
    }
  | { type: 'skipped'; id: number }
  /**
   * The idle warm-up after 'init' is done: how long preparing and the warm-up run took, and
   * why the prepared-rows file was not used (null: it was).
   */
  | { type: 'warm'; prepareMs: number; runMs: number; preparedRowsRefused: string | null }
  /** `network`: the run was refused because the worker does not hold the network it names. */
  | { type: 'error'; id: number; message: string; network?: true };
