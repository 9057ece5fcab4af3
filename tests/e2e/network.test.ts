import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, LineString } from 'geojson';
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
    await page.setInputFiles('[data-testid="import-file-input"]', {
      name: 'streets.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(gridFile()),
    });
    await page.waitForSelector('[data-testid="import-dialog"][data-phase="choosing"]');
    await page.selectOption('[data-testid="import-target"]', 'network');
    await page.waitForSelector('[data-testid="import-dialog"][data-phase="network-built"]');
    // 34 lines crossing in a 17 × 17 grid: 2 · 17 · 16 = 544 edges.
    expect(await page.textContent('[data-testid="network-summary"]')).toContain('544 条路段');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="network-item"]');
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
});
