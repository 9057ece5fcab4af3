/**
 * The `cold-browser` case: the cold analysis of `cold_worker.ts` in a fresh Chromium worker,
 * where the app's analysis runs: the shipped layers, whose rows come from the prepared-rows
 * file the page reads and gives the worker with the data (as the app's page does), and changed
 * layers (the file refused), in turns. Chromium's engine has baseline and mid-tier compilers
 * that Node's lacks, so the cold/warm ratio there can differ a lot from the fresh process's. The
 * kernel is bundled as the app is (minified ES module) and run in a module worker of a new
 * page for each sample; the times are medians over the samples.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { PREPARED_ROWS_FILE, layerFileName } from '../../src/data/layers';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../lib/browser';

const SAMPLES = 5;

interface ColdTimes {
  prepareMs: number;
  firstMs: number;
  warmMs: number;
  /** The page's fetch of the prepared-rows file, before the worker gets its data. */
  fetchMs?: number;
}

async function bundleWorker(): Promise<string> {
  const entry = fileURLToPath(new URL('./cold_browser_worker.ts', import.meta.url));
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      lib: { entry, formats: ['es'], fileName: 'cold_browser_worker' },
    },
  });
  const outputs = Array.isArray(output) ? output : [output];
  for (const o of outputs) {
    if (!('output' in o)) continue;
    const chunk = o.output.find((c) => c.type === 'chunk');
    if (chunk && chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('the cold worker bundle has no chunk');
}

export async function benchColdBrowser(dataDir: string, warmRuns: number): Promise<string[]> {
  const code = await bundleWorker();
  const files = Object.fromEntries(
    (['subdistricts', 'residential', 'parks'] as const).map((layer) => [
      layer,
      JSON.parse(readFileSync(join(dataDir, layerFileName(layer)), 'utf8')) as unknown,
    ]),
  );
  const preparedRows = readFileSync(join(dataDir, PREPARED_ROWS_FILE));
  // The page, the worker and the prepared-rows file from a server on this machine, as the app
  // is served: a module worker needs a real origin, SubtleCrypto a secure one (localhost is),
  // and the worker's fetch of the file goes through the network stack as the app's does.
  const server = createServer((request, response) => {
    const [type, body] = request.url?.endsWith('.js')
      ? ['text/javascript', code]
      : request.url?.endsWith('.bin')
        ? ['application/octet-stream', preparedRows]
        : ['text/html', '<!doctype html><title>cold</title>'];
    response.writeHead(200, { 'Content-Type': type });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const samples: Record<'file' | 'changed', ColdTimes[]> = { file: [], changed: [] };
  try {
    for (let i = 0; i < 2 * SAMPLES; i++) {
      const changed = i % 2 === 1;
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(origin);
      samples[changed ? 'changed' : 'file'].push(
        await page.evaluate(
          async ([url, fileUrl, message]) => {
            // The page reads the file, as the app's page does when its analysis worker starts,
            // and moves it to the worker with the data.
            const started = performance.now();
            const preparedRows = await (await fetch(fileUrl)).arrayBuffer();
            const fetchMs = performance.now() - started;
            const times = await new Promise<ColdTimes>((resolve, reject) => {
              const worker = new Worker(url, { type: 'module' });
              worker.onmessage = (event: MessageEvent<ColdTimes | { error: string }>) =>
                'error' in event.data
                  ? reject(new Error(`the cold worker failed: ${event.data.error}`))
                  : resolve(event.data);
              worker.onerror = (event) =>
                reject(new Error(`the cold worker failed: ${event.message}`));
              worker.postMessage({ ...message, preparedRows }, [preparedRows]);
            });
            return { ...times, fetchMs };
          },
          [
            `${origin}cold_worker.js`,
            `${origin}${PREPARED_ROWS_FILE}`,
            { files, warmRuns, changed },
          ] as const,
        ),
      );
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const median = (of: ColdTimes[], key: keyof ColdTimes) =>
    [...of.map((s) => s[key] ?? 0)].sort((a, b) => a - b)[of.length >> 1]!;
  const prepareMs = median(samples.file, 'prepareMs');
  const firstMs = median(samples.file, 'firstMs');
  const warmMs = median(samples.file, 'warmMs');
  const changedPrepareMs = median(samples.changed, 'prepareMs');
  const changedFirstMs = median(samples.changed, 'firstMs');
  const changedWarmMs = median(samples.changed, 'warmMs');
  const fetchMs = median(samples.file, 'fetchMs');
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  return [
    `real data: cold analysis in a fresh Chromium worker (median of ${SAMPLES}) — preparing the rows ${ms(prepareMs)} + first run ${ms(firstMs)} = ${ms(prepareMs + firstMs)}; warm run ${ms(warmMs)} — cold/warm ${((prepareMs + firstMs) / warmMs).toFixed(1)}× (rows from ${PREPARED_ROWS_FILE})`,
    `real data: cold preparation alone in a fresh Chromium worker (median of ${SAMPLES}) — preparing the rows ${ms(prepareMs)}; warm run ${ms(warmMs)} — preparation/warm ${(prepareMs / warmMs).toFixed(1)}× (rows from ${PREPARED_ROWS_FILE}, which the page read in ${ms(fetchMs)} before the worker got the data)`,
    `real data, changed layers: cold preparation alone in a fresh Chromium worker (median of ${SAMPLES}) — preparing the rows ${ms(changedPrepareMs)} (${PREPARED_ROWS_FILE} refused) + first run ${ms(changedFirstMs)}; warm run ${ms(changedWarmMs)} — preparation/warm ${(changedPrepareMs / changedWarmMs).toFixed(1)}×`,
  ];
}
