import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startSession, stopSession } from './browser';

/**
 * Records kept beside the saved imports and scenarios — project statuses (localStorage) and
 * the walking network (IndexedDB) — in two tabs of one browser, and damaged.
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
  await waitForMap(page);
  return { page, errors };
}

const waitForMap = (page: Page) =>
  page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });

async function reloadToMap(page: Page) {
  await page.reload();
  await waitForMap(page);
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
    await reloadToMap(a.page);
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
    await reloadToMap(a.page);
    expect(await a.page.isVisible('[data-testid="skipped-notice"]')).toBe(false);
    expect(a.errors).toEqual([]);
    await context.close();
  });
});

/** Three streets in a row crossing two others: a small walking network file. */
function streetsFile(): string {
  const line = (coordinates: number[][]) => ({
    type: 'Feature',
    properties: {},
    geometry: { type: 'LineString', coordinates },
  });
  const features = [0, 1, 2].map((k) =>
    line([
      [116.33, 40.07 + k * 0.001],
      [116.334, 40.07 + k * 0.001],
    ]),
  );
  features.push(
    line([
      [116.331, 40.069],
      [116.331, 40.073],
    ]),
  );
  features.push(
    line([
      [116.333, 40.069],
      [116.333, 40.073],
    ]),
  );
  return JSON.stringify({ type: 'FeatureCollection', features });
}

async function openDataPanel(page: Page) {
  if (!(await page.isVisible('[data-testid="data-panel"]'))) {
    await page.click('[data-testid="data-toggle"]');
  }
  await page.waitForSelector('[data-testid="data-panel"]');
}

describe('the walking network in the browser', () => {
  it('shows a network imported, then removed, in one tab in the other', async () => {
    const context = await session!.browser.newContext();
    const a = await openTab(context);
    const b = await openTab(context);
    for (const tab of [a, b]) await openDataPanel(tab.page);
    await a.page.setInputFiles('[data-testid="import-file-input"]', {
      name: '街道.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(streetsFile()),
    });
    await a.page.waitForSelector('[data-testid="import-dialog"][data-phase="choosing"]');
    await a.page.selectOption('[data-testid="import-target"]', 'network');
    await a.page.waitForSelector('[data-testid="import-dialog"][data-phase="network-built"]');
    await a.page.click('[data-testid="import-confirm"]');
    const item = b.page.locator('[data-testid="network-item"]');
    await item.waitFor();
    expect(await item.textContent()).toContain('街道.geojson');
    await a.page.click('[data-testid="network-remove"]');
    await item.waitFor({ state: 'detached' });
    expect([...a.errors, ...b.errors]).toEqual([]);
    await context.close();
  });

  it('starts despite a damaged saved network, names it, and removes it on request', async () => {
    const context = await session!.browser.newContext();
    const a = await openTab(context);
    await a.page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('huitian-map');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('saved-work', 'readwrite');
            // A network whose second street lost its coordinates.
            tx.objectStore('saved-work').put(
              {
                id: 'n',
                fileName: '旧路网.geojson',
                importedAt: '2026-01-01T00:00:00.000Z',
                crs: 'WGS-84',
                lengthM: 120,
                edges: {
                  type: 'FeatureCollection',
                  features: [
                    {
                      type: 'Feature',
                      properties: { from: 0, to: 1, direction: 1 },
                      geometry: {
                        type: 'LineString',
                        coordinates: [
                          [116.33, 40.07],
                          [116.331, 40.07],
                        ],
                      },
                    },
                    {
                      type: 'Feature',
                      properties: { from: 1, to: 2, direction: 1 },
                      geometry: { type: 'LineString', coordinates: null },
                    },
                  ],
                },
              },
              'walk-network',
            );
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await reloadToMap(a.page);
    const notice = a.page.locator('[data-testid="skipped-notice"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('已跳过损坏的步行网络：旧路网.geojson');
    await openDataPanel(a.page);
    expect(await a.page.isVisible('[data-testid="network-item"]')).toBe(false);
    await a.page.click('[data-testid="skipped-remove"]');
    await notice.waitFor({ state: 'detached' });
    await reloadToMap(a.page);
    expect(await a.page.isVisible('[data-testid="skipped-notice"]')).toBe(false);
    expect(a.errors).toEqual([]);
    await context.close();
  });
});
