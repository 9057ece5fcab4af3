import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvDocument } from '../../src/export/csv';
import type { Page } from 'playwright-core';
import { type Session, openPage, startSession, stopSession } from './browser';

const SCREENSHOTS = 'test-results';
let session: Session | undefined;

beforeAll(async () => {
  session = await startSession();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(() => stopSession(session));

const POINT: [number, number] = [116.3298, 40.0695];
// Metres to degrees near 40.07° N (good to well under 1% over a kilometre).
const M_LON = 1 / 85_200;
const M_LAT = 1 / 111_200;

/**
 * A street grid 100 m apart around the point, 1.6 km across, as plain GeoJSON lines. No OSM
 * extract of the area is public; the West Oakland OSM fixture imports and builds in the unit
 * tests, but lies outside the area the app inspects.
 */
function gridFile(): string {
  const features: Feature<LineString>[] = [];
  for (let k = -8; k <= 8; k++) {
    features.push({
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'LineString',
        coordinates: [
          [POINT[0] - 800 * M_LON, POINT[1] + k * 100 * M_LAT],
          [POINT[0] + 800 * M_LON, POINT[1] + k * 100 * M_LAT],
        ],
      },
    });
    features.push({
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'LineString',
        coordinates: [
          [POINT[0] + k * 100 * M_LON, POINT[1] - 800 * M_LAT],
          [POINT[0] + k * 100 * M_LON, POINT[1] + 800 * M_LAT],
        ],
      },
    });
  }
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** Imports the grid as the walking network, from the open data panel. */
async function importGrid(page: Page) {
  await page.setInputFiles('[data-testid="import-file-input"]', {
    name: 'streets.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from(gridFile()),
  });
  await page.waitForSelector('[data-testid="import-dialog"][data-phase="choosing"]');
  await page.selectOption('[data-testid="import-target"]', 'network');
  await page.waitForSelector('[data-testid="import-dialog"][data-phase="network-built"]');
  // Plain lines: the snap tolerance shows, 2 m unless changed; a figure over 20 m is refused.
  const snap = '[data-testid="network-snap-tolerance"]';
  expect(await page.inputValue(snap)).toBe('2');
  await page.fill(snap, '25');
  await page.waitForSelector('[data-testid="network-snap-problem"]');
  expect(await page.isDisabled('[data-testid="import-confirm"]')).toBe(true);
  await page.fill(snap, '2');
  await page.waitForSelector('[data-testid="import-dialog"][data-phase="network-built"]');
  // 34 lines crossing in a 17 × 17 grid: 2 · 17 · 16 = 544 edges.
  const summary = await page.textContent('[data-testid="network-summary"]');
  expect(summary).toContain('544 条路段');
  expect(summary).toContain('连接容差 2 米');
  await page.click('[data-testid="import-confirm"]');
  expect(await page.textContent('[data-testid="network-item"]')).toContain('连接容差 2 米');
}

const WHOLE_NETWORK =
  '[data-testid="analysis-row"][data-unit="回天地区"] [data-testid="network-share"][data-state="measured"]';

/** Each unit's park share along the network, and the network gaps the map was given. */
async function networkState(page: Page) {
  const shares = await page.$$eval('[data-testid="analysis-row"]', (trs) =>
    trs.map((tr) => [
      (tr as HTMLElement).dataset.unit,
      (tr.querySelector('[data-testid="network-share"]') as HTMLElement).dataset.share,
    ]),
  );
  const gaps = await page.evaluate(() => window.__huitianMap!.sourceData('analysis-network-gaps'));
  return { shares: Object.fromEntries(shares), gaps };
}

describe('walking network', () => {
  it('imports a network, and inspection along it shows the reachable area and walking distances', async () => {
    const { page, watch } = await openPage(session!, `#at=${POINT.join(',')}&r=500`);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.waitForSelector('[data-testid="inspection-panel"]');
    expect(await page.isDisabled('[data-testid="inspection-network-toggle"]')).toBe(true);

    await page.click('[data-testid="data-toggle"]');
    expect(await page.textContent('[data-testid="overpass-query"]')).toContain(
      '[bbox:40.035,116.252,40.116,116.442]',
    );
    await importGrid(page);
    await page.click('[data-testid="data-toggle"]');

    await page.check('[data-testid="inspection-network-toggle"]');
    await page.waitForSelector('[data-testid="inspection-network"]');
    const rows = await page.$$eval('[data-testid="network-facility"]', (trs) =>
      trs.map((tr) => ({
        straight: Number((tr as HTMLElement).dataset.straight),
        network: (tr as HTMLElement).dataset.network,
      })),
    );
    const measured = rows.filter((r) => r.network !== '');
    expect(measured.length).toBeGreaterThan(0);
    // Walking along the streets is never shorter than the straight line.
    for (const r of measured) expect(Number(r.network)).toBeGreaterThanOrEqual(r.straight - 1);
    await page.waitForFunction(
      () => window.__huitianMap!.renderedFeatures(['inspection-network-area']).length > 0,
    );

    // 按时间: 10 minutes at the default 80 m/min make the radius 800 m, along the network too.
    expect(await page.inputValue('[data-testid="network-minutes"]')).toBe('6.3');
    await page.fill('[data-testid="network-minutes"]', '10');
    await page.waitForSelector('[data-testid="inspection-radius-value"]:text-is("800")');
    expect(await page.textContent('[data-testid="inspection-network"] h3')).toContain('800');
    await page.waitForFunction(() => window.location.hash.includes('r=800'));
    await page.screenshot({ path: `${SCREENSHOTS}/network-inspection.png` });

    // Kept in the browser: after a reload the network is still there.
    await page.reload();
    await page.waitForSelector('[data-testid="inspection-panel"]');
    await page.waitForFunction(
      () =>
        !(document.querySelector('[data-testid="inspection-network-toggle"]') as HTMLInputElement)
          ?.disabled,
    );

    // Park coverage along the network beside the straight line, and its gaps on the map.
    await page.click('[data-testid="analysis-toggle"]');
    const whole = '[data-testid="analysis-row"][data-unit="回天地区"]';
    await page.waitForSelector(`${whole} [data-testid="network-share"][data-state="measured"]`, {
      timeout: 60_000,
    });
    expect(await page.textContent('[data-testid="network-column"]')).toContain('沿步行网络');
    expect(await page.textContent('[data-testid="network-column"]')).toContain('streets.geojson');
    const shares = await page.$$eval('[data-testid="analysis-row"]', (trs) =>
      trs.map((tr) => ({
        unit: (tr as HTMLElement).dataset.unit,
        straight: tr.querySelector('td[data-indicator="parks"]:not([data-testid])')?.textContent,
        network: (tr.querySelector('[data-testid="network-share"]') as HTMLElement).dataset,
        text: tr.querySelector('[data-testid="network-share"]')?.textContent,
      })),
    );
    const measuredUnits = shares.filter((s) => s.network.state === 'measured');
    // The grid covers a corner of the area: some units on it, the whole area, not all.
    expect(measuredUnits.length).toBeGreaterThan(1);
    expect(shares.some((s) => s.network.state === 'not-reached')).toBe(true);
    for (const s of measuredUnits) {
      const straight = Number(s.straight!.match(/([\d.]+)%/)![1]) / 100;
      // Along the streets no share exceeds the straight-line one (0.1 point of sampling).
      expect(Number(s.network.share)).toBeLessThanOrEqual(straight + 0.001);
      expect(s.text).toMatch(/\d+(\.\d)?%/);
    }
    await page.waitForSelector('[data-testid="legend-network-gap"]');
    await page.waitForFunction(
      () => window.__huitianMap!.renderedFeatures(['analysis-network-gaps-fill']).length > 0,
      undefined,
      { timeout: 30_000 },
    );
    await page.screenshot({ path: `${SCREENSHOTS}/network-analysis.png` });
    await page
      .locator('[data-testid="analysis-table"]')
      .screenshot({ path: `${SCREENSHOTS}/network-analysis-table.png` });

    // The exports carry the network figures and name the network.
    const download = async (testid: string) => {
      const [file] = await Promise.all([
        page.waitForEvent('download', { timeout: 150_000 }),
        page.click(`[data-testid="${testid}"]`),
      ]);
      return readFileSync((await file.path())!);
    };
    const csv = parseCsvDocument((await download('analysis-export-csv')).toString('utf8'));
    expect(csv.metadata.join('\n')).toContain(
      'walking network (columns *_network_*): streets.geojson',
    );
    const shareColumn = csv.header.indexOf('parks_network_share');
    expect(shareColumn).toBeGreaterThan(0);
    for (const s of shares) {
      const row = csv.rows.find((r) => r[0] === s.unit)!;
      expect(row[csv.header.indexOf('parks_network_state')]).toBe(s.network.state);
      if (s.network.state === 'measured') {
        expect(Number(row[shareColumn])).toBeCloseTo(Number(s.network.share), 4);
      }
    }
    const geojson = JSON.parse((await download('analysis-export-geojson')).toString('utf8'));
    expect(geojson.metadata.walking_network).toContain('streets.geojson');
    expect(
      geojson.features.filter(
        (f: { properties: { layer: string } }) => f.properties.layer === 'network-gap',
      ),
    ).toHaveLength(1);

    // The printed page's legend names the network gaps and their network.
    await page.click('[data-testid="export-toggle"]');
    await page.waitForSelector('[data-testid="export-dialog"]');
    await page.selectOption('[data-testid="export-format"]', 'pdf');
    await page.selectOption('[data-testid="export-dpi"]', '150');
    const [pdfFile] = await Promise.all([
      page.waitForEvent('download', { timeout: 150_000 }),
      page.click('[data-testid="export-start"]'),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'network-export-'));
    writeFileSync(join(dir, 'map.pdf'), readFileSync((await pdfFile.path())!));
    const text = execFileSync('pdftotext', [join(dir, 'map.pdf'), '-'], { encoding: 'utf8' });
    expect(text.replace(/\s+/g, '')).toContain(
      '沿步行网络超出服务半径的居住用地（来源：streets.geojson）',
    );
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
  }, 300_000);

  it('follows a slider drag to the released radius and a scenario park, along the network too', async () => {
    const at = `#map=15/${POINT[1]}/${POINT[0]}&analysis=parks`;
    const { page, watch } = await openPage(session!, at);
    await page.click('[data-testid="data-toggle"]');
    await importGrid(page);
    await page.click('[data-testid="data-toggle"]');
    await page.waitForSelector(WHOLE_NETWORK, { timeout: 60_000 });
    const start = await networkState(page);

    // Drag the park radius from 500 m to about 800 m and let go.
    const draws = () =>
      page.$eval('[data-testid="map"]', (map) => Number(map.getAttribute('data-analysis-draws')));
    const drawsBefore = await draws();
    const slider = page.locator('[data-testid="param-park-radius-slider"]');
    const box = (await slider.boundingBox())!;
    const x = (value: number) => box.x + 8 + ((box.width - 16) * (value - 50)) / (2000 - 50);
    const y = box.y + box.height / 2;
    await page.mouse.move(x(500), y);
    await page.mouse.down();
    await page.mouse.move(x(800), y, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction((before) => {
      const map = document.querySelector('[data-testid="map"]')!;
      return Number(map.getAttribute('data-analysis-draws')) > before;
    }, drawsBefore);
    await page.mouse.move(box.x + box.width / 2, box.y - 120);
    const radius = Number(await page.inputValue('[data-testid="param-park-radius"]'));
    expect(radius).toBeGreaterThan(650);
    await page.waitForFunction((r) => window.location.hash.includes(`park-radius=${r}`), radius);
    const released = await networkState(page);
    // A wider radius walks further: the whole area's share along the network rises.
    expect(Number(released.shares['回天地区'])).toBeGreaterThan(Number(start.shares['回天地区']));
    // The same figures and gaps as the page reloaded at the released radius (measured afresh,
    // with the network from the browser's storage).
    await page.reload();
    await page.waitForSelector(WHOLE_NETWORK, { timeout: 60_000 });
    await page.waitForSelector('[data-testid="map"][data-analysis-drawn="parks:coverage"]');
    expect(await networkState(page)).toEqual(released);

    // Back to 500 m, then a park on a street corner in a gap along the network.
    await page.fill('[data-testid="param-park-radius"]', '500');
    await page.waitForFunction(
      ([selector, share]) =>
        (document.querySelector(selector) as HTMLElement | null)?.dataset.share === share,
      [WHOLE_NETWORK, start.shares['回天地区']!] as const,
    );
    await page.waitForFunction(() => !window.location.hash.includes('park-radius'));
    const gaps = JSON.parse((await networkState(page)).gaps!) as FeatureCollection<
      Polygon | MultiPolygon
    >;
    const inGap = (lon: number, lat: number) =>
      gaps.features.some((f) => booleanPointInPolygon([lon, lat], f));
    // The corner nearest the point whose block around it (±60 m) is all network gap.
    const corners = [];
    for (let i = -6; i <= 6; i++)
      for (let j = -6; j <= 6; j++) corners.push([i * 100, j * 100] as const);
    corners.sort(([a, b], [c, d]) => Math.hypot(a, b) - Math.hypot(c, d));
    const corner = corners
      .map(([e, n]) => [POINT[0] + e * M_LON, POINT[1] + n * M_LAT] as const)
      .find(([lon, lat]) =>
        [0, 60, -60].every((e) =>
          [0, 60, -60].every((n) => inGap(lon + e * M_LON, lat + n * M_LAT)),
        ),
      );
    expect(corner).toBeDefined();
    await page.click('[data-testid="scenario-toggle"]');
    await page.click('[data-testid="scenario-new"]');
    await page.click('[data-testid="scenario-tool-add-park"]');
    // A 130 m square (1.7 ha) centred on the corner: its four streets enter it.
    for (const [e, n] of [
      [-65, -65],
      [65, -65],
      [65, 65],
      [-65, 65],
    ]) {
      const { x, y } = await page.evaluate((p) => window.__huitianMap!.project(p), [
        corner![0] + e! * M_LON,
        corner![1] + n! * M_LAT,
      ] as [number, number]);
      await page.mouse.click(x, y);
    }
    await page.click('[data-testid="scenario-finish-park"]');
    await page.click('[data-testid="scenario-toggle"]');
    const wholeChange =
      '[data-testid="analysis-row"][data-unit="回天地区"] [data-testid="scenario-network-share"]';
    await page.waitForSelector(wholeChange, { timeout: 60_000 });
    const changes = await page.$$eval('[data-testid="analysis-row"]', (trs) =>
      trs.map((tr) => {
        const pair = (selector: string) => {
          const span = tr.querySelector(selector) as HTMLElement | null;
          return span && { before: Number(span.dataset.before), after: Number(span.dataset.after) };
        };
        return {
          unit: (tr as HTMLElement).dataset.unit!,
          straight: pair(
            'td[data-indicator="parks"]:not([data-testid]) [data-testid="scenario-share"]',
          ),
          network: pair('[data-testid="scenario-network-share"]'),
        };
      }),
    );
    // A park only adds: no share falls, and where the straight line gains, so does the
    // network (the park's block was a gap along the network and its streets enter it).
    const gained = changes.filter((c) => c.straight && c.straight.after > c.straight.before);
    expect(gained.map((c) => c.unit)).toContain('回天地区');
    expect(gained.length).toBeGreaterThan(1);
    for (const c of gained) {
      expect(c.network, c.unit).not.toBeNull();
      expect(c.network!.after, c.unit).toBeGreaterThan(c.network!.before);
    }
    for (const c of changes) {
      if (c.straight) expect(c.straight.after).toBeGreaterThanOrEqual(c.straight.before);
      if (c.network) expect(c.network.after).toBeGreaterThanOrEqual(c.network.before);
    }
    await page.screenshot({ path: `${SCREENSHOTS}/network-scenario.png` });
    // The table scrolls sideways in its box: show its network column.
    await page.$eval('[data-testid="analysis-table"]', (table) => {
      table.parentElement!.scrollLeft = table.parentElement!.scrollWidth;
    });
    await page
      .locator('[data-testid="analysis-table"] >> xpath=..')
      .screenshot({ path: `${SCREENSHOTS}/network-scenario-table.png` });
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  }, 300_000);
});
