import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioWithPark, surveyOutline } from '../hostile/inputs';
import { type Session, startSession, stopSession } from './browser';
import { storedKeys } from './stored_keys';

let session: Session | undefined;
beforeAll(async () => {
  session = await startSession();
});
afterAll(() => stopSession(session));

async function openTab(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(session!.baseUrl);
  await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
  return { page, errors };
}

/** Writes values straight into the app's IndexedDB store, as an older version would have. */
function writeStored(page: Page, values: Record<string, unknown>, remove: string[] = []) {
  return page.evaluate(
    ([entries, gone]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('huitian-map');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('saved-work', 'readwrite');
          const store = tx.objectStore('saved-work');
          for (const [key, value] of Object.entries(entries)) store.put(value, key);
          for (const key of gone) store.delete(key);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [values, remove] as const,
  );
}

/** A GeoJSON of one car park. */
const carParkFile = (name: string, lon: number) => ({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name, 泊位: 50 },
      geometry: { type: 'Point', coordinates: [lon, 40.07] },
    },
  ],
});

/**
 * Makes IndexedDB refuse import records in the thread it runs in, with the error a full disk
 * gives. A string: evaluated in the page or in a worker as it stands.
 */
const REFUSE_IMPORT_RECORDS = `(() => {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (value, key) {
    if (String(key).startsWith('import:')) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    return put.call(this, value, key);
  };
})()`;

/**
 * Has IndexedDB refuse scenario records and the choice of the active scenario in the thread it
 * runs in, with the error a full disk gives, while `refuse` is true; false lets them be
 * written again. A string: evaluated in the page or in a worker as it stands.
 */
const refuseScenarioRecords = (refuse: boolean) => `(() => {
  const scope = self;
  if (!scope.__scenarioRecordsRefused) {
    scope.__scenarioRecordsRefused = { on: false };
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value, key) {
      const scenario = String(key).startsWith('scenario:') || key === 'active-scenario';
      if (scope.__scenarioRecordsRefused.on && scenario) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.call(this, value, key);
    };
  }
  scope.__scenarioRecordsRefused.on = ${refuse};
})()`;

/** A small GeoJSON of one car park, imported through the "my data" panel. */
async function importCarPark(page: Page, name: string, lon: number) {
  if (!(await page.isVisible('[data-testid="data-panel"]'))) {
    await page.click('[data-testid="data-toggle"]');
  }
  const file = carParkFile(name, lon);
  await page.setInputFiles('[data-testid="import-file-input"]', {
    name: `${name}.geojson`,
    mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await page.waitForSelector('[data-testid="import-dialog"][data-phase="choosing"]');
  await page.selectOption('[data-testid="import-target"]', 'car-parks');
  await page.waitForSelector('[data-testid="import-dialog"][data-phase="built"]');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
}

/** The stored scenario's edits, read from IndexedDB as a fresh page would. */
function storedEditCount(page: Page, key: string) {
  return page.evaluate(
    (recordKey) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('huitian-map');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result
            .transaction('saved-work', 'readonly')
            .objectStore('saved-work')
            .get(recordKey);
          get.onsuccess = () => {
            open.result.close();
            const record = get.result as { geojson?: { features?: unknown[] } } | undefined;
            resolve(record?.geojson?.features?.length ?? 0);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    key,
  );
}

const importNames = (page: Page) =>
  page.$$eval('[data-testid="import-item"] .import-file-name', (items) =>
    items.map((i) => i.textContent ?? '').sort(),
  );

describe('saved work in the browser', () => {
  it('starts despite damaged saved records, names them, and removes them on request', async () => {
    const context = await session!.browser.newContext();
    const { page, errors } = await openTab(context);
    const circle = { type: 'Circle', coordinates: [116.33, 40.07], radius: 100 };
    // Version 1's arrays, with an unknown geometry type and a scenario of null edits.
    await writeStored(
      page,
      {
        imports: [
          {
            id: 'old',
            fileName: '旧停车场.geojson',
            layer: 'car-parks',
            mode: 'add',
            crs: 'WGS-84',
            importedAt: '2026-01-01T00:00:00.000Z',
            features: [{ type: 'Feature', properties: {}, geometry: circle }],
          },
        ],
        scenarios: [{ id: 's', name: '坏方案', edits: [null], createdAt: 'x', updatedAt: 'x' }],
      },
      ['version'],
    );
    await page.reload();
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
    const notice = page.locator('[data-testid="skipped-notice"]');
    await notice.waitFor();
    expect((await notice.textContent()) ?? '').toContain('已跳过损坏的导入：旧停车场.geojson');
    expect((await notice.textContent()) ?? '').toContain('已跳过损坏的方案：坏方案');
    await page.screenshot({ path: 'test-results/skipped-notice.png' });
    // Each record leaves the notice once its deletion is stored.
    const records = page.locator('[data-testid="skipped-record"]');
    await page.click('[data-testid="skipped-remove"] >> nth=0');
    await expect.poll(() => records.count()).toBe(1);
    await page.click('[data-testid="skipped-remove"] >> nth=0');
    await notice.waitFor({ state: 'detached' });
    await page.reload();
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
    expect(await page.isVisible('[data-testid="skipped-notice"]')).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps a stored copy it cannot read aside when it stores an edit, and names it at once', async () => {
    const context = await session!.browser.newContext();
    const { page, errors } = await openTab(context);
    const time = '2026-01-01T00:00:00.000Z';
    const carPark = (id: string, lon: number) => ({
      type: 'Feature',
      id,
      properties: { edit: 'add-car-park', id, name: `停车场 ${id}`, spaces: 50 },
      geometry: { type: 'Point', coordinates: [lon, 40.07] },
    });
    const stored = (revision: number, features: unknown[]) => ({
      revision,
      geojson: {
        type: 'FeatureCollection',
        scenario: {
          format: 'huitian-map-scenario',
          version: 1,
          id: 'kept',
          name: '方案甲',
          createdAt: time,
          updatedAt: time,
        },
        features,
      },
    });
    await writeStored(page, { 'scenario:kept': stored(1, [carPark('a', 116.33)]) });
    await page.reload();
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
    await page.click('[data-testid="scenario-toggle"]');
    await page.click('[data-testid="scenario-list"] li >> nth=0');
    await page.waitForSelector('[data-testid="scenario-edit"]');
    // Meanwhile the stored copy became one the reader refuses (a car park east of 116.55 E, as
    // an editor that checked less stored it), and this tab was not told.
    await writeStored(page, {
      'scenario:kept': stored(2, [carPark('a', 116.33), carPark('b', 116.56)]),
    });
    await page.click('[data-testid="scenario-tool-add-car-park"]');
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.8);
    const notice = page.locator('[data-testid="skipped-notice"]');
    await notice.waitFor({ timeout: 30_000 });
    expect((await notice.textContent()) ?? '').toContain('已跳过损坏的方案：方案甲');
    // This tab's copy with its new car park is stored; the other copy is kept whole beside it.
    await expect.poll(() => storedEditCount(page, 'scenario:kept')).toBe(2);
    await page.reload();
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
    await notice.waitFor();
    expect(await page.locator('[data-testid="skipped-record"]').count()).toBe(1);
    if (!(await page.isVisible('[data-testid="scenario-panel"]'))) {
      await page.click('[data-testid="scenario-toggle"]');
    }
    await page.click('[data-testid="scenario-list"] li >> nth=0');
    await page.waitForSelector('[data-testid="scenario-edit"]');
    expect(await page.locator('[data-testid="scenario-edit"]').count()).toBe(2);
    await page.click('[data-testid="skipped-remove"]');
    await notice.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps imports made in two tabs, and each tab shows the other one's", async () => {
    const context = await session!.browser.newContext();
    const a = await openTab(context);
    const b = await openTab(context);
    await importCarPark(a.page, '甲停车场', 116.33);
    await importCarPark(b.page, '乙停车场', 116.34);
    // Each tab learns of the other's import without a reload.
    for (const tab of [a, b]) {
      await tab.page.waitForFunction(
        () => document.querySelectorAll('[data-testid="import-item"]').length === 2,
      );
      expect(await importNames(tab.page)).toEqual(['乙停车场.geojson', '甲停车场.geojson']);
    }
    await a.page.reload();
    await a.page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
    await a.page.click('[data-testid="data-toggle"]');
    await a.page.waitForSelector('[data-testid="import-item"]');
    expect(await importNames(a.page)).toEqual(['乙停车场.geojson', '甲停车场.geojson']);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await context.close();
  });

  it('keeps an import on screen with a notice when the browser refuses to store it', async () => {
    const context = await session!.browser.newContext();
    const { page, errors } = await openTab(context);
    await page.click('[data-testid="data-toggle"]');
    await page.setInputFiles('[data-testid="import-file-input"]', {
      name: '丙停车场.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(carParkFile('丙停车场', 116.35))),
    });
    await page.waitForSelector('[data-testid="import-dialog"][data-phase="choosing"]');
    // A full disk: every thread that could write the record (the page, the import worker that
    // built it) has IndexedDB refuse it, as Chromium does when the quota is used up.
    await page.evaluate(REFUSE_IMPORT_RECORDS);
    for (const worker of page.workers()) await worker.evaluate(REFUSE_IMPORT_RECORDS);
    await page.selectOption('[data-testid="import-target"]', 'car-parks');
    await page.waitForSelector('[data-testid="import-dialog"][data-phase="built"]');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    const notice = page.locator('[data-testid="storage-failed"]');
    await notice.waitFor();
    expect(await notice.textContent()).toBe(
      '浏览器拒绝保存（隐私模式或存储已满）：对导入的数据的更改仅在本次访问中有效。',
    );
    expect(await importNames(page)).toEqual(['丙停车场.geojson']);
    // Nothing was stored, and the notice says so: no import record in the app's store.
    const keys = await storedKeys(page);
    expect(keys.filter((key) => key.startsWith('import:'))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stores refused scenario changes from 「再次保存」 once the browser has room again', async () => {
    const context = await session!.browser.newContext();
    const { page, errors } = await openTab(context);
    // The stored records are looked at from a page of the same origin that runs no app.
    const looker = await context.newPage();
    await looker.goto(`${session!.baseUrl}favicon.svg`);
    await page.click('[data-testid="scenario-toggle"]');
    await page.click('[data-testid="scenario-new"]');
    await page.waitForSelector('[data-testid="scenario-name"]');
    let key = '';
    await expect
      .poll(
        async () => (key = (await storedKeys(looker)).find((k) => k.startsWith('scenario:')) ?? ''),
      )
      .not.toBe('');

    // A full disk: every thread that writes scenarios (the page, the worker that stores their
    // changes) has IndexedDB refuse them, as Chromium does when the quota is used up.
    const inEveryThread = async (code: string) => {
      await page.evaluate(code);
      for (const worker of page.workers()) await worker.evaluate(code);
    };
    expect(page.workers().some((w) => /import_record/.test(w.url()))).toBe(true);
    await inEveryThread(refuseScenarioRecords(true));
    await page.click('[data-testid="scenario-tool-add-car-park"]');
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('[data-testid="scenario-edit"]');
    await page.click('[data-testid="data-toggle"]');
    const notice = page.locator('[data-testid="storage-failed"]');
    await notice.waitFor();
    expect(await notice.textContent()).toBe(
      '浏览器拒绝保存（隐私模式或存储已满）：对方案的更改仅在本次访问中有效。 再次保存',
    );
    // Refused: the stored copy has no edit, and the tab keeps its car park.
    expect(await storedEditCount(looker, key)).toBe(0);
    expect(await page.$$('[data-testid="scenario-edit"]')).toHaveLength(1);

    // Room again: the button stores it, and the notice goes.
    await inEveryThread(refuseScenarioRecords(false));
    await page.click('[data-testid="retry-saving"]');
    await notice.waitFor({ state: 'detached' });
    expect(await storedEditCount(looker, key)).toBe(1);
    // A fresh page shows it.
    await page.reload();
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
    if (!(await page.isVisible('[data-testid="scenario-panel"]'))) {
      await page.click('[data-testid="scenario-toggle"]');
    }
    await page.click('[data-testid="scenario-list"] li >> nth=0');
    await page.waitForSelector('[data-testid="scenario-edit"]');
    const edits = await page.$$eval('[data-testid="scenario-edit"]', (items) =>
      items.map((i) => i.getAttribute('data-edit-type')),
    );
    expect(edits).toEqual(['add-car-park']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps a car park added in one tab and a rename made in another to the same scenario', async () => {
    const context = await session!.browser.newContext();
    const a = await openTab(context);
    const b = await openTab(context);
    for (const tab of [a, b]) await tab.page.click('[data-testid="scenario-toggle"]');
    await a.page.click('[data-testid="scenario-new"]');
    // Tab B learns of the new scenario and makes it its active one too.
    await b.page.waitForSelector('[data-testid="scenario-list"] input[type="radio"]');
    await b.page.click('[data-testid="scenario-list"] li >> nth=0');
    await b.page.waitForSelector('[data-testid="scenario-name"]');

    // At the same moment: A adds a car park on the map, B renames the scenario.
    await a.page.click('[data-testid="scenario-tool-add-car-park"]');
    const box = (await a.page.locator('[data-testid="map"]').boundingBox())!;
    await Promise.all([
      a.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2),
      b.page.fill('[data-testid="scenario-name"]', '两个标签页的方案'),
    ]);

    const shows = async (page: Page) => {
      await page.waitForFunction(
        () =>
          document.querySelectorAll('[data-testid="scenario-edit"]').length === 1 &&
          (document.querySelector<HTMLInputElement>('[data-testid="scenario-name"]')?.value ??
            '') === '两个标签页的方案',
      );
      const edits = await page.$$eval('[data-testid="scenario-edit"]', (items) =>
        items.map((i) => i.getAttribute('data-edit-type')),
      );
      expect(edits).toEqual(['add-car-park']);
    };
    await shows(a.page);
    await shows(b.page);
    // And so does the stored copy, read by a fresh page.
    await a.page.reload();
    await a.page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
    if (!(await a.page.isVisible('[data-testid="scenario-panel"]'))) {
      await a.page.click('[data-testid="scenario-toggle"]');
    }
    await a.page.waitForSelector('[data-testid="scenario-list"]');
    expect(await a.page.textContent('[data-testid="scenario-list"]')).toContain('两个标签页的方案');
    await a.page.click('[data-testid="scenario-list"] li >> nth=0');
    await shows(a.page);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await context.close();
  });

  it('stores edits to a scenario holding a 99,000-vertex park, whose stored copy the page never reads', async () => {
    const context = await session!.browser.newContext();
    // Main-thread tasks over 50 ms, as the browser reports them, and the keys the page's own
    // thread reads from IndexedDB (a worker has globals of its own, so its reads are not seen).
    // The strict reader can only check a stored copy that the thread running it read.
    await context.addInitScript(() => {
      const w = window as unknown as { longTasks: number[]; pageReads: string[] };
      w.longTasks = [];
      w.pageReads = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
      const proto = IDBObjectStore.prototype;
      for (const name of ['get', 'getAll'] as const) {
        const original = proto[name] as (this: IDBObjectStore, ...args: unknown[]) => IDBRequest;
        (proto as unknown as Record<string, unknown>)[name] = function (
          this: IDBObjectStore,
          ...args: unknown[]
        ) {
          w.pageReads.push(String(args[0]));
          return original.apply(this, args);
        };
      }
    });
    const { page, errors } = await openTab(context);
    // The stored record is looked at from a page of the same origin that runs no app.
    const looker = await context.newPage();
    await looker.goto(`${session!.baseUrl}favicon.svg`);
    const geojson = JSON.parse(scenarioWithPark(surveyOutline(99_000))) as unknown;
    await writeStored(page, {
      'scenario:hostile': { revision: 1, geojson },
    });
    await page.reload();
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
    await page.click('[data-testid="scenario-toggle"]');
    await page.click('[data-testid="scenario-list"] li >> nth=0');
    await page.waitForSelector('[data-testid="scenario-edit"]', { timeout: 60_000 });
    await page.click('[data-testid="scenario-tool-add-car-park"]');
    // Let the restore and the first drawing settle, then watch the edit alone.
    await page.waitForTimeout(2_000);
    await page.evaluate(() => {
      (window as unknown as { longTasks: number[] }).longTasks.length = 0;
    });
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    const started = Date.now();
    // Two car parks one right after the other: both are stored, in order.
    await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.8);
    await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.8);
    await expect
      .poll(() => storedEditCount(looker, 'scenario:hostile'), { timeout: 30_000 })
      .toBe(3);
    const took = Date.now() - started;
    // Restored, checked and changed twice: the page read other keys, never the scenario's.
    const pageReads = await page.evaluate(
      () => (window as unknown as { pageReads: string[] }).pageReads,
    );
    expect(pageReads).toContain('active-scenario');
    expect(pageReads).not.toContain('scenario:hostile');
    const tasks = await page.evaluate(
      () => (window as unknown as { longTasks: number[] }).longTasks,
    );
    const longest = tasks.map((t) => t.toFixed(0)).sort((a, b) => Number(b) - Number(a));
    // Figures, not assertions: this machine is shared and its timings vary.
    console.log(
      `two edits to a scenario with a 99,000-vertex park: stored in ${took} ms, main-thread tasks over 50 ms: ${longest.join(', ') || 'none'} ms`,
    );
    // Both are drawn: the park's 99,000 vertices reach the map as text, read by its worker.
    await page.waitForFunction(
      () =>
        window.__huitianMap!.renderedFeatures(['scenario-added-fill']).length > 0 &&
        window.__huitianMap!.renderedFeatures(['scenario-added-point']).length > 0,
      undefined,
      { timeout: 30_000 },
    );
    await page.screenshot({ path: 'test-results/scenario-big-park.png' });
    // The park and the new car park are both there after a reload.
    await page.reload();
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
    if (!(await page.isVisible('[data-testid="scenario-panel"]'))) {
      await page.click('[data-testid="scenario-toggle"]');
    }
    await page.click('[data-testid="scenario-list"] li >> nth=0');
    await page.waitForSelector('[data-testid="scenario-edit"]', { timeout: 60_000 });
    const edits = await page.$$eval('[data-testid="scenario-edit"]', (items) =>
      items.map((i) => i.getAttribute('data-edit-type')),
    );
    expect(edits).toEqual(['add-park', 'add-car-park', 'add-car-park']);
    const names = await page.$$eval('[data-testid="scenario-edit"]', (items) =>
      items.map((i) => i.textContent ?? ''),
    );
    expect(names[1]).toContain('规划停车场 1');
    expect(names[2]).toContain('规划停车场 2');
    expect(errors).toEqual([]);
    await context.close();
  });
});
