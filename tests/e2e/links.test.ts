import { mkdirSync, readFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type Session, openPage, startSession, stopSession } from './browser';
import { storedKeys } from './stored_keys';
import { scenarioWithPark, selfCrossingStar, surveyOutline } from '../hostile/inputs';

const SCREENSHOTS = 'test-results';
let session: Session | undefined;

beforeAll(async () => {
  session = await startSession();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(() => stopSession(session));

/** A 1 ha square in a large residential block of 天通苑北街道, away from every park. */
const CENTRE: [number, number] = [116.4215, 40.069];
const CORNERS: [number, number][] = [
  [-0.00065, -0.0005],
  [0.00065, -0.0005],
  [0.00065, 0.0005],
  [-0.00065, 0.0005],
].map(([dx, dy]) => [CENTRE[0] + dx!, CENTRE[1] + dy!]);

const TABLE = '[data-testid="analysis-table"]';
const CHANGED =
  '[data-testid="analysis-row"][data-unit="天通苑北街道"] [data-testid="scenario-share"]';

/**
 * Records every `scenario=` value the page writes into its URL (null for none): from now on, or
 * with `fromStart`, from the first script of each load of the page on.
 */
async function recordScenarioValues(
  page: Page,
  { fromStart = false } = {},
): Promise<() => Promise<(string | null)[]>> {
  const record = () => {
    const w = window as unknown as { __scenarioValues: (string | null)[] };
    w.__scenarioValues = [];
    const replace = history.replaceState.bind(history);
    history.replaceState = (data: unknown, unused: string, url?: string | URL | null) => {
      const hash = new URL(String(url ?? ''), location.href).hash.replace(/^#/, '');
      w.__scenarioValues.push(new URLSearchParams(hash).get('scenario'));
      replace(data, unused, url);
    };
  };
  if (fromStart) await page.addInitScript(record);
  else await page.evaluate(record);
  return () =>
    page.evaluate(
      () => (window as unknown as { __scenarioValues: (string | null)[] }).__scenarioValues,
    );
}

/** The scenario a link's `scenario=1.…` value carries: raw deflate of its JSON, base64url. */
function carriedScenario(value: string) {
  return JSON.parse(inflateRawSync(Buffer.from(value.slice(2), 'base64url')).toString()) as {
    scenario: { name: string };
    features: { geometry: { coordinates: number[][][] } }[];
  };
}

const STATUS = '[data-testid="scenario-link-status"]';
/** The panel's word on the link once this version's answer came. */
const ANSWERED = `${STATUS}:not([data-checking])`;

describe('links that carry everything', () => {
  it('carries the applied scenario: a fresh browser opening the link sees the same table', async () => {
    const { page, watch } = await openPage(
      session!,
      `#map=15/${CENTRE[1]}/${CENTRE[0]}&analysis=parks`,
    );
    await page.click('[data-testid="scenario-toggle"]');
    await page.click('[data-testid="scenario-new"]');
    await page.fill('[data-testid="scenario-name"]', '口袋公园试算');
    await page.click('[data-testid="scenario-tool-add-park"]');
    for (const corner of CORNERS) {
      const { x, y } = await page.evaluate((p) => window.__huitianMap!.project(p), corner);
      await page.mouse.click(x, y);
    }
    await page.click('[data-testid="scenario-finish-park"]');
    await page.waitForSelector(CHANGED);
    await page.waitForFunction(() => /[#&]scenario=1\.[\w-]+$/.test(window.location.hash));
    expect(await page.getAttribute('[data-testid="scenario-link-status"]', 'data-fits')).toBe(
      'true',
    );
    // Every open panel names the applied scenario.
    for (const panel of ['analysis-panel', 'scenario-panel']) {
      expect(
        await page.textContent(`[data-testid="${panel}"] [data-testid="panel-scenario"]`),
      ).toContain('口袋公园试算');
    }
    const table = await page.textContent(TABLE);
    const link = page.url();

    // A colleague's browser: a new context, no saved work.
    const colleague = await session!.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const written = await recordScenarioValues(colleague, { fromStart: true });
    await colleague.goto(link);
    await colleague.waitForSelector(CHANGED);
    expect(await colleague.textContent(TABLE)).toBe(table);
    expect(
      await colleague.textContent('[data-testid="analysis-panel"] [data-testid="panel-scenario"]'),
    ).toContain('口袋公园试算');
    await colleague.waitForSelector('[data-testid="link-notice"]');
    await colleague.screenshot({ path: `${SCREENSHOTS}/scenario-link-colleague.png` });
    // The link as the colleague's page writes it carries the same text from the start: the
    // scenario opened from it is unchanged, and the reader already checked that text. It never
    // names the scenario (`saved.…`) while the link's value would be worked out again.
    const carriedValue = new URL(link).hash.match(/scenario=([\w.-]+)/)![1]!;
    const carrying = (value: string) => location.hash.endsWith(`scenario=${value}`);
    const otherValues = async () => (await written()).filter((v) => v !== carriedValue);
    await colleague.waitForFunction(carrying, carriedValue);
    expect(await otherValues()).toEqual([]);
    // The address is written again on any change (here the language), still with that text.
    await colleague.click('[data-testid="language-toggle"]');
    await colleague.waitForFunction(() => /[#&]lang=en/.test(location.hash));
    expect((await written()).at(-1)).toBe(carriedValue);
    await colleague.click('[data-testid="language-toggle"]');
    // Opened again where that scenario is saved (chosen, not added): the same.
    await colleague.reload();
    await colleague.waitForSelector(CHANGED);
    await colleague.waitForFunction(carrying, carriedValue);
    expect(await colleague.$('[data-testid="link-notice"]')).toBeNull();
    expect(await otherValues()).toEqual([]);
    await colleague.close();

    // Without scenario= the same browser shows the data as it is, and says so in no panel —
    // not even for a moment while the saved work (whose last applied scenario is this one) is
    // restored.
    await page.addInitScript(() => {
      const w = window as unknown as { __scenarioShown: boolean };
      w.__scenarioShown = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="panel-scenario"]')) w.__scenarioShown = true;
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto('about:blank');
    await page.goto(link.replace(/&scenario=[^&]*/, ''));
    await page.waitForSelector('[data-map-ready="true"]');
    await page.waitForSelector(`${TABLE} [data-testid="analysis-row"]`);
    expect(await page.$('[data-testid="panel-scenario"]')).toBeNull();
    expect(await page.$(CHANGED)).toBeNull();
    expect(
      await page.evaluate(
        () => (window as unknown as { __scenarioShown: boolean }).__scenarioShown,
      ),
    ).toBe(false);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('keeps a park that the link would round away out of the link, and says why', async () => {
    const { page, watch } = await openPage(session!, `#map=15/${CENTRE[1]}/${CENTRE[0]}`);
    await page.click('[data-testid="scenario-toggle"]');
    // Three corners a third of a metre apart: a park to the reader at full precision, one
    // point (116.4, 40.07) at the 5 decimals a link keeps.
    const corners = [
      [116.400001, 40.070001],
      [116.400004, 40.070001],
      [116.400004, 40.070004],
      [116.400001, 40.070001],
    ];
    const file = JSON.parse(scenarioWithPark(corners)) as { scenario: { name: string } };
    file.scenario.name = '极小公园';
    const written = await recordScenarioValues(page);
    await page.setInputFiles('[data-testid="scenario-import-input"]', {
      name: 'scenario.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await page.waitForSelector(`${ANSWERED}[data-fits="false"]`);
    expect(await page.textContent(STATUS)).toContain('取整后无法读取');
    await page.waitForFunction(() => /[#&]scenario=saved\.hostile$/.test(window.location.hash));
    // Named from the start, never carried, not even before the answer came.
    const values = await written();
    expect(values).toContain('saved.hostile');
    expect(values.filter((v) => v?.startsWith('1.'))).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('carries a big park once its worker answered, naming the scenario until then', async () => {
    const { page, watch } = await openPage(session!, `#map=14/40.07/116.33`);
    await page.click('[data-testid="scenario-toggle"]');
    // 250 vertices of a survey outline: about as many as a link's 2,000 characters carry.
    const written = await recordScenarioValues(page);
    await page.setInputFiles('[data-testid="scenario-import-input"]', {
      name: 'scenario.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(scenarioWithPark(surveyOutline(250))),
    });
    await page.waitForFunction(() => /[#&]scenario=1\.[\w-]+$/.test(window.location.hash));
    await page.waitForSelector(`${ANSWERED}[data-fits="true"]`);
    const first = new URL(page.url()).hash.match(/scenario=([\w.-]+)/)![1]!;
    const text = carriedScenario(first);
    expect(text.scenario.name).toBe('hostile park');
    expect(text.features[0]!.geometry.coordinates[0]).toHaveLength(251);
    // Before the answer the link named the scenario; no other text was carried.
    const before = (await written()).filter((v) => v !== null);
    expect(before[0]).toBe('saved.hostile');
    expect(new Set(before.filter((v) => v.startsWith('1.')))).toEqual(new Set([first]));

    // A new version (renamed): named again until its own answer, never the old text.
    const from = before.length;
    await page.fill('[data-testid="scenario-name"]', '大公园');
    await page.waitForFunction(
      (old) => /[#&]scenario=1\.[\w-]+$/.test(location.hash) && !location.hash.includes(old),
      first,
    );
    const renamed = new URL(page.url()).hash.match(/scenario=([\w.-]+)/)![1]!;
    expect(carriedScenario(renamed).scenario.name).toBe('大公园');
    const after = (await written()).filter((v) => v !== null).slice(from);
    expect(after[0]).toBe('saved.hostile');
    expect(after).not.toContain(first);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('opens a link whose scenario id is taken here as one copy, however often it is opened', async () => {
    // Two scenarios under one id, as two planners' browsers may each have made: a car park each.
    const linkOf = (name: string, lon: number) =>
      `1.${deflateRawSync(
        JSON.stringify({
          type: 'FeatureCollection',
          scenario: { format: 'huitian-map-scenario', version: 1, id: 'clash', name },
          features: [
            {
              type: 'Feature',
              properties: { edit: 'add-car-park', id: 'c1', name: '停车场', spaces: 40 },
              geometry: { type: 'Point', coordinates: [lon, 40.07] },
            },
          ],
        }),
      ).toString('base64url')}`;
    const { page, watch } = await openPage(session!, `#scenario=${linkOf('甲方案', 116.33)}`);
    const scenarios = async () =>
      (await storedKeys(page)).filter((key) => key.startsWith('scenario:')).length;
    const storedCount = (n: number) => expect.poll(scenarios, { timeout: 10_000 }).toBe(n);
    await storedCount(1);
    const other = linkOf('乙方案', 116.34);
    for (let opening = 1; opening <= 3; opening++) {
      await page.goto('about:blank');
      await page.goto(`${session!.baseUrl}#scenario=${other}`);
      await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="panel-scenario"]')?.textContent?.includes('乙方案'),
      );
      await storedCount(2);
      await page.click('[data-testid="scenario-toggle"]');
      expect(
        await page.locator('[data-testid="scenario-list"] li[data-active]').count(),
        `opening ${opening}`,
      ).toBe(2);
    }
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('reads a hostile scenario link in a worker and shows the data as it is, with a notice', async () => {
    const linkValue = (text: string | Buffer) =>
      `1.${deflateRawSync(text, { level: 9 }).toString('base64url')}`;
    const hostile = {
      // Inflates to 1.4 MB, past the link's byte limit.
      bomb: linkValue(Buffer.alloc(1_400_000, ' ')),
      nested: linkValue(
        scenarioWithPark(surveyOutline(8)).replace(
          '"hostile park"',
          `${'['.repeat(40_000)}${']'.repeat(40_000)}`,
        ),
      ),
      crossing: linkValue(scenarioWithPark(selfCrossingStar(9))),
    };
    for (const [what, value] of Object.entries(hostile)) {
      expect(value.length, what).toBeLessThanOrEqual(2000);
      const page = await session!.browser.newPage({ viewport: { width: 1280, height: 800 } });
      const workers: string[] = [];
      page.on('worker', (worker) => workers.push(worker.url()));
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${session!.baseUrl}#analysis=parks&scenario=${value}`);
      await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
      await page.waitForSelector('[data-testid="link-notice"]');
      expect(await page.textContent('[data-testid="link-notice"]'), what).toContain(
        '链接中的方案无法读取，已显示现状',
      );
      await page.waitForSelector(`${TABLE} [data-testid="analysis-row"]`);
      expect(await page.$('[data-testid="panel-scenario"]'), what).toBeNull();
      // Read by the link's own worker, not on the page's thread.
      expect(
        workers.some((url) => /scenario_link/.test(url)),
        `${what}: ${workers.join(' ')}`,
      ).toBe(true);
      expect(errors, what).toEqual([]);
      await page.close();
    }
  });

  it('opens a plan project from project=ID, and keeps it open over a reload', async () => {
    const projects = JSON.parse(
      readFileSync('public/geo/plan-projects.geojson', 'utf8'),
    ) as FeatureCollection;
    const project = projects.features[0]!.properties!;
    const { page } = await openPage(session!, `#project=${String(project.id)}`);
    await page.waitForSelector('[data-testid="project-panel"]');
    expect(await page.textContent('[data-testid="project-name"]')).toBe(project.name);
    await page.reload();
    await page.waitForSelector('[data-map-ready="true"]');
    await page.waitForSelector('[data-testid="project-panel"]');
    expect(page.url()).toContain(`project=${String(project.id)}`);
    // Closing the panel takes it out of the link.
    await page.click('[data-testid="info-panel"] .close');
    expect(page.url()).not.toContain('project=');
    await page.close();
  });
});

describe('the phone bottom sheet', () => {
  it('drags down to peek, still showing the life-circle summary over a usable map', async () => {
    const { page, watch } = await openPage(session!, '#at=116.3298,40.0695&r=500', {
      width: 390,
      height: 844,
    });
    await page.waitForSelector('[data-testid="life-circle-card"]');
    expect(await page.getAttribute('[data-testid="side"]', 'data-sheet')).toBe('half');
    await page.screenshot({ path: `${SCREENSHOTS}/phone-sheet-half.png` });
    const handle = (await page.locator('[data-testid="sheet-handle"]').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + 10);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2, handle.y + 200, { steps: 8 });
    await page.mouse.move(handle.x + handle.width / 2, handle.y + 400, { steps: 8 });
    await page.mouse.up();
    await page.waitForSelector('[data-testid="side"][data-sheet="peek"]');
    // The summary counts the card's items that are met.
    const met = await page.locator('[data-testid^="life-"][data-status="met"]').count();
    const summary = page.locator('[data-testid="sheet-summary"]');
    expect(await summary.textContent()).toContain(`满足 ${met}/6 项`);
    const box = (await summary.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    expect(box.y).toBeGreaterThan(844 - 160);
    // The map takes the rest of the screen, and a tap on it still moves the point.
    const map = (await page.locator('[data-testid="map"]').boundingBox())!;
    expect(map.height).toBeGreaterThan(550);
    await page.screenshot({ path: `${SCREENSHOTS}/phone-sheet-peek.png` });
    const before = page.url();
    await page.mouse.click(map.x + map.width / 2 + 40, map.y + map.height / 2 + 40);
    await page.waitForFunction((old) => window.location.href !== old, before);
    expect(page.url()).toMatch(/at=116\.\d+,40\.\d+/);
    // A tap on the handle raises it again; the keyboard works too.
    await page.click('[data-testid="sheet-handle"]');
    await page.waitForSelector('[data-testid="side"][data-sheet="half"]');
    await page.focus('[data-testid="sheet-handle"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="side"][data-sheet="full"]');
    await page.screenshot({ path: `${SCREENSHOTS}/phone-sheet-full.png` });
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });
});
