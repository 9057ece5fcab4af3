import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, openPage, startSession, stopSession } from './browser';

const SCREENSHOTS = 'test-results';
let session: Session | undefined;

beforeAll(async () => {
  session = await startSession();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(() => stopSession(session));

describe('the corrected metro and schools in the app', () => {
  it('lists 回龙观西大街 (Line 18) for a home about 90 m from it', async () => {
    const { page, watch } = await openPage(session!, '#at=116.3250,40.0780&r=500');
    await page.waitForSelector('[data-testid="inspection-group-metro"]');
    const metro = await page.textContent('[data-testid="inspection-group-metro"]');
    expect(metro).toContain('回龙观西大街');
    expect(metro).toContain('18号线');
    const card = await page.textContent('[data-testid="life-metro"]');
    expect(card).toContain('回龙观西大街');
    expect(await page.getAttribute('[data-testid="life-metro"]', 'data-status')).toBe('met');

    await page.screenshot({ path: `${SCREENSHOTS}/metro-line18.png` });
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('finds 育新学校 by search with the levels it serves; the legend names Line 18', async () => {
    const { page, watch } = await openPage(session!, '');
    const legend = page.locator('[data-testid="legend-metro-lines"]');
    await legend.scrollIntoViewIfNeeded();
    expect(await legend.isVisible()).toBe(true);
    const rows = await page.$$eval(
      '[data-testid="legend-metro-lines"] [data-testid="legend-row"]',
      (items) => items.map((li) => [li.textContent, li.getAttribute('data-colour')]),
    );
    // Line 18's official colour, 北京地铁 18号线 purple.
    expect(rows).toContainEqual(['18号线', '#665794']);
    const swatch = await page.$eval(
      '[data-testid="legend-metro-lines"] [data-colour="#665794"] .swatch',
      (el) => getComputedStyle(el).borderTopColor,
    );
    expect(swatch).toBe('rgb(102, 87, 148)');
    await legend.screenshot({ path: `${SCREENSHOTS}/legend-metro.png` });

    await page.fill('[data-testid="place-search"]', '育新学校');
    await page.waitForSelector('[data-testid="search-result"]');
    const results = await page.$$eval('[data-testid="search-result"]', (items) =>
      items.map((li) => li.textContent ?? ''),
    );
    const school = results.find((r) => r.startsWith('首都师范大学附属回龙观育新学校'));
    expect(school).toContain('小学、中学');
    await page.screenshot({ path: `${SCREENSHOTS}/search-yuxin.png` });
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });
});
