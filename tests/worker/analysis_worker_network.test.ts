import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_COVERAGE_PARAMETERS } from '../../src/analysis/coverage_report';
import type {
  FromAnalysisWorker,
  ToAnalysisWorker,
  WorkerNetwork,
} from '../../src/worker/protocol';

/**
 * The analysis worker (its module run here with a stand-in for the worker's global scope)
 * measures a run only along the walking network the run names.
 */
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

async function startWorker() {
  const posted: FromAnalysisWorker[] = [];
  const scope = {
    onmessage: null as ((event: { data: ToAnalysisWorker }) => void) | null,
    postMessage: (message: FromAnalysisWorker) => posted.push(message),
  };
  vi.stubGlobal('self', scope);
  await import('../../src/worker/analysis.worker');
  return { send: (data: ToAnalysisWorker) => scope.onmessage!({ data }), posted };
}

const network = (id: string): WorkerNetwork => ({
  id,
  source: { name: `${id}.geojson`, importedAt: '2026-12-07T00:00:00Z', lengthM: 0 },
  edges: { type: 'FeatureCollection', features: [] },
});

const run = (id: number, networkId: string | null): ToAnalysisWorker => ({
  type: 'run',
  id,
  request: {
    tab: 'parks',
    parameters: DEFAULT_COVERAGE_PARAMETERS,
    schoolLevel: 'primary',
    schoolView: 'coverage',
  },
  scenarios: [],
  networkId,
});

describe('the analysis worker and the walking network a run names', () => {
  it('refuses a run naming a network it never received, saying it is the network', async () => {
    const { send, posted } = await startWorker();
    send({ type: 'network', network: network('old') });
    // The message giving 'new' never arrived.
    send(run(1, 'new'));
    await vi.waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({ type: 'error', id: 1, network: true });
  });

  it('skips a waiting run meant for the network before a new one arrived', async () => {
    const { send, posted } = await startWorker();
    send(run(1, null));
    send({ type: 'network', network: network('new') });
    expect(posted).toEqual([{ type: 'skipped', id: 1 }]);
  });
});
