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
 * prepares the rows of the shipped layers from the prepared-rows file the page gives it with
 * the data, and says why where it does not use it.
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

const shippedData = (): LayerData =>
  ({
    layers: Object.fromEntries(LAYER_IDS.map((id) => [id, loadShippedLayer(id)])),
    completeness: JSON.parse(readFileSync(join(SHIPPED_GEO_DIR, 'completeness.json'), 'utf8')),
  }) as LayerData;

const fileBytes = (cut = 0) => {
  const bytes = readFileSync(join(SHIPPED_GEO_DIR, PREPARED_ROWS_FILE));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength - cut);
};

const init = (data: LayerData, preparedRows?: ArrayBuffer): ToAnalysisWorker => ({
  type: 'init',
  inputs: packInputs(coverageInputs(data)),
  warmUp: {
    tab: 'parks',
    parameters: DEFAULT_COVERAGE_PARAMETERS,
    schoolLevel: 'primary',
    schoolView: 'coverage',
  },
  ...(preparedRows ? { preparedRows } : {}),
});

const warmMessage = async (posted: FromAnalysisWorker[]) => {
  await vi.waitFor(() => expect(posted.some((m) => m.type === 'warm')).toBe(true), {
    timeout: 20_000,
  });
  return posted.find((m) => m.type === 'warm') as Extract<FromAnalysisWorker, { type: 'warm' }>;
};

describe('the analysis worker and the prepared-rows file', () => {
  it('uses the file for the shipped layers', async () => {
    const { send, posted } = await startWorker();
    send(init(shippedData(), fileBytes()));
    expect((await warmMessage(posted)).preparedRowsRefused).toBeNull();
  });

  it('prepares the rows itself for a residential layer an import replaced, saying why', async () => {
    const { send, posted } = await startWorker();
    const data = shippedData();
    data.layers.residential = {
      ...data.layers.residential,
      features: data.layers.residential.features.slice(1),
    };
    send(init(data, fileBytes()));
    expect((await warmMessage(posted)).preparedRowsRefused).toBe('another number of blocks');
  });

  it('prepares the rows itself where the page had no file to give, or one cut short', async () => {
    const none = await startWorker();
    none.send(init(shippedData()));
    expect((await warmMessage(none.posted)).preparedRowsRefused).toBe(
      'the page had not read the prepared-rows file',
    );
    vi.resetModules();
    const cut = await startWorker();
    cut.send(init(shippedData(), fileBytes(8)));
    expect((await warmMessage(cut.posted)).preparedRowsRefused).toMatch(/bytes where its counts/);
  });
});
