import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Rect, pageLayout } from '../../src/export/page_layout';
import { pngRegion } from '../png_region';
import { type Session, openPage, startSession, stopSession } from './browser';

let session: Session | undefined;
beforeAll(async () => {
  session = await startSession();
  mkdirSync('test-results', { recursive: true });
});
afterAll(() => stopSession(session));

const ROWS = 25_000;

/** Car parks on a grid over the middle of the area, one named for the test to find. */
function carParkCsv(): { csv: string; found: [number, number] } {
  const lines = ['名称,经度,纬度,泊位'];
  const side = Math.ceil(Math.sqrt(ROWS));
  for (let i = 0; i < ROWS; i++) {
    const lon = 116.3 + (0.12 * (i % side)) / side;
    const lat = 40.05 + (0.05 * Math.floor(i / side)) / side;
    lines.push(`停车场${i},${lon.toFixed(6)},${lat.toFixed(6)},${20 + (i % 50)}`);
  }
  // Car park 0 sits at the grid's south-west corner.
  return { csv: lines.join('\n'), found: [116.3, 40.05] };
}

/** The car parks drawn on the map now: clusters count as the car parks they stand for. */
const drawnCarParks = (page: Page) =>
  page.evaluate(() => {
    const features = window.__huitianMap!.renderedFeatures(['car-parks-point']);
    const clusters = features.filter((f) => typeof f.point_count === 'number');
    const single = features.filter((f) => typeof f.point_count !== 'number');
    return {
      clusters: clusters.length,
      total: single.length + clusters.reduce((n, f) => n + (f.point_count as number), 0),
      names: single.map((f) => String(f.name)),
    };
  });

/** Waits until car park 0 is drawn on its own, by name (close up, out of the clusters). */
async function waitForFirstCarParkByName(page: Page) {
  await page.waitForFunction(
    () =>
      window.__huitianMap!.renderedFeatures(['car-parks-point']).some((f) => f.name === '停车场0'),
    undefined,
    { timeout: 120_000, polling: 500 },
  );
}

async function waitForDrawn(page: Page, expected: number) {
  await page.waitForFunction(
    (n) => {
      const features = window.__huitianMap?.renderedFeatures(['car-parks-point']) ?? [];
      const total = features.reduce(
        (sum, f) => sum + (typeof f.point_count === 'number' ? f.point_count : 1),
        0,
      );
      return total === n;
    },
    expected,
    { timeout: 120_000, polling: 500 },
  );
}

/** How many pixels of a PNG's region have exactly the colour `rgb`. */
function pixelsOfColour(png: Buffer, region: Rect, rgb: [number, number, number]): number {
  const { rgba } = pngRegion(png, region);
  let n = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i] === rgb[0] && rgba[i + 1] === rgb[1] && rgba[i + 2] === rgb[2]) n++;
  }
  return n;
}

describe('a large import', () => {
  it('draws every car park in clusters over the area, each one close up, and both after a reload', async () => {
    const { page, watch } = await openPage(session!);
    const { csv, found } = carParkCsv();
    await page.click('[data-testid="data-toggle"]');
    await page.setInputFiles('[data-testid="import-file-input"]', {
      name: '停车场.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.waitForSelector('[data-testid="import-dialog"][data-phase="choosing"]', {
      timeout: 120_000,
    });
    await page.selectOption('[data-testid="import-target"]', 'car-parks');
    await page.waitForSelector('[data-testid="import-dialog"][data-phase="built"]', {
      timeout: 120_000,
    });
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });

    // The whole area: every car park is on the map, most of them inside clusters.
    await waitForDrawn(page, ROWS);
    await page.screenshot({ path: 'test-results/big-import-clusters.png' });
    const overview = await drawnCarParks(page);
    expect(overview.total).toBe(ROWS);
    expect(overview.clusters).toBeGreaterThan(0);
    expect(overview.clusters).toBeLessThan(ROWS / 10);
    // Drawn from point tiles made in the app's worker, not from a GeoJSON source of them all.
    expect(await page.evaluate(() => window.__huitianMap!.sourceType('car-parks'))).toBe('vector');

    // Close up, the car parks are drawn one by one, by name.
    await page.goto(`${session!.baseUrl}#map=17.00/${found[1]}/${found[0]}&layers=car-parks`);
    await waitForFirstCarParkByName(page);
    await page.screenshot({ path: 'test-results/big-import-close-up.png' });
    const close = await drawnCarParks(page);
    expect(close.clusters).toBe(0);
    expect(close.names).toContain('停车场0');

    // Restored after a reload: the whole area again.
    await page.goto(`${session!.baseUrl}#layers=car-parks`);
    await page.reload();
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 120_000 });
    await waitForDrawn(page, ROWS);
    expect((await drawnCarParks(page)).total).toBe(ROWS);
    expect(await page.evaluate(() => window.__huitianMap!.sourceType('car-parks'))).toBe('vector');

    // A printed page draws them too, and names them in its legend. The car-park blue
    // (#1f5fa8) is no other layer's colour, and the shipped data has no car parks.
    await page.click('[data-testid="export-toggle"]');
    await page.selectOption('[data-testid="export-dpi"]', '150');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.click('[data-testid="export-start"]'),
    ]);
    const png = readFileSync((await download.path())!);
    writeFileSync('test-results/big-import-export.png', png);
    const layout = pageLayout({ paper: 'A4', orientation: 'landscape', dpi: 150 }, true);
    const carParkBlue: [number, number, number] = [0x1f, 0x5f, 0xa8];
    expect(pixelsOfColour(png, layout.map, carParkBlue)).toBeGreaterThan(1000);
    expect(pixelsOfColour(png, layout.legend, carParkBlue)).toBeGreaterThan(0);
    await page.keyboard.press('Escape');

    // The analysis measures parking with them (its worker gets them in their stored form).
    await page.click('[data-testid="analysis-toggle"]');
    await page.click('[data-testid="analysis-tab-parking"]');
    const area = '[data-testid="analysis-row"][data-unit="回天地区"] td[data-indicator="parking"]';
    await page.waitForFunction(
      (selector) => /\d+\.\d%/.test(document.querySelector(selector)?.textContent ?? ''),
      area,
      { timeout: 120_000, polling: 500 },
    );

    // Close up after the reload, the restored car parks are drawn one by one, by name too.
    await page.goto(`${session!.baseUrl}#map=17.00/${found[1]}/${found[0]}&layers=car-parks`);
    await waitForFirstCarParkByName(page);
    expect((await drawnCarParks(page)).clusters).toBe(0);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
  });
});
