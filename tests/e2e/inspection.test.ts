import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACILITY_GROUPS, createFacilityIndex } from '../../src/analysis/facility_index';
import { inspectPoint } from '../../src/analysis/inspection';
import { sinusoidalProjection } from '../../src/analysis/local_projection';
import { type LayerId, layerFileName } from '../../src/data/layers';
import { asLayer } from '../../src/data/load';
import { parseCsvDocument } from '../../src/export/csv';
import { type Session, openPage, startSession, stopSession } from './browser';

const SCREENSHOTS = 'test-results';
let session: Session | undefined;

beforeAll(async () => {
  session = await startSession();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(() => stopSession(session));

const load = (layer: LayerId) =>
  asLayer(layer, JSON.parse(readFileSync(`public/geo/${layerFileName(layer)}`, 'utf8')));

const POINT: [number, number] = [116.3298, 40.0695];

describe('inspecting a point and looking up a home', () => {
  it('zooms from an overview to the whole circle, fades the plan layout under it and names the place', async () => {
    const { page, watch } = await openPage(
      session!,
      '#map=11.5/40.07/116.37&at=116.34,40.075&r=800',
    );
    await page.waitForSelector('[data-testid="life-circle-card"]');
    await page.waitForSelector('[data-testid="map"][data-plan-muted="true"]');
    // The 1.6 km circle fills the view: well past the overview's zoom 11.5.
    await page.waitForFunction(() => Number(/map=([\d.]+)/.exec(location.hash)?.[1]) > 13);
    // The point lies inside the compound 龙跃苑二区 (116.339–116.344 E, 40.074–40.078 N).
    expect(await page.textContent('[data-testid="life-circle-place"]')).toContain('龙跃苑二区');
    await page.click('[data-testid="inspection-panel"] .close');
    await page.waitForSelector('[data-testid="map"][data-plan-muted="false"]');
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  }, 60_000);

  it('opens a link with at= and r= and lists the facilities inside the circle', async () => {
    const { page, watch } = await openPage(session!, `#at=${POINT.join(',')}&r=500`);
    await page.waitForSelector('[data-testid="inspection-panel"]');
    await page.waitForSelector('[data-testid="life-circle-card"]');
    const listed = await page.$$eval('[data-testid="inspection-facility"]', (buttons) =>
      buttons.map((b) => b.getAttribute('data-facility-id')),
    );
    // The same question asked of the shipped data directly.
    const index = createFacilityIndex(
      {
        parks: load('parks'),
        greenways: load('greenways'),
        schools: load('schools'),
        healthcare: load('healthcare'),
        'metro-stations': load('metro-stations'),
      },
      sinusoidalProjection(116.35),
    );
    const expected = inspectPoint(index, POINT, 500);
    const expectedIds = FACILITY_GROUPS.flatMap((g) =>
      expected.within[g].map((h) => h.facility.id),
    );
    expect(listed).toEqual(expectedIds);
    expect(listed.length).toBeGreaterThanOrEqual(3);
    await page.waitForSelector('[data-testid="inspection-marker"]');
    await page.waitForFunction(
      () => window.__huitianMap!.renderedFeatures(['inspection-circle-fill']).length > 0,
    );
    await page.screenshot({ path: `${SCREENSHOTS}/inspection-link.png` });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="inspection-export-csv"]'),
    ]);
    const csv = parseCsvDocument(readFileSync((await download.path())!, 'utf8'));
    expect(csv.rows.filter((r) => r[1] === 'inside').map((r) => r[3])).toEqual(expectedIds);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
    await page.close();
  });

  it('moves the point where the map is clicked, and a facility opens its details', async () => {
    const { page } = await openPage(session!, `#at=${POINT.join(',')}&r=500`);
    await page.waitForSelector('[data-testid="inspection-where"]');
    const before = await page.textContent('[data-testid="inspection-where"]');
    const target = await page.evaluate(() => window.__huitianMap!.project([116.335, 40.072]));
    await page.mouse.click(target.x, target.y);
    await page.waitForFunction(
      (old) => document.querySelector('[data-testid="inspection-where"]')?.textContent !== old,
      before,
    );
    const where = (await page.textContent('[data-testid="inspection-where"]'))!;
    const [lon, lat] = where
      .split(/[,·\s]+/)
      .filter(Boolean)
      .map(Number);
    expect(lon).toBeCloseTo(116.335, 3);
    expect(lat).toBeCloseTo(40.072, 3);
    expect(page.url()).toContain(`at=${lon!.toFixed(5)},${lat!.toFixed(5)}`);
    await page.click('[data-testid="inspection-facility"] >> nth=0');
    await page.waitForSelector('[data-testid="facility-panel"]');
    expect(await page.textContent('[data-testid="facility-source"]')).toBeTruthy();
    await page.close();
  });

  it('finds 龙跃 by search, chooses with the keyboard and shows the life-circle card', async () => {
    const { page } = await openPage(session!);
    await page.fill('[data-testid="place-search"]', '龙跃');
    await page.waitForSelector('[data-testid="search-result"]');
    const names = await page.$$eval('[data-testid="search-result"] .result-name', (els) =>
      els.map((e) => e.textContent),
    );
    for (const name of ['龙跃苑一区', '龙跃苑二区', '龙跃苑三区', '龙跃苑四区']) {
      expect(names).toContain(name);
    }
    const target = names.indexOf('龙跃苑一区');
    for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="life-circle-card"]');
    const items = await page.$$eval('[data-testid^="life-"][data-status]', (els) =>
      els.map((e) => e.getAttribute('data-status')),
    );
    expect(items).toHaveLength(6);
    expect(page.url()).toContain('at=');
    // Pinyin initials find the same compounds.
    await page.fill('[data-testid="place-search"]', 'lyy');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="search-result"] .result-name')].some(
        (e) => e.textContent === '龙跃苑一区',
      ),
    );
    // An Arabic numeral and a one-character typo find it too.
    for (const query of ['龙跃苑1区', '龙越苑']) {
      await page.fill('[data-testid="place-search"]', query);
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid="search-result"] .result-name')].some(
          (e) => e.textContent === '龙跃苑一区',
        ),
      );
    }
    // A result with a long note (land without a compound name) keeps its name readable: at
    // most two lines, never a column of single characters.
    await page.fill('[data-testid="place-search"]', '天通西苑');
    await page.waitForSelector('[data-testid="search-result"] >> text=数据中无小区名');
    const heights = await page.$$eval('[data-testid="search-result"] .result-name', (els) =>
      els.map((e) => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).fontSize)),
    );
    // Two lines at the normal line height are under 3.2 em.
    for (const ems of heights) expect(ems).toBeLessThan(3.2);
    await page.close();
  });

  it('says clearly when the browser refuses the location', async () => {
    const { page } = await openPage(session!);
    await page.context().clearPermissions();
    await page.click('[data-testid="my-location"]');
    await page.waitForSelector('[data-testid="location-message"]', { timeout: 20_000 });
    expect(await page.textContent('[data-testid="location-message"]')).toContain('无法获取位置');
    await page.close();
  });

  it('ignores a bad link with a notice, never a crash', async () => {
    const { page, watch } = await openPage(session!, '#at=abc,40.07&r=500');
    await page.waitForSelector('[data-testid="link-notice"]');
    expect(await page.$('[data-testid="inspection-panel"]')).toBeNull();
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('works as a bottom sheet on a phone', async () => {
    const { page } = await openPage(session!, `#at=${POINT.join(',')}&r=500`, {
      width: 390,
      height: 844,
    });
    await page.waitForSelector('[data-testid="life-circle-card"]');
    const map = await page.locator('[data-testid="map"]').boundingBox();
    expect(map!.height).toBeGreaterThan(300);
    // Tap targets: the preset buttons and the search field are at least 40 px high.
    for (const selector of [
      '[data-testid="inspection-preset-300"]',
      '[data-testid="place-search"]',
    ]) {
      const box = await page.locator(selector).boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(40);
    }
    await page.screenshot({ path: `${SCREENSHOTS}/inspection-phone.png` });
    // A panel opened from the header comes into the sheet's view, though listed below the card.
    const inView = (panel: string) =>
      page.waitForFunction((selector) => {
        const top = document.querySelector(selector)?.getBoundingClientRect().top;
        const sheet = document.querySelector('.sheet-body')!.getBoundingClientRect();
        return top !== undefined && top >= sheet.top - 1 && top < sheet.top + 60;
      }, `[data-testid="${panel}"]`);
    await page.click('[data-testid="analysis-toggle"]');
    await inView('analysis-panel');
    await page.click('[data-testid="scenario-toggle"]');
    await inView('scenario-panel');
    await page.close();
  });
});
