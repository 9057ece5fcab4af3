/// <reference lib="webworker" />
/**
 * Runs the coverage analyses off the main thread. The residential rows are prepared once,
 * while idle right after 'init' (then the warm-up request is measured, when one is given and
 * no run waits); each 'run' then measures one tab, and each scenario it names against that
 * result.
 * The data's own result is kept while only scenarios change, and scenario baselines are kept
 * between runs, so an edit costs only the rows it touches. When requests pile up while it is
 * busy, only the newest is run and the others are answered 'skipped'.
 */
import type { FeatureCollection } from 'geojson';
import { type AnalysisRequest, type AnalysisResult, runAnalysis } from '../analysis/analysis_run';
import {
  type CoverageInputs,
  type PreparedCoverage,
  prepareCoverage,
} from '../analysis/coverage_report';
import { compileCoverageKernelSoon } from '../analysis/rows/coverage_kernel';
import { compilePrepareKernelSoon } from '../analysis/rows/prepare_kernel';
import { compileReachKernelSoon } from '../analysis/rows/reach_kernel';
import { polygonClock } from '../analysis/rows/rows_to_polygons';
import { prepareCoverageWithFile } from '../analysis/shipped_prepared';
import { ScenarioCache, runScenario } from '../analysis/scenario_run';
import {
  type NetworkOutcome,
  runNetworkAnalysis,
  runNetworkScenario,
} from '../analysis/network_run';
import { type PreparedNetworkCoverage, prepareNetworkCoverage } from '../analysis/network/report';
import { wallClock } from '../timing/analysis_stages';
import { packPolygons } from '../layers/preview_polygons';
import { DrawnSender, PREVIEW_PLACES } from './drawn_collections';
import { unpackInputs } from './packed_inputs';
import type {
  FromAnalysisWorker,
  PreviewCollections,
  ToAnalysisWorker,
  WorkerNetwork,
} from './protocol';
import { failOnUnreadableMessage } from './unreadable_message';
import { answeringPings } from './liveness';

declare const self: DedicatedWorkerGlobalScope;

failOnUnreadableMessage(self, 'analysis worker');
// The kernels compile on the engine's threads while the data is on its way.
compileReachKernelSoon();
compileCoverageKernelSoon();
compilePrepareKernelSoon();

let inputs: CoverageInputs | null = null;
let prepared: PreparedCoverage | null = null;
let scenarioCache = new ScenarioCache();
let drawnSender = new DrawnSender();
let lastRun: { key: string; result: AnalysisResult } | null = null;
let network: WorkerNetwork | null = null;
/** The residential samples joined to the network: prepared once per network and data. */
let preparedNetwork: PreparedNetworkCoverage | null = null;
let pending: Extract<ToAnalysisWorker, { type: 'run' }> | null = null;
let scheduled = false;

const post = (message: FromAnalysisWorker, transfer: Transferable[] = []) =>
  self.postMessage(message, transfer);

/** A result is reused for the same request measured with the same network (or none). */
const runKey = (request: AnalysisRequest, networkId: string | null) =>
  JSON.stringify([request, networkId]);

self.onmessage = answeringPings(self, (event: MessageEvent<ToAnalysisWorker>) => {
  const message = event.data;
  if (message.type === 'init') {
    inputs = unpackInputs(message.inputs);
    prepared = null;
    preparedNetwork = null;
    lastRun = null;
    scenarioCache = new ScenarioCache();
    drawnSender = new DrawnSender();
    const forInputs = inputs;
    const file = message.preparedRows ?? null;
    setTimeout(() => void warmUp(forInputs, message.warmUp, file), 0);
    return;
  }
  if (message.type === 'network') {
    if (message.network?.id !== network?.id) preparedNetwork = null;
    network = message.network;
    // A run still waiting was meant for the network before; the page's next run follows.
    if (pending && pending.networkId !== (network?.id ?? null)) {
      post({ type: 'skipped', id: pending.id });
      pending = null;
    }
    return;
  }
  if (pending) post({ type: 'skipped', id: pending.id });
  pending = message;
  if (!scheduled) {
    scheduled = true;
    setTimeout(runPending, 0);
  }
});

/**
 * Idle work after 'init': prepares the rows (from the shipped prepared-rows file where the page
 * gave it, it passes its gate and the data are the shipped layers), then measures the warm-up
 * request in a task of its own (so a run that arrived meanwhile goes first) and keeps it as the
 * last result. A run that comes while the layers' digest is taken prepares the rows itself.
 */
async function warmUp(
  forInputs: CoverageInputs,
  request: AnalysisRequest | undefined,
  file: ArrayBuffer | null,
) {
  if (inputs !== forInputs) return;
  const startedAt = wallClock();
  let preparedRowsRefused: string | null = file
    ? 'a run prepared the rows first'
    : 'the page had not read the prepared-rows file';
  try {
    if (file && !prepared) {
      const fromFile = await prepareCoverageWithFile(forInputs, file);
      if (inputs !== forInputs) return;
      if (!prepared) {
        prepared = fromFile.prepared;
        preparedRowsRefused = fromFile.fileRefused;
      }
    }
    prepared ??= prepareCoverage(forInputs);
  } catch {
    return; // The first run tries again and reports the error.
  }
  const prepareMs = wallClock() - startedAt;
  setTimeout(() => {
    if (inputs !== forInputs || !prepared) return;
    const running = wallClock();
    // Measured in a straight line only: kept for a run without a network.
    if (request && !network && !pending && !scheduled && !lastRun) {
      try {
        const result = runAnalysis(prepared, forInputs, request, () => undefined);
        lastRun = { key: runKey(request, null), result };
      } catch {
        // As above: a run of this request reports it.
      }
    }
    post({ type: 'warm', prepareMs, runMs: wallClock() - running, preparedRowsRefused });
  }, 0);
}

function runPending() {
  scheduled = false;
  const message = pending;
  pending = null;
  if (!message) return;
  const startedAt = wallClock();
  polygonClock.ms = 0;
  // A network message that never arrived (one the worker could not take) leaves another here:
  // nothing is measured on a network other than the one the page shows.
  if (message.networkId !== (network?.id ?? null)) {
    post({
      type: 'error',
      id: message.id,
      message: `the worker holds walking network ${network?.id ?? 'none'}, not ${message.networkId ?? 'none'}`,
      network: true,
    });
    return;
  }
  try {
    if (!inputs) throw new Error('no data loaded');
    prepared ??= prepareCoverage(inputs);
    const prepareMs = wallClock() - startedAt;
    const key = runKey(message.request, network?.id ?? null);
    const onProgress = (done: number, total: number) =>
      post({ type: 'progress', id: message.id, done, total });
    let networkMs = 0;
    /** Runs a part along the network, counting its time apart from its polygons'. */
    const alongNetwork = <T>(part: (prepared: PreparedNetworkCoverage) => T): T | undefined => {
      if (!network) return undefined;
      const started = wallClock();
      const polygonsBefore = polygonClock.ms;
      preparedNetwork ??= prepareNetworkCoverage(inputs!, network.edges);
      const value = part(preparedNetwork);
      networkMs += wallClock() - started - (polygonClock.ms - polygonsBefore);
      return value;
    };
    let base: AnalysisResult;
    if (lastRun?.key === key) base = lastRun.result;
    else {
      const straight = runAnalysis(prepared, inputs, message.request, onProgress);
      const source = network?.source;
      const along = alongNetwork((p): NetworkOutcome =>
        runNetworkAnalysis(p, inputs!, message.request, straight.rows, source!),
      );
      base = { ...straight, network: along ?? null };
    }
    lastRun = { key, result: base };
    const scenarios = message.scenarios.map((scenario) => {
      const outcome = runScenario(prepared!, inputs!, message.request, scenario, scenarioCache);
      const along = alongNetwork((p) =>
        runNetworkScenario(p, inputs!, message.request, scenario, outcome.rows, network!.source),
      );
      return {
        scenarioId: scenario.id,
        scenarioName: scenario.name,
        rows: outcome.rows,
        newlyServed: outcome.newlyServed,
        lostService: outcome.lostService,
        ...(along ? { network: along } : {}),
      };
    });
    const detaching = wallClock();
    const full = { ...base, scenarios };
    const { result, drawn } = drawnSender.detach(
      full,
      message.preview ? PREVIEW_PLACES : undefined,
    );
    const packed = (collection: FeatureCollection | null) =>
      collection ? packPolygons(collection) : null;
    const preview: PreviewCollections | undefined = message.preview
      ? {
          served: packed(full.geometry.served),
          networkGaps: packed(full.network?.gaps ?? null),
          gaps: packed(full.geometry.gaps),
          unknown: packed(full.geometry.unknown),
          newlyServed: packed(full.scenarios?.[0]?.newlyServed ?? null),
          lostService: packed(full.scenarios?.[0]?.lostService ?? null),
        }
      : undefined;
    // Building the map's GeoJSON text counts with building its polygons.
    const polygonsMs = polygonClock.ms + wallClock() - detaching;
    const timing = {
      startedAt,
      prepareMs,
      computeMs: wallClock() - startedAt - prepareMs - polygonsMs - networkMs,
      networkMs,
      polygonsMs,
      postedAt: wallClock(),
    };
    const buffers = Object.values(preview ?? {}).flatMap((p) =>
      p ? [p.coordinates.buffer, p.ringEnds.buffer] : [],
    );
    post(
      { type: 'result', id: message.id, result, drawn, timing, ...(preview ? { preview } : {}) },
      buffers,
    );
  } catch (error) {
    post({
      type: 'error',
      id: message.id,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
