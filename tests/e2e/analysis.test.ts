import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvDocument } from '../../src/export/csv';
import { type Session, openPage, startSession, stopSession } from './browser';

const SCREENSHOTS = 'test-results';
let session: Session | undefined;

beforeAll(async () => {
  session = await startSession();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(() => stopSession(session));

const WHOLE = '[data-testid="analysis-row"][data-unit="回天地区"]';

/** The whole-area share shown for an indicator, as a number (percent), or null. */
async function wholeShare(page: Page, indicator: string): Promise<number | null> {
  const text = await page.textContent(`${WHOLE} td[data-indicator="${indicator}"]`);
  const match = text?.match(/([\d.]+)%/);
  return match ? Number(match[1]) : null;
}

/** Waits until the map has drawn the given analysis and features of a style layer. */
async function waitForDrawn(page: Page, drawn: string, styleLayer: string) {
  await page.waitForSelector(`[data-testid="map"][data-analysis-drawn="${drawn}"]`);
  await page.waitForFunction(
    (id) => window.__huitianMap!.renderedFeatures([id]).length > 0,
    styleLayer,
    { timeout: 30_000 },
  );
}

describe('coverage analysis in the browser', () => {
  it('measures park coverage, draws the gaps, and recomputes when a radius changes', async () => {
    const { page, watch } = await openPage(session!);
    await page.click('[data-testid="analysis-toggle"]');
    await page.waitForSelector(`${WHOLE} td[data-indicator="parks"]`);
    await waitForDrawn(page, 'parks:coverage', 'analysis-gaps-fill');
    const before = await wholeShare(page, 'parks');
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(100);
    // The unit whose park data is incomplete reads as a lower bound.
    const flagged = await page.getAttribute(
      '[data-unit="天通苑北街道"] td[data-indicator="parks"]',
      'data-lower-bound',
    );
    expect(flagged).toBe('true');
    await page.screenshot({ path: `${SCREENSHOTS}/analysis-parks.png` });

    await page.fill('[data-testid="param-park-radius"]', '800');
    await page.waitForFunction(
      ([selector, old]) => {
        const text = document.querySelector(selector)?.textContent ?? '';
        const share = Number(text.match(/([\d.]+)%/)?.[1]);
        return Number.isFinite(share) && share !== old;
      },
      [`${WHOLE} td[data-indicator="parks"]`, before] as const,
    );
    const after = await wholeShare(page, 'parks');
    expect(after).toBeGreaterThan(before!);
    expect(page.url()).toContain('park-radius=800');
    await waitForDrawn(page, 'parks:coverage', 'analysis-gaps-fill');
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
    await page.close();
  });

  it('exports the table as CSV and the map as GeoJSON, matching the screen', async () => {
    const { page } = await openPage(session!, '#analysis=parks');
    await page.waitForSelector(`${WHOLE} td[data-indicator="parks"]`);
    const shown = await wholeShare(page, 'parks');
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="analysis-export-csv"]'),
    ]);
    const csv = parseCsvDocument(readFileSync((await csvDownload.path())!, 'utf8'));
    const whole = csv.rows.find((r) => r[0] === '回天地区')!;
    expect(Number(whole[csv.header.indexOf('parks_share')]) * 100).toBeCloseTo(shown!, 1);
    expect(csv.rows).toHaveLength(8);
    expect(csv.metadata.join(' ')).toContain('OpenStreetMap');
    const [mapDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="analysis-export-geojson"]'),
    ]);
    const geojson = JSON.parse(readFileSync((await mapDownload.path())!, 'utf8'));
    const layers = new Set(
      geojson.features.map((f: { properties: { layer: string } }) => f.properties.layer),
    );
    expect(layers).toEqual(new Set(['served', 'gap', 'no-data']));
    await page.close();
  });

  it('follows a radius slider while it is dragged: the table and the gap map change before release', async () => {
    const { page, watch } = await openPage(session!, '#analysis=parks');
    await waitForDrawn(page, 'parks:coverage', 'analysis-gaps-fill');
    const slider = page.locator('[data-testid="param-park-radius-slider"]');
    expect(await slider.inputValue()).toBe('500');
    const box = (await slider.boundingBox())!;
    const at = (value: number) => box.x + 8 + ((box.width - 16) * (value - 50)) / (2000 - 50);
    const y = box.y + box.height / 2;
    const drawsBefore = Number(
      await page.getAttribute('[data-testid="map"]', 'data-analysis-draws'),
    );
    await page.mouse.move(at(500), y);
    await page.mouse.down();
    const seen: number[] = [];
    let value = 500;
    for (const step of [650, 800, 950]) {
      await page.mouse.move(at(step), y, { steps: 3 });
      value = Number(await slider.inputValue());
      // The field and the table follow the hand while the button is still down.
      expect(await page.inputValue('[data-testid="param-park-radius"]')).toBe(String(value));
      await page.waitForFunction(
        ([selector, old]) => {
          const share = Number(
            document.querySelector(selector)?.textContent?.match(/([\d.]+)%/)?.[1],
          );
          return Number.isFinite(share) && share > old;
        },
        [`${WHOLE} td[data-indicator="parks"]`, seen.at(-1) ?? 0] as const,
      );
      seen.push((await wholeShare(page, 'parks'))!);
    }
    const drawsDuring = Number(
      await page.getAttribute('[data-testid="map"]', 'data-analysis-draws'),
    );
    await page.mouse.up();
    expect(value).toBeGreaterThan(900);
    // A wider radius serves more: each step's share is above the last.
    expect(seen[1]).toBeGreaterThan(seen[0]!);
    expect(seen[2]).toBeGreaterThan(seen[1]!);
    expect(drawsDuring).toBeGreaterThanOrEqual(drawsBefore + 3);
    await waitForDrawn(page, 'parks:coverage', 'analysis-gaps-fill');
    expect(page.url()).toContain(`park-radius=${value}`);
    await page.screenshot({ path: `${SCREENSHOTS}/analysis-slider.png` });
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('keeps what was typed and the last result when a radius is invalid', async () => {
    const { page } = await openPage(session!, '#analysis=parks');
    await page.waitForSelector(`${WHOLE} td[data-indicator="parks"]`);
    const before = await wholeShare(page, 'parks');
    await page.fill('[data-testid="param-park-radius"]', '-50');
    await page.waitForSelector('.parameter.invalid [role="alert"]');
    expect(await page.inputValue('[data-testid="param-park-radius"]')).toBe('-50');
    await page.waitForTimeout(600);
    expect(await wholeShare(page, 'parks')).toBe(before);
    expect(page.url()).not.toContain('park-radius');
    await page.close();
  });

  it('says so when a link holds a parameter it cannot use, and uses the default', async () => {
    const { page } = await openPage(session!, '#analysis=parks&park-radius=0x10&lang=en');
    const notice = await page.textContent('[data-testid="link-notice-parameters"]');
    expect(notice).toContain('park-radius=0x10');
    expect(notice).toContain('default 500');
    expect(await page.inputValue('[data-testid="param-park-radius"]')).toBe('500');
    await page.close();
  });

  it('opens from a link on school catchments and lists each school', async () => {
    const { page } = await openPage(session!, '#analysis=schools&level=middle&catchments=1');
    await page.waitForSelector('[data-testid="catchment-row"]');
    await waitForDrawn(page, 'schools:catchments', 'analysis-catchments-fill');
    const rows = await page.$$('[data-testid="catchment-row"]');
    expect(rows.length).toBeGreaterThan(5);
    for (const level of ['kindergarten', 'primary', 'middle']) {
      expect(await wholeShare(page, level)).toBeGreaterThan(0);
    }
    const blocks = await page.evaluate(() =>
      window.__huitianMap!.renderedFeatures(['analysis-catchments-fill']),
    );
    expect(new Set(blocks.map((b) => b.school_id)).size).toBeGreaterThan(5);
    await page.screenshot({ path: `${SCREENSHOTS}/analysis-catchments.png` });
    await page.close();
  });

  it('says plainly that parking is not measured, never 0%', async () => {
    const { page } = await openPage(session!, '#analysis=parking');
    await page.waitForSelector('[data-testid="parking-no-data"]');
    const cells = await page.$$eval('td[data-indicator="parking"]', (tds) =>
      tds.map((td) => td.textContent ?? ''),
    );
    expect(cells).toHaveLength(8);
    for (const cell of cells) {
      expect(cell).not.toMatch(/%/);
      expect(cell).toContain('无数据');
    }
    await page.waitForSelector('[data-testid="parking-histogram-empty"]');
    await page.close();
  });

  it('fits on a phone: the panel is a bottom sheet and the map stays visible', async () => {
    const { page } = await openPage(session!, '#analysis=parks', { width: 390, height: 844 });
    await page.waitForSelector(`${WHOLE} td[data-indicator="parks"]`);
    const map = await page.locator('[data-testid="map"]').boundingBox();
    const panel = await page.locator('[data-testid="analysis-panel"]').boundingBox();
    expect(map!.height).toBeGreaterThan(300);
    expect(panel!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SCREENSHOTS}/analysis-phone.png` });
    await page.close();
  });
});
