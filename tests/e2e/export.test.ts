import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Rect } from '../../src/export/page_layout';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioToGeoJson } from '../../src/analysis/scenario';
import { LAYER_IDS } from '../../src/data/layers';
import { pageLayout } from '../../src/export/page_layout';
import { pngRegion, pngSize } from '../png_region';
import { type Session, openPage, startSession, stopSession } from './browser';

let session: Session | undefined;
beforeAll(async () => {
  session = await startSession();
});
afterAll(() => stopSession(session));

/** The colours of every seventh pixel of a region of a PNG, as "r,g,b". */
function regionColours(png: Buffer, region: Rect): string[] {
  const { rgba } = pngRegion(png, region);
  const colours = new Set<string>();
  for (let i = 0; i < rgba.length; i += 4 * 7)
    colours.add(`${rgba[i]},${rgba[i + 1]},${rgba[i + 2]}`);
  return [...colours];
}

/** Each word of a PDF's text with its box, in page pixels at `dpi`. */
function pdfWords(pdf: string, dpi: number): (Rect & { text: string })[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const px = (pt: string) => (Number(pt) * dpi) / 72;
  return [
    ...html.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map(([, x0, y0, x1, y1, text]) => ({
    x: px(x0!),
    y: px(y0!),
    width: px(x1!) - px(x0!),
    height: px(y1!) - px(y0!),
    text: text!,
  }));
}

const inside = (r: Rect, box: Rect) =>
  r.x >= box.x - 1 &&
  r.y >= box.y - 1 &&
  r.x + r.width <= box.x + box.width + 1 &&
  r.y + r.height <= box.y + box.height + 1;

/** A grid of `cell`-pixel squares over a region of a PNG: whether each holds text-dark ink. */
function inkCells(png: Buffer, region: Rect, cell: number): boolean[][] {
  const { width, height, rgba } = pngRegion(png, region);
  const grid: boolean[][] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 4 * (y * width + x);
      if (rgba[i]! + rgba[i + 1]! + rgba[i + 2]! < 200) {
        const row = (grid[Math.floor(y / cell)] ??= []);
        row[Math.floor(x / cell)] = true;
      }
    }
  }
  return grid;
}

/** Inked cells of `a` with no inked cell of `b` at or next to them. */
function unmatchedCells(a: boolean[][], b: boolean[][]): string[] {
  const cells: string[] = [];
  a.forEach((row, y) =>
    row?.forEach((ink, x) => {
      if (!ink) return;
      const near = [-1, 0, 1].some((dy) => [-1, 0, 1].some((dx) => b[y + dy]?.[x + dx]));
      if (!near) cells.push(`${x},${y}`);
    }),
  );
  return cells;
}

/** Imports a scenario that adds one park near 天通苑 and waits until the map shows it. */
async function importScenario(page: Page) {
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
}

/** Exports with the dialog's choices (opening the dialog if it is not open yet). */
async function exportWith(page: Page, choices: Record<string, string>) {
  if (!(await page.isVisible('[data-testid="export-dialog"]'))) {
    await page.click('[data-testid="export-toggle"]');
    await page.waitForSelector('[data-testid="export-dialog"]');
  }
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
    const legend = regionColours(png, layout.legend);
    // The gap colour (#e0115f) and the park colour (#6dbb63) are in the legend.
    expect(legend).toContain('224,17,95');
    expect(legend).toContain('109,187,99');
    // Each metro line is named in its own colour: Line 18's purple (#665794) is there.
    expect(legend).toContain('102,87,148');
    const map = regionColours(png, layout.map);
    expect(map.length).toBeGreaterThan(50);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  }, 200_000);

  it('includes the active scenario: its park, the newly served land and their legend', async () => {
    const { page, watch } = await openPage(session!, '#map=14/40.069/116.4215&analysis=parks');
    await importScenario(page);
    const png = await exportWith(page, { dpi: '150' });
    const layout = pageLayout({ paper: 'A4', orientation: 'landscape', dpi: 150 }, true);
    // The newly served colour (#7b2cbf) is in the legend; the added park fills the map's centre.
    expect(regionColours(png, layout.legend)).toContain('123,44,191');
    const centre = {
      x: Math.round(layout.map.x + layout.map.width / 2) - 1,
      y: Math.round(layout.map.y + layout.map.height / 2) - 1,
      width: 3,
      height: 3,
    };
    for (const colour of regionColours(png, centre)) {
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
  it('writes an English page in English: whole words on each line, no Chinese punctuation', async () => {
    const { page, watch } = await openPage(session!, '#analysis=parks&park-radius=800&lang=en');
    await page.waitForSelector('[data-testid="analysis-row"]');
    const onScreen = await page.locator('[data-testid="legend-row"]').allTextContents();
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    writeFileSync(join(dir, 'map.pdf'), await exportWith(page, { format: 'pdf', dpi: '150' }));
    const text = execFileSync('pdftotext', [join(dir, 'map.pdf'), '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, ' ');
    // A wrapped label breaks between words, so its words follow each other whole.
    for (const label of [...onScreen, 'Residential land within 800 m of a park']) {
      expect(flat).toContain(label);
    }
    expect(flat).toMatch(/Parks: ≥5,000 m²: 800 m; ≥2,000 m²: 300 m/);
    // Chinese appears only in place names, never its punctuation around English words.
    const names = new Set<string>();
    for (const file of readdirSync('public/geo').filter((f) => f.endsWith('.geojson'))) {
      const collection = JSON.parse(readFileSync(`public/geo/${file}`, 'utf8')) as {
        features: { properties: Record<string, unknown> | null }[];
      };
      for (const f of collection.features) {
        if (typeof f.properties?.name === 'string') names.add(f.properties.name);
      }
    }
    const longestFirst = [...names].sort((a, b) => b.length - a.length);
    const rest = longestFirst.reduce((t, name) => t.split(name).join(''), text);
    expect(rest.match(/.{0,20}[：（）、；，].{0,20}/g)).toBeNull();
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  }, 200_000);

  it('prints a long legend whole on an A4 portrait page: every entry, in the PNG and the PDF', async () => {
    const all = LAYER_IDS.join(',');
    const { page, watch } = await openPage(
      session!,
      `#map=14/40.069/116.4215&analysis=parks&layers=${all}`,
    );
    await page.waitForSelector('[data-testid="analysis-row"]');
    await importScenario(page);
    await page.waitForSelector('[data-testid="analysis-legend"] li >> nth=4');
    // What the screen's legends list: every layer row, the no-data and the scenario rows (the
    // served and gap rows are printed with their radius, checked below).
    const onScreen = [
      ...(await page.locator('[data-testid="legend-row"]').allTextContents()),
      ...(await page.locator('[data-testid="analysis-legend"] li').allTextContents()).filter(
        (label) => !label.startsWith('服务'),
      ),
      '公园绿地500米服务半径内的居住用地',
      '服务盲区（公园绿地500米半径外的居住用地）',
    ];
    expect(onScreen.length).toBeGreaterThan(35);
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    writeFileSync(
      join(dir, 'map.pdf'),
      await exportWith(page, { orientation: 'portrait', dpi: '150', format: 'pdf' }),
    );
    const png = await exportWith(page, { format: 'png' });
    const layout = pageLayout({ paper: 'A4', orientation: 'portrait', dpi: 150 }, true);
    expect(pngSize(png)).toEqual([layout.width, layout.height]);

    // The PDF: every entry's words lie inside the legend box, none past it or off the page.
    const words = pdfWords(join(dir, 'map.pdf'), 150);
    const legendText = words
      .filter((word) => inside(word, layout.legend))
      .map((word) => word.text)
      .join('');
    for (const label of onScreen) expect(legendText).toContain(label.replace(/\s+/g, ''));
    expect(legendText).toContain('方案新增设施');
    expect(legendText).toContain('天通苑北口袋公园');
    const parts = [layout.title, layout.map, layout.legend, layout.footer];
    for (const word of words) {
      expect(
        parts.some((part) => inside(word, part)),
        word.text,
      ).toBe(true);
    }

    // The PNG draws the same lines: its ink in the legend box is where the PDF's is (drawn by
    // pdftoppm), cell by cell, so no line is missing, cut or pushed out of the box.
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '150',
      '-singlefile',
      join(dir, 'map.pdf'),
      join(dir, 'page'),
    ]);
    const cell = 6;
    const fromPdf = inkCells(readFileSync(join(dir, 'page.png')), layout.legend, cell);
    const fromPng = inkCells(png, layout.legend, cell);
    expect(fromPdf.flat().filter(Boolean).length).toBeGreaterThan(500);
    expect(unmatchedCells(fromPdf, fromPng)).toEqual([]);
    expect(unmatchedCells(fromPng, fromPdf)).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  }, 300_000);

  it('leaves out a label that would cross the map frame instead of cutting it', async () => {
    // At street zoom compound and road names stand all over the map, at its edges too.
    const { page, watch } = await openPage(session!, '#map=15.5/40.075/116.33', {
      width: 1440,
      height: 900,
    });
    await exportWith(page, { dpi: '150' });
    const printed = await page.evaluate(() => window.__huitianPrint!);
    expect(printed.labels).toBeGreaterThan(10);
    // No placed label's box reaches the frame's outermost pixels: none is cut by the frame.
    expect(printed.labelsAtEdge).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  }, 200_000);
});
