/**
 * The restore case of `npm run bench -- --cases restore`: the work of the restore's worker
 * (src/worker/import_record.worker.ts) on a stored import of 200,000 car parks (the CSV the
 * big-import case imports, built as the app builds it): every feature through the gate, and
 * the map's text (its bytes, see `featuresBytes`) of each chunk written as it passes, then
 * made one Blob, as the worker does for a dataset of outlines. A dataset of points is drawn
 * from point tiles instead, and the worker writes no text of it: a second line times the gate
 * alone. Against, in the same run, only decoding the stored properties (UTF-8, then JSON),
 * which any gate must do. A third line times the gate with its helper in a second thread (see
 * `ChunkHelper`), as the app runs it on a machine of two cores or more.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { encodeFeatures } from '../../src/data/compact_features';
import { checkImportRecord } from '../../src/data/import_record';
import { bytesBlob, featuresBytes } from '../../src/data/layer_text';
import { buildImport, readImportFile } from '../../src/import';
import { MAP_FEATURE_PROPERTIES } from '../../src/layers/catalog';
import { chunkHelperOn } from '../../src/worker/chunk_helper';
import { nextTask } from '../../src/worker/next_task';
import { carParkCsv } from './big_import';

const ROWS = 200_000;
const RUNS = 5;

async function storedRecord(dataDir: string) {
  const layer = (name: string) =>
    JSON.parse(readFileSync(join(dataDir, `${name}.geojson`), 'utf8'));
  const context = {
    subdistricts: layer('subdistricts'),
    reference: Object.fromEntries(
      ['parks', 'schools', 'healthcare', 'residential', 'metro-stations'].map((l) => [l, layer(l)]),
    ),
  };
  const read = await readImportFile(new TextEncoder().encode(carParkCsv(ROWS)), 'car-parks.csv');
  const built = buildImport(
    read,
    {
      target: 'car-parks',
      crs: 'WGS-84',
      datasetId: 'bench',
      csvColumns: { lon: '经度', lat: '纬度' },
    },
    context,
  );
  if (!built.ok) throw new Error(`the bench import failed: ${built.error.code}`);
  const features = built.layers['car-parks']!;
  const record = {
    id: 'bench',
    fileName: 'car-parks.csv',
    mode: 'add',
    crs: 'WGS-84',
    importedAt: new Date(0).toISOString(),
    layers: [{ layer: 'car-parks', features: encodeFeatures(features) }],
  };
  return { record, count: features.length };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

export async function benchRestoreGate(dataDir: string): Promise<string[]> {
  const { record, count } = await storedRecord(dataDir);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decodeOnly = () => {
    for (const chunk of record.layers[0]!.features.chunks) {
      JSON.parse(decoder.decode(chunk.properties as Uint8Array));
    }
  };
  const gateAndText = async () => {
    const pieces: ReturnType<typeof featuresBytes>[] = [];
    const read = await checkImportRecord('import:bench', record, undefined, (_, features) => {
      pieces.push(featuresBytes(features!, MAP_FEATURE_PROPERTIES));
    });
    if (!read.ok) throw new Error(`the bench record was refused: ${read.skipped.reason}`);
    const answered = performance.now();
    bytesBlob(pieces);
    return answered;
  };
  const gateOnly = async () => {
    const read = await checkImportRecord('import:bench', record);
    if (!read.ok) throw new Error(`the bench record was refused: ${read.skipped.reason}`);
  };
  // A thread that loads TypeScript as this one does (through tsx's loader).
  const thread = new URL('./chunk_helper_thread.ts', import.meta.url).href;
  const helperThread = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(thread)}); })`,
    { eval: true },
  );
  await new Promise((resolve) => helperThread.once('message', resolve));
  const gateWithHelper = async (stored: unknown) => {
    const { port1, port2 } = new MessageChannel();
    helperThread.postMessage({ port: port2 }, [port2 as never]);
    const helper = chunkHelperOn(port1);
    const read = await checkImportRecord('import:bench', stored, nextTask, undefined, helper);
    if (!read.ok) throw new Error(`the bench record was refused: ${read.skipped.reason}`);
  };
  const decoding: number[] = [];
  const helped: number[] = [];
  const answer: number[] = [];
  const all: number[] = [];
  const gate: number[] = [];
  await gateAndText(); // warms the engine, so that both are measured alike
  for (let i = 0; i < RUNS; i++) {
    let start = performance.now();
    decodeOnly();
    decoding.push(performance.now() - start);
    start = performance.now();
    const answered = await gateAndText();
    answer.push(answered - start);
    all.push(performance.now() - start);
    start = performance.now();
    await gateOnly();
    gate.push(performance.now() - start);
    // The helper takes chunks from the record it is given: a copy of its own, as read from storage.
    const stored = structuredClone(record);
    start = performance.now();
    await gateWithHelper(stored);
    helped.push(performance.now() - start);
  }
  await helperThread.terminate();
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  return [
    `restore gate: ${count.toLocaleString('en')} stored car parks checked and their map text written in ${ms(median(all))} (the check answered after ${ms(median(answer))}); decoding their properties alone ${ms(median(decoding))} — ${(median(all) / median(decoding)).toFixed(1)}× (median of ${RUNS})`,
    `restore gate, a dataset of points as the worker now restores it (no map text; drawn from point tiles): ${ms(median(gate))} — ${(median(gate) / median(decoding)).toFixed(1)}× decoding alone`,
    `restore gate with its helper in a second thread (the later half of the chunks moved to it): ${ms(median(helped))} — ${(median(helped) / median(gate)).toFixed(2)}× the gate alone`,
  ];
}
