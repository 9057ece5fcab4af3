import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { coverageInputs } from '../../src/analysis/coverage_inputs';
import { DEFAULT_COVERAGE_PARAMETERS } from '../../src/analysis/coverage_report';
import { LAYER_IDS, PREPARED_ROWS_FILE } from '../../src/data/layers';
import type { LayerData } from '../../src/data/load';
import { packInputs } from '../../src/worker/packed_inputs';
import type { FromAnalysisWorker, ToAnalysisWorker } from '../../src/worker/protocol';
import { SHIPPED_GEO_DIR, loadShippedLayer } from '../shipped_layer';

/**
 * The analysis worker (its module run here with a stand-in for the worker's global scope)
 * prepares the rows of the shipped layers from the prepared-rows file it is given the address
 * of, and says why where it does not use it.
 */
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

const ADDRESS = 'https://app.invalid/geo/prepared-rows.bin';

async function startWorker(respond: () => Promise<Response>) {
  const posted: FromAnalysisWorker[] = [];
  const scope = {
    onmessage: null as ((event: { data: ToAnalysisWorker }) => void) | null,
    postMessage: (message: FromAnalysisWorker) => posted.push(message),
  };
  const fetched: string[] = [];
  vi.stubGlobal('self', scope);
  vi.stubGlobal('fetch', (address: string) => {
    fetched.push(address);
    return respond();
  });
  await import('../../src/worker/analysis.worker');
  return { send: (data: ToAnalysisWorker) => scope.onmessage!({ data }), posted, fetched };
}

const shippedData = (): LayerData =>
  ({
    layers: Object.fromEntries(LAYER_IDS.map((id) => [id, loadShippedLayer(id)])),
    completeness: JSON.parse(readFileSync(join(SHIPPED_GEO_DIR, 'completeness.json'), 'utf8')),
  }) as LayerData;

const fileResponse = async () =>
  new Response(readFileSync(join(SHIPPED_GEO_DIR, PREPARED_ROWS_FILE)));

const init = (data: LayerData): ToAnalysisWorker => ({
  type: 'init',
  inputs: packInputs(coverageInputs(data)),
  warmUp: {
    tab: 'parks',
    parameters: DEFAULT_COVERAGE_PARAMETERS,
    schoolLevel: 'primary',
    schoolView: 'coverage',
  },
  preparedRows: ADDRESS,
});

const warmMessage = async (posted: FromAnalysisWorker[]) => {
  await vi.waitFor(() => expect(posted.some((m) => m.type === 'warm')).toBe(true), {
    timeout: 20_000,
  });
  return posted.find((m) => m.type === 'warm') as Extract<FromAnalysisWorker, { type: 'warm' }>;
};

describe('the analysis worker and the prepared-rows file', () => {
  it('uses the file for the shipped layers, read once', async () => {
    const { send, posted, fetched } = await startWorker(fileResponse);
    send(init(shippedData()));
    expect((await warmMessage(posted)).preparedRowsRefused).toBeNull();
    expect(fetched).toEqual([ADDRESS]);
  });

  it('prepares the rows itself for a residential layer an import replaced, saying why', async () => {
    const { send, posted } = await startWorker(fileResponse);
    const data = shippedData();
    data.layers.residential = {
      ...data.layers.residential,
      features: data.layers.residential.features.slice(1),
    };
    send(init(data));
    expect((await warmMessage(posted)).preparedRowsRefused).toBe('another number of blocks');
  });

  it('prepares the rows itself where the file cannot be read, or is cut short', async () => {
    const missing = await startWorker(async () => new Response('no', { status: 404 }));
    missing.send(init(shippedData()));
    expect((await warmMessage(missing.posted)).preparedRowsRefused).toBe('prepared rows: HTTP 404');
    vi.resetModules();
    const cut = await startWorker(async () => {
      const bytes = readFileSync(join(SHIPPED_GEO_DIR, PREPARED_ROWS_FILE));
      return new Response(bytes.subarray(0, bytes.length - 8));
    });
    cut.send(init(shippedData()));
    expect((await warmMessage(cut.posted)).preparedRowsRefused).toMatch(/bytes where its counts/);
  });
});
