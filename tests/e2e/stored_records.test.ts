import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startSession, stopSession } from './browser';

/**
 * Records kept outside the saved imports and scenarios — project statuses (localStorage) —
 * in two tabs of one browser, and damaged.
 */
let session: Session | undefined;
beforeAll(async () => {
  session = await startSession();
});
afterAll(() => stopSession(session));

async function openTab(context: BrowserContext, hash = '') {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${session!.baseUrl}${hash}`);
  await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
  return { page, errors };
}

/** The status words shown beside each project of the open task, in list order. */
const listedStatuses = (page: Page) =>
  page.$$eval('[data-testid="plan-project"] small', (items) =>
    items.map((i) => (i.textContent ?? '').split('·')[1]?.trim() ?? ''),
  );

async function setStatus(page: Page, nth: number, status: string, date: string) {
  await page.click(`[data-testid="plan-project"] button >> nth=${nth}`);
  await page.waitForSelector('[data-testid="project-status-select"]');
  await page.selectOption('[data-testid="project-status-select"]', status);
  await page.fill('[data-testid="project-status-date"]', date);
  await page.click('[data-testid="project-status-save"]');
}

describe('project statuses in the browser', () => {
  it("keeps a status set in each of two tabs, and each tab shows the other's", async () => {
    const context = await session!.browser.newContext();
    const a = await openTab(context, '#task=4');
    const b = await openTab(context, '#task=4');
    for (const tab of [a, b]) await tab.page.waitForSelector('[data-testid="plan-project"]');
    expect(await listedStatuses(a.page)).toEqual(['规划中', '规划中', '规划中']);
    await setStatus(a.page, 0, 'completed', '2024-12-30');
    await setStatus(b.page, 1, 'started', '2025-02-01');
    for (const tab of [a, b]) {
      await expect.poll(() => listedStatuses(tab.page)).toEqual(['已完成', '已开工', '规划中']);
    }
    await a.page.reload();
    await a.page.waitForSelector('[data-testid="plan-project"]', { timeout: 60_000 });
    expect(await listedStatuses(a.page)).toEqual(['已完成', '已开工', '规划中']);
    // B forgets its status: A follows.
    await b.page.click('[data-testid="plan-project"] button >> nth=1');
    await b.page.click('[data-testid="project-status-reset"]');
    await expect.poll(() => listedStatuses(a.page)).toEqual(['已完成', '规划中', '规划中']);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await context.close();
  });

  it('starts despite damaged stored statuses, names them, and removes them on request', async () => {
    const context = await session!.browser.newContext();
    const a = await openTab(context, '#task=4');
    await a.page.evaluate(() => {
      localStorage.setItem('huitian-map.project-status.v1', '{"plan-project-4-88de77a3": 7');
      localStorage.setItem('huitian-map.project-status.v2:plan-project-4-9254d913', '[null]');
      localStorage.setItem(
        'huitian-map.project-status.v2:plan-project-4-f9467820',
        JSON.stringify({ status: 'completed', date: '2024-05-01', note: '' }),
      );
    });
    await a.page.reload();
    await a.page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
    const notice = a.page.locator('[data-testid="skipped-notice"]');
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('已跳过损坏的项目状态：plan-project-4-9254d913');
    expect(text).toContain('已跳过损坏的项目状态：huitian-map.project-status.v1');
    // The good one is shown.
    await a.page.waitForSelector('[data-testid="plan-project"]');
    expect(await listedStatuses(a.page)).toEqual(['规划中', '规划中', '已完成']);
    const records = a.page.locator('[data-testid="skipped-record"]');
    await a.page.click('[data-testid="skipped-remove"] >> nth=0');
    await expect.poll(() => records.count()).toBe(1);
    await a.page.click('[data-testid="skipped-remove"] >> nth=0');
    await notice.waitFor({ state: 'detached' });
    await a.page.reload();
    await a.page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
    expect(await a.page.isVisible('[data-testid="skipped-notice"]')).toBe(false);
    expect(a.errors).toEqual([]);
    await context.close();
  });
});
