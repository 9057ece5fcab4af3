import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/data/limits';
import {
  carParkCsv,
  deflatedZeros,
  nestedPropertiesGeoJson,
  selfCrossingStar,
  zipBomb,
} from '../hostile/inputs';
import { type Session, openPage, startSession, stopSession } from './browser';

/**
 * The hostile inputs of tests/hostile/, imported through the built app's import dialog: each
 * ends in a message, the tab keeps answering, and what was imported before is still there.
 * Inputs are generated here, as small as still passes the limit they test.
 */
let session: Session | undefined;
let page: Page;
let watch: Awaited<ReturnType<typeof openPage>>['watch'];
/**
 * Files are handed to the page by path: a file given as bytes is rebuilt by the driver's own
 * script on the page's thread, which would show as the page's long task.
 */
const folder = mkdtempSync(join(tmpdir(), 'hostile-'));

beforeAll(async () => {
  session = await startSession();
  ({ page, watch } = await openPage(session));
  // Main-thread tasks over 50 ms, as the browser reports them (read per case below).
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.reload();
  await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
  await page.click('[data-testid="data-toggle"]');
  // Earlier work the hostile files must not cost.
  await page.setInputFiles('[data-testid="import-file-input"]', {
    name: '已有停车场.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name: '已有停车场', 泊位: 40 },
            geometry: { type: 'Point', coordinates: [116.33, 40.07] },
          },
        ],
      }),
    ),
  });
  await page.waitForSelector('[data-testid="import-dialog"][data-phase="choosing"]');
  await page.selectOption('[data-testid="import-target"]', 'car-parks');
  await page.waitForSelector('[data-testid="import-dialog"][data-phase="built"]');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
}, 120_000);
afterAll(async () => {
  await page?.close();
  await stopSession(session);
  rmSync(folder, { recursive: true, force: true });
});

const importNames = () =>
  page.$$eval('[data-testid="import-item"] .import-file-name', (items) =>
    items.map((i) => i.textContent ?? ''),
  );

/**
 * Picks a file, waits for `message` (the import dialog's answer), and checks that the dialog's
 * cancel button still closes it and the earlier import is still listed. Prints how long the
 * answer took and the longest main-thread task meanwhile (figures, not assertions: this machine's
 * timings vary).
 */
async function refused(
  name: string,
  buffer: Buffer,
  answer: (page: Page) => Promise<string>,
): Promise<string> {
  await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks.length = 0;
  });
  const start = Date.now();
  const path = join(folder, name);
  writeFileSync(path, buffer);
  await page.setInputFiles('[data-testid="import-file-input"]', path);
  const message = await answer(page);
  const took = Date.now() - start;
  const longest = await page.evaluate(() =>
    Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks),
  );
  console.log(
    `${name}: ${(buffer.length / 1024).toFixed(0)} KB, answered in ${took} ms, longest main-thread task ${longest.toFixed(0)} ms`,
  );
  await page.click('[data-testid="import-cancel"]');
  await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
  expect(await importNames()).toEqual(['已有停车场.geojson']);
  return message;
}

const importError = async (p: Page) => {
  const error = p.locator('[data-testid="import-error"]');
  await error.waitFor({ timeout: 120_000 });
  return (await error.textContent()) ?? '';
};

describe('hostile files in the built app', { timeout: 180_000 }, () => {
  it('stops a zip bomb declared as a Shapefile at the inflated-size limit', async () => {
    // Two entries of 160 MB of zeros (about 320 KB zipped): together past the 300 MB limit.
    const entry = 160 * 1024 * 1024;
    expect(2 * entry).toBeGreaterThan(LIMITS.inflatedBytes);
    const zip = Buffer.from(zipBomb(entry, await deflatedZeros(entry)));
    const message = await refused('parks.zip', zip, importError);
    expect(message).toMatch(/压缩包解压后大小超过上限 300\.0 MB（此文件：至少 30\d\.\d MB）/);
  });

  it('refuses a park outlined by a self-crossing 20,000-vertex star, naming it', async () => {
    const star = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: '星形公园' },
          geometry: { type: 'Polygon', coordinates: [selfCrossingStar(20_001)] },
        },
      ],
    });
    const message = await refused('star.geojson', Buffer.from(star), async (p) => {
      await p.waitForSelector('[data-testid="import-dialog"][data-phase="choosing"]', {
        timeout: 120_000,
      });
      await p.selectOption('[data-testid="import-target"]', 'parks');
      await p.waitForSelector('[data-testid="import-dialog"][data-phase="built"]', {
        timeout: 120_000,
      });
      expect(await p.isDisabled('[data-testid="import-confirm"]')).toBe(true);
      return (await p.textContent('[data-testid="import-problems"]')) ?? '';
    });
    expect(message).toContain('星形公园');
    expect(message).toMatch(/自相交/);
  });

  it('refuses 100,000 levels of nested properties with the nesting limit, not an engine error', async () => {
    const deep = Buffer.from(nestedPropertiesGeoJson(100_000));
    const message = await refused('deep.geojson', deep, importError);
    expect(message).toContain('JSON 嵌套层数超过上限 64（此文件：至少 65）');
    expect(message).not.toMatch(/RangeError|call stack|postMessage/);
  });

  it('refuses a CSV over the feature limit, naming the limit and its row count', async () => {
    // 300,000 rows (about 12 MB) is past the 250,000 limit as 1,000,000 is, in an eighth of the bytes.
    const rows = 300_000;
    expect(rows).toBeGreaterThan(LIMITS.featuresPerImport);
    const csv = Buffer.from(carParkCsv(rows));
    const message = await refused('car-parks.csv', csv, async (p) => {
      const error = p.locator('[data-testid="import-error"]');
      const choosing = p.locator('[data-testid="import-dialog"][data-phase="choosing"]');
      await Promise.race([
        error.waitFor({ timeout: 120_000 }),
        choosing.waitFor({ timeout: 120_000 }),
      ]);
      if (await choosing.isVisible()) {
        await p.selectOption('[data-testid="import-target"]', 'car-parks');
      }
      return importError(p);
    });
    expect(message).toContain('每次导入的要素数超过上限 250,000（此文件：300,000）');
  });

  it('still holds the earlier import after a reload, and logged no error', async () => {
    await page.reload();
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
    if (!(await page.isVisible('[data-testid="data-panel"]'))) {
      await page.click('[data-testid="data-toggle"]');
    }
    await page.waitForSelector('[data-testid="import-item"]');
    expect(await importNames()).toEqual(['已有停车场.geojson']);
    expect(watch.consoleErrors).toEqual([]);
  });
});
