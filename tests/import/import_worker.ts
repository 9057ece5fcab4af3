import { expect, vi } from 'vitest';
import type { FromImportWorker, ToImportWorker } from '../../src/import/protocol';
import { STATIONS, createShippedContext } from './context';

/**
 * The import worker as the page talks to it: its module run here with a stand-in for the
 * worker's global scope (reset the modules between tests to start a fresh one). `ask` sends a
 * message and resolves with the worker's answer of that type to it.
 */
export async function startImportWorker() {
  const posted: FromImportWorker[] = [];
  const scope = {
    onmessage: null as ((event: { data: ToImportWorker }) => void) | null,
    postMessage: (message: FromImportWorker) => posted.push(message),
  };
  vi.stubGlobal('self', scope);
  await import('../../src/import/import.worker');
  const ask = async <T extends FromImportWorker['type']>(message: ToImportWorker, type: T) => {
    const { id } = message as { id: number };
    const answer = () => posted.find((m) => m.type === type && m.id === id);
    scope.onmessage!({ data: message });
    await vi.waitFor(() => expect(answer()).toBeDefined());
    return answer() as Extract<FromImportWorker, { type: T }>;
  };
  scope.onmessage!({ data: { type: 'context', context: createShippedContext() } });
  return ask;
}

/** A CSV of `rows` car parks near two metro stations of the area, as file bytes. */
export const carParkCsv = (rows: number) => {
  const lines = ['名称,经度,纬度,泊位'];
  for (let i = 0; i < rows; i++) {
    const [lon, lat] = i % 2 ? STATIONS.回龙观 : STATIONS.霍营;
    lines.push(`停车场${i},${(lon + i * 1e-6).toFixed(6)},${lat},${i % 90}`);
  }
  return new TextEncoder().encode(lines.join('\n')).buffer;
};

/** Build options for that CSV: car parks, WGS-84, columns named. */
export const carParkOptions = {
  target: 'car-parks',
  crs: 'WGS-84',
  datasetId: 'w',
  csvColumns: { lon: '经度', lat: '纬度' },
} as const;
