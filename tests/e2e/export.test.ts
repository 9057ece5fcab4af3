import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioToGeoJson } from '../../src/analysis/scenario';
import { pageLayout } from '../../src/export/page_layout';
import { type Session, openPage, startSession, stopSession } from './browser';

let session: Session | undefined;
beforeAll(async () => {
  session = await startSession();
});
afterAll(() => stopSession(session));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** Decodes the PNG in the page and reports colours found in a region. */
function regionColours(
  page: Page,
  png: Buffer,
  region: { x: number; y: number; width: number; height: number },
) {
  return page.evaluate(
    async ({ base64, region }) => {
      const binary = atob(base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      const blob = new Blob([bytes], { type: 'image/png' });
      const bitmap = await createImageBitmap(blob);
      const canvas = document.createElement('canvas');
      canvas.width = region.width;
      canvas.height = region.height;
      const g = canvas.getContext('2d')!;
      g.drawImage(bitmap, -region.x, -region.y);
      const pixels = g.getImageData(0, 0, region.width, region.height).data;
      const colours = new Set<string>();
      for (let i = 0; i < pixels.length; i += 4 * 7) {
        colours.add(`${pixels[i]},${pixels[i + 1]},${pixels[i + 2]}`);
      }
      return [...colours];
    },
    { base64: png.toString('base64'), region },
  );
}

async function exportWith(page: Page, choices: Record<string, string>) {
  await page.click('[data-testid="export-toggle"]');
  await page.waitForSelector('[data-testid="export-dialog"]');
  for (const [field, value] of Object.entries(choices)) {
    await page.selectOption(`[data-testid="export-${field}"]`, value);
  }
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 150_000 }),
    page.click('[data-testid="export-start"]'),
  ]);
  return readFileSync((await download.path())!);
}

describe('print export', () => {
  it('writes an A4 landscape 300 dpi PNG of 3508 × 2480 with the map and its legend', async () => {
    const { page, watch } = await openPage(session!, '#analysis=parks');
    await page.waitForSelector('[data-testid="analysis-row"]');
    const png = await exportWith(page, {});
    expect(pngSize(png)).toEqual([3508, 2480]);
    const layout = pageLayout({ paper: 'A4', orientation: 'landscape', dpi: 300 }, true);
    const legend = await regionColours(page, png, layout.legend);
    // The gap colour (#e0115f) and the park colour (#6dbb63) are in the legend.
    expect(legend).toContain('224,17,95');
    expect(legend).toContain('109,187,99');
    // Each metro line is named in its own colour: Line 18's purple (#665794) is there.
    expect(legend).toContain('102,87,148');
    const map = await regionColours(page, png, layout.map);
    expect(map.length).toBeGreaterThan(50);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  }, 200_000);

  it('includes the active scenario: its park, the newly served land and their legend', async () => {
    const { page, watch } = await openPage(session!, '#map=14/40.069/116.4215&analysis=parks');
    await page.click('[data-testid="scenario-toggle"]');
    const scenario = scenarioToGeoJson({
      id: 'export-test',
      name: '天通苑北口袋公园',
      createdAt: '2026-11-29T00:00:00.000Z',
      updatedAt: '2026-11-29T00:00:00.000Z',
      edits: [
        {
          id: 'park-a',
          type: 'add-park',
          name: '规划公园 1',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [116.421, 40.0685],
                [116.422, 40.0685],
                [116.422, 40.0695],
                [116.421, 40.0695],
                [116.421, 40.0685],
              ],
            ],
          },
        },
      ],
    });
    await page.setInputFiles('[data-testid="scenario-import-input"]', {
      name: 'scenario.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(scenario)),
    });
    await page.waitForSelector('[data-testid="map"][data-scenario-drawn="export-test"]');
    const png = await exportWith(page, { dpi: '150' });
    const layout = pageLayout({ paper: 'A4', orientation: 'landscape', dpi: 150 }, true);
    // The newly served colour (#7b2cbf) is in the legend; the added park fills the map's centre.
    expect(await regionColours(page, png, layout.legend)).toContain('123,44,191');
    const centre = {
      x: Math.round(layout.map.x + layout.map.width / 2) - 1,
      y: Math.round(layout.map.y + layout.map.height / 2) - 1,
      width: 3,
      height: 3,
    };
    for (const colour of await regionColours(page, png, centre)) {
      const [r, g, b] = colour.split(',').map(Number) as [number, number, number];
      expect(g).toBeGreaterThan(r);
      expect(g).toBeGreaterThan(b);
    }
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  }, 200_000);

  it('titles the page from the radius in force, previews it, closes on Escape or a click outside, and writes a PDF with searchable text', async () => {
    const { page, watch } = await openPage(session!, '#analysis=parks&park-radius=800');
    await page.waitForSelector('[data-testid="analysis-row"]');
    await page.click('[data-testid="export-toggle"]');
    const title = await page.inputValue('[data-testid="export-title"]');
    expect(title).toContain('公园绿地800米服务半径覆盖');
    expect(title).not.toContain('500');
    await page.waitForSelector('[data-testid="export-preview"] img', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="export-scale-ratio"]')).toMatch(/1:[\d,]+/);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="export-dialog"]', { state: 'detached' });
    await page.click('[data-testid="export-toggle"]');
    await page.mouse.click(5, 400);
    await page.waitForSelector('[data-testid="export-dialog"]', { state: 'detached' });

    const pdf = await exportWith(page, { format: 'pdf', dpi: '150' });
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    writeFileSync(join(dir, 'map.pdf'), pdf);
    const info = execFileSync('pdfinfo', [join(dir, 'map.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.2\d* pts/);
    const text = execFileSync('pdftotext', [join(dir, 'map.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('回天地区 · 公园绿地800米服务半径覆盖');
    expect(text).toContain('公园绿地800米服务半径内的居住用地');
    expect(text).toMatch(/1:[\d,]+/);
    expect(text).toContain('数据来源');
    expect(text).not.toContain('500米');
    // Nothing is dropped from the legend or the footer: every metro line is named, and the
    // analysis note and the sources are there in full.
    const lines = (
      JSON.parse(readFileSync('public/geo/metro-lines.geojson', 'utf8')) as {
        features: { properties: { line: string } }[];
      }
    ).features.map((f) => f.properties.line);
    const flat = text.replace(/\s+/g, '');
    for (const line of new Set(lines)) expect(flat).toContain(line);
    expect(flat).toContain('公园绿地800米服务半径内的居住用地');
    expect(flat).toMatch(/数据来源.*OpenStreetMap/);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
    await page.close();
  }, 200_000);
});
