/**
 * The `cold-browser` case: the cold analysis of `cold_worker.ts` in a fresh Chromium worker,
 * where the app's analysis runs. Chromium's engine has baseline and mid-tier compilers that
 * Node's lacks, so the cold/warm ratio there can differ a lot from the fresh process's. The
 * kernel is bundled as the app is (minified ES module) and run in a module worker of a new
 * page for each sample; the times are medians over the samples.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { layerFileName } from '../../src/data/layers';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../lib/browser';

const SAMPLES = 5;
const ORIGIN = 'http://cold-bench.invalid/';

interface ColdTimes {
  prepareMs: number;
  firstMs: number;
  warmMs: number;
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
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const samples: ColdTimes[] = [];
  try {
    for (let i = 0; i < SAMPLES; i++) {
      const context = await browser.newContext();
      // A made-up origin served from here (nothing goes to the network): a module worker needs
      // a real origin, which a blank page lacks.
      await context.route(`${ORIGIN}**`, (route) =>
        route.fulfill(
          route.request().url().endsWith('.js')
            ? { contentType: 'text/javascript', body: code }
            : { contentType: 'text/html', body: '<!doctype html><title>cold</title>' },
        ),
      );
      const page = await context.newPage();
      await page.goto(ORIGIN);
      samples.push(
        await page.evaluate(
          ([url, message]) =>
            new Promise<ColdTimes>((resolve, reject) => {
              const worker = new Worker(url, { type: 'module' });
              worker.onmessage = (event: MessageEvent<ColdTimes>) => resolve(event.data);
              worker.onerror = () => reject(new Error('the cold worker failed'));
              worker.postMessage(message);
            }),
          [`${ORIGIN}cold_worker.js`, { files, warmRuns }] as const,
        ),
      );
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const median = (key: keyof ColdTimes) =>
    [...samples.map((s) => s[key])].sort((a, b) => a - b)[samples.length >> 1]!;
  const prepareMs = median('prepareMs');
  const firstMs = median('firstMs');
  const warmMs = median('warmMs');
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  return [
    `real data: cold analysis in a fresh Chromium worker (median of ${SAMPLES}) — preparing the rows ${ms(prepareMs)} + first run ${ms(firstMs)} = ${ms(prepareMs + firstMs)}; warm run ${ms(warmMs)} — cold/warm ${((prepareMs + firstMs) / warmMs).toFixed(1)}×`,
    `real data: cold preparation alone in a fresh Chromium worker (median of ${SAMPLES}) — preparing the rows ${ms(prepareMs)}; warm run ${ms(warmMs)} — preparation/warm ${(prepareMs / warmMs).toFixed(1)}×`,
  ];
}
