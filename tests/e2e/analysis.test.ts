import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvDocument } from '../../src/export/csv';
import { type Session, openPage, startSession, stopSession } from './browser';

type Opened = Awaited<ReturnType<typeof openPage>>;

const SCREENSHOTS = 'test-results';
let session: Session | undefined;

beforeAll(async () => {
  session = await startSession();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(() => stopSession(session));

const WHOLE = '[data-testid="analysis-row"][data-unit="回天地区"]';

/** The whole-area share shown for an indicator, as a number (percent), or null. */
async function wholeShare(page: Page, indicator: string): Promise<number | null> {
  const text = await page.textContent(`${WHOLE} td[data-indicator="${indicator}"]`);
  const match = text?.match(/([\d.]+)%/);
  return match ? Number(match[1]) : null;
}

/** Waits until the map has drawn the given analysis and features of a style layer. */
async function waitForDrawn(page: Page, drawn: string, styleLayer: string) {
  await page.waitForSelector(`[data-testid="map"][data-analysis-drawn="${drawn}"]`);
  await page.waitForFunction(
    (id) => window.__huitianMap!.renderedFeatures([id]).length > 0,
    styleLayer,
    { timeout: 30_000 },
  );
}

/**
 * Pixels of the gap colour (#e0115f at 0.75 over any ground: red high, green low) on the live
 * preview's canvas or in a frame the map draws. Runs in the page.
 */
async function gapMask(of: string): Promise<{ count: number; pixels: number[] }> {
  const source =
    of === 'map'
      ? await window.__huitianMap!.drawnFrame()
      : document.querySelector<HTMLCanvasElement>('[data-testid="analysis-preview"]')!;
  // Both in CSS pixels, the size of the map (which the preview covers).
  const map = document.querySelector<HTMLElement>('[data-testid="map"]')!;
  const copy = document.createElement('canvas');
  copy.width = map.clientWidth;
  copy.height = map.clientHeight;
  const context = copy.getContext('2d')!;
  context.drawImage(source, 0, 0, copy.width, copy.height);
  const data = context.getImageData(0, 0, copy.width, copy.height).data;
  const pixels: number[] = [];
  // Every other pixel of every other row is enough to compare shapes.
  for (let y = 0; y < copy.height; y += 2) {
    for (let x = 0; x < copy.width; x += 2) {
      const i = (y * copy.width + x) * 4;
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a > 100 && r > 160 && g < 80 && b > 50 && b < 140) pixels.push(y * copy.width + x);
    }
  }
  return { count: pixels.length, pixels };
}

/** A count the map keeps on its element (data-analysis-draws, data-analysis-previews). */
async function mapCount(page: Page, name: string): Promise<number> {
  return Number((await page.getAttribute('[data-testid="map"]', name)) ?? 0);
}

/** Waits until a count the map keeps exceeds `old`, and returns it. */
async function waitForMapCountAbove(page: Page, name: string, old: number): Promise<number> {
  await page.waitForFunction(
    ([attribute, before]) =>
      Number(document.querySelector('[data-testid="map"]')!.getAttribute(attribute)) > before,
    [name, old] as const,
  );
  return mapCount(page, name);
}

/** Waits until the live preview over the map has given way: its canvas fully transparent. */
async function waitForPreviewCleared(page: Page) {
  await page.waitForFunction(
    () => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="analysis-preview"]')!;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      return pixels.every((v, i) => i % 4 !== 3 || v === 0);
    },
    undefined,
    { timeout: 30_000 },
  );
}

/** Waits until the whole-area share shown for an indicator exceeds `old` percent. */
async function waitForWholeShareAbove(page: Page, indicator: string, old: number) {
  await page.waitForFunction(
    ([selector, before]) => {
      const share = Number(document.querySelector(selector)?.textContent?.match(/([\d.]+)%/)?.[1]);
      return Number.isFinite(share) && share > before;
    },
    [`${WHOLE} td[data-indicator="${indicator}"]`, old] as const,
  );
}

/** The table's text and the JSON of the analysis sources the map was given. */
async function settledState(page: Page) {
  const table = await page.locator('[data-testid="analysis-row"]').allTextContents();
  const sources: Record<string, string | null> = {};
  for (const id of ['analysis-served', 'analysis-gaps', 'analysis-unknown']) {
    sources[id] = await page.evaluate((source) => window.__huitianMap!.sourceData(source), id);
  }
  return { table, sources };
}

/** The park analysis opened from the header once the worker's idle warm-up has measured it. */
async function openParksAfterWarmUp(): Promise<Opened> {
  const opened = await openPage(session!);
  await opened.page.waitForFunction(
    () => performance.getEntriesByName('warm-up:done').length > 0,
    undefined,
    { timeout: 60_000 },
  );
  await opened.page.click('[data-testid="analysis-toggle"]');
  // The panel scrolls into view smoothly: the drag starts where the slider comes to rest.
  const slider = opened.page.locator('[data-testid="param-park-radius-slider"]');
  let last = '';
  for (;;) {
    await opened.page.waitForTimeout(200);
    const box = JSON.stringify(await slider.boundingBox());
    if (box === last) break;
    last = box;
  }
  return opened;
}

/** Drags the park radius slider from 500 m to about 950 m and compares the released state. */
async function dragRadiusSlider({ page, watch }: Opened) {
  await waitForDrawn(page, 'parks:coverage', 'analysis-gaps-fill');
  const slider = page.locator('[data-testid="param-park-radius-slider"]');
  expect(await slider.inputValue()).toBe('500');
  const box = (await slider.boundingBox())!;
  const at = (value: number) => box.x + 8 + ((box.width - 16) * (value - 50)) / (2000 - 50);
  const y = box.y + box.height / 2;
  const drawsBefore = await mapCount(page, 'data-analysis-draws');
  // The pointer on the slider readies the preview: the overlay takes over the map's fills.
  await page.mouse.move(at(500), y);
  await waitForMapCountAbove(page, 'data-analysis-previews', 0);
  await page.mouse.down();
  const seen: number[] = [];
  const gapPixels: number[] = [];
  let previews = await mapCount(page, 'data-analysis-previews');
  let value = 500;
  for (const step of [650, 800, 950]) {
    await page.mouse.move(at(step), y, { steps: 3 });
    value = Number(await slider.inputValue());
    // The field and the table follow the hand while the button is still down.
    expect(await page.inputValue('[data-testid="param-park-radius"]')).toBe(String(value));
    await waitForWholeShareAbove(page, 'parks', seen.at(-1) ?? 0);
    seen.push((await wholeShare(page, 'parks'))!);
    // So does the gap map, drawn as a preview over the map.
    previews = await waitForMapCountAbove(page, 'data-analysis-previews', previews);
    gapPixels.push(await page.evaluate(gapMask, 'preview').then((mask) => mask.count));
  }
  // The map's own sources were left alone during the drag.
  expect(await mapCount(page, 'data-analysis-draws')).toBe(drawsBefore);
  // Let the newest step's preview arrive (a busy worker coalesces steps) before comparing.
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${SCREENSHOTS}/analysis-slider-drag.png` });
  const previewMask = await page.evaluate(gapMask, 'preview');
  await page.mouse.up();
  expect(value).toBeGreaterThan(900);
  // A wider radius serves more and leaves fewer gaps: each step's share is above the last.
  expect(seen[1]).toBeGreaterThan(seen[0]!);
  expect(seen[2]).toBeGreaterThan(seen[1]!);
  expect(gapPixels[1]).toBeLessThan(gapPixels[0]!);
  expect(gapPixels[2]).toBeLessThan(gapPixels[1]!);

  // On release the map's sources take the result; once the pointer leaves the slider, the
  // preview gives way to them.
  await waitForMapCountAbove(page, 'data-analysis-draws', drawsBefore);
  await page.mouse.move(box.x + box.width / 2, box.y - 120);
  await waitForPreviewCleared(page);
  await waitForDrawn(page, 'parks:coverage', 'analysis-gaps-fill');
  expect(page.url()).toContain(`park-radius=${value}`);
  await page.screenshot({ path: `${SCREENSHOTS}/analysis-slider.png` });
  // The preview was drawn where the map draws the gaps: nearly every gap pixel of the preview
  // is a gap pixel of the map (not all: the map draws labels and lines over its gaps, and
  // other pink features count on the map, so the converse is no measure).
  const mapMask = await page.evaluate(gapMask, 'map');
  const onMap = new Set(mapMask.pixels);
  const both = previewMask.pixels.filter((i) => onMap.has(i)).length;
  expect(previewMask.count).toBeGreaterThan(50);
  expect(both / previewMask.count).toBeGreaterThan(0.8);

  // The released state is the settled one: a page opened at the same radius shows the same
  // table and gives the map the same collections.
  const released = await settledState(page);
  const { page: settled } = await openPage(session!, `#analysis=parks&park-radius=${value}`);
  await waitForDrawn(settled, 'parks:coverage', 'analysis-gaps-fill');
  expect(await settledState(settled)).toEqual(released);
  expect(watch.consoleErrors).toEqual([]);
  await settled.close();
  await page.close();
}

/** Steps the park radius slider by arrow keys and compares the state after the pause. */
async function stepRadiusSliderByKeys({ page, watch }: Opened) {
  await waitForDrawn(page, 'parks:coverage', 'analysis-gaps-fill');
  const slider = page.locator('[data-testid="param-park-radius-slider"]');
  expect(await slider.getAttribute('aria-valuetext')).toBe('500 米');
  const drawsBefore = await mapCount(page, 'data-analysis-draws');
  const sourcesBefore = (await settledState(page)).sources;
  await slider.focus();
  const seen: number[] = [];
  let previews = await mapCount(page, 'data-analysis-previews');
  let value = 500;
  // An arrow key held down repeats: each repeat is a step, as each press is.
  for (let step = 0; step < 3; step++) {
    for (let repeat = 0; repeat < 3; repeat++) await page.keyboard.down('ArrowRight');
    value += 30;
    expect(await slider.inputValue()).toBe(String(value));
    expect(await page.inputValue('[data-testid="param-park-radius"]')).toBe(String(value));
    expect(await slider.getAttribute('aria-valuetext')).toBe(`${value} 米`);
    await waitForWholeShareAbove(page, 'parks', seen.at(-1) ?? 0);
    seen.push((await wholeShare(page, 'parks'))!);
    // The gap map follows as a preview over the map ...
    previews = await waitForMapCountAbove(page, 'data-analysis-previews', previews);
    // ... and the map's own sources are left alone while the key is down.
    expect(await mapCount(page, 'data-analysis-draws')).toBe(drawsBefore);
    expect((await settledState(page)).sources).toEqual(sourcesBefore);
  }
  expect(seen[1]).toBeGreaterThan(seen[0]!);
  expect(seen[2]).toBeGreaterThan(seen[1]!);
  // Let go, and two more quick presses: still one interaction, the pause comes after them.
  await page.keyboard.up('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  value += 20;
  expect(await slider.getAttribute('aria-valuetext')).toBe(`${value} 米`);

  // After the pause the map's sources take the result of the last value, and the preview
  // gives way to the map's fills (the slider keeps the focus).
  await waitForMapCountAbove(page, 'data-analysis-draws', drawsBefore);
  await waitForPreviewCleared(page);
  await waitForDrawn(page, 'parks:coverage', 'analysis-gaps-fill');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
    'param-park-radius-slider',
  );
  expect(page.url()).toContain(`park-radius=${value}`);
  await page.screenshot({ path: `${SCREENSHOTS}/analysis-slider-keys.png` });
  // The settled state is that of a page opened at the same radius, and the sources were set
  // once for the whole interaction.
  const released = await settledState(page);
  const { page: settled } = await openPage(session!, `#analysis=parks&park-radius=${value}`);
  await waitForDrawn(settled, 'parks:coverage', 'analysis-gaps-fill');
  expect(await settledState(settled)).toEqual(released);
  expect(await mapCount(page, 'data-analysis-draws')).toBe(drawsBefore + 1);
  expect(watch.consoleErrors).toEqual([]);
  await settled.close();
  await page.close();
}

describe('coverage analysis in the browser', () => {
  it('measures park coverage, draws the gaps, and recomputes when a radius changes', async () => {
    const { page, watch } = await openPage(session!);
    await page.click('[data-testid="analysis-toggle"]');
    await page.waitForSelector(`${WHOLE} td[data-indicator="parks"]`);
    await waitForDrawn(page, 'parks:coverage', 'analysis-gaps-fill');
    const before = await wholeShare(page, 'parks');
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(100);
    // The unit whose park data is incomplete reads as a lower bound.
    const flagged = await page.getAttribute(
      '[data-unit="天通苑北街道"] td[data-indicator="parks"]',
      'data-lower-bound',
    );
    expect(flagged).toBe('true');
    await page.screenshot({ path: `${SCREENSHOTS}/analysis-parks.png` });

    await page.fill('[data-testid="param-park-radius"]', '800');
    await page.waitForFunction(
      ([selector, old]) => {
        const text = document.querySelector(selector)?.textContent ?? '';
        const share = Number(text.match(/([\d.]+)%/)?.[1]);
        return Number.isFinite(share) && share !== old;
      },
      [`${WHOLE} td[data-indicator="parks"]`, before] as const,
    );
    const after = await wholeShare(page, 'parks');
    expect(after).toBeGreaterThan(before!);
    expect(page.url()).toContain('park-radius=800');
    await waitForDrawn(page, 'parks:coverage', 'analysis-gaps-fill');
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
    await page.close();
  });

  it("prepares the shipped area's rows from the prepared-rows file, read once the map is drawn", async () => {
    const { page, watch } = await openPage(session!);
    // The idle warm-up after the first idle map says whether the file was used, and why not.
    const handle = await page.waitForFunction(
      () => {
        const mark = performance.getEntriesByName('warm-up:done')[0] as PerformanceMark | undefined;
        return mark && (mark.detail as { preparedRowsRefused: string | null });
      },
      undefined,
      { timeout: 60_000 },
    );
    expect(await handle.jsonValue()).toMatchObject({ preparedRowsRefused: null });
    // Read when the worker started at the first idle map, not with what the first map needs.
    const reads = await page.evaluate(() => ({
      idle: performance.getEntriesByName('map:first-idle')[0]!.startTime,
      file: performance
        .getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname.endsWith('/geo/prepared-rows.bin'))
        .map((e) => e.startTime),
    }));
    expect(reads.file).toHaveLength(1);
    expect(reads.file[0]).toBeGreaterThan(reads.idle);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
    await page.close();
  });

  it('exports the table as CSV and the map as GeoJSON, matching the screen', async () => {
    const { page } = await openPage(session!, '#analysis=parks');
    await page.waitForSelector(`${WHOLE} td[data-indicator="parks"]`);
    const shown = await wholeShare(page, 'parks');
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="analysis-export-csv"]'),
    ]);
    const csv = parseCsvDocument(readFileSync((await csvDownload.path())!, 'utf8'));
    const whole = csv.rows.find((r) => r[0] === '回天地区')!;
    expect(Number(whole[csv.header.indexOf('parks_share')]) * 100).toBeCloseTo(shown!, 1);
    expect(csv.rows).toHaveLength(8);
    expect(csv.metadata.join(' ')).toContain('OpenStreetMap');
    const [mapDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="analysis-export-geojson"]'),
    ]);
    const geojson = JSON.parse(readFileSync((await mapDownload.path())!, 'utf8'));
    const layers = new Set(
      geojson.features.map((f: { properties: { layer: string } }) => f.properties.layer),
    );
    expect(layers).toEqual(new Set(['served', 'gap', 'no-data']));
    await page.close();
  });

  it('follows a radius slider while it is dragged: the table and a preview of the gap map change before release, and release draws the settled map', async () => {
    await dragRadiusSlider(await openPage(session!, '#analysis=parks'));
  });

  it('drags a radius slider to the settled map when the panel opens after the idle warm-up', async () => {
    // As people use it: the map first, the panel later, its tab's result already measured.
    await dragRadiusSlider(await openParksAfterWarmUp());
  });

  it('follows the arrow keys on a radius slider like a drag: the table and the preview change with each step, and the map takes the result once the keys pause', async () => {
    await stepRadiusSliderByKeys(await openPage(session!, '#analysis=parks'));
  });

  it('steps a radius slider by keys to the settled map when the panel opens after the idle warm-up', async () => {
    await stepRadiusSliderByKeys(await openParksAfterWarmUp());
  });

  it("draws an active scenario's effect in the preview during a drag, and leaves its sources to the release", async () => {
    // A 1 ha park added in a large residential block of 天通苑北街道, away from every park.
    const centre: [number, number] = [116.4215, 40.069];
    const { page, watch } = await openPage(
      session!,
      `#map=15/${centre[1]}/${centre[0]}&analysis=parks`,
    );
    await page.waitForSelector('[data-testid="map"][data-analysis-drawn="parks:coverage"]');
    await page.click('[data-testid="scenario-toggle"]');
    await page.click('[data-testid="scenario-new"]');
    await page.click('[data-testid="scenario-tool-add-park"]');
    for (const [dx, dy] of [
      [-0.00065, -0.0005],
      [0.00065, -0.0005],
      [0.00065, 0.0005],
      [-0.00065, 0.0005],
    ]) {
      const { x, y } = await page.evaluate((p) => window.__huitianMap!.project(p), [
        centre[0] + dx!,
        centre[1] + dy!,
      ] as [number, number]);
      await page.mouse.click(x, y);
    }
    await page.click('[data-testid="scenario-finish-park"]');
    await page.click('[data-testid="scenario-toggle"]');
    await page.waitForFunction(
      () => window.__huitianMap!.renderedFeatures(['scenario-newly-served-fill']).length > 0,
    );
    const newlyServed = () =>
      page.evaluate(() => window.__huitianMap!.sourceData('scenario-newly-served'));
    const before = await newlyServed();

    const slider = page.locator('[data-testid="param-park-radius-slider"]');
    const box = (await slider.boundingBox())!;
    const at = (value: number) => box.x + 8 + ((box.width - 16) * (value - 50)) / (2000 - 50);
    const y = box.y + box.height / 2;
    await page.mouse.move(at(500), y);
    await page.mouse.down();
    await page.mouse.move(at(800), y, { steps: 3 });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="param-park-radius"]') instanceof HTMLInputElement &&
        (document.querySelector('[data-testid="param-park-radius"]') as HTMLInputElement).value !==
          '500',
    );
    await page.waitForTimeout(1500);
    // The preview draws the park's newly served land (purple, over whatever is below it).
    const purple = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="analysis-preview"]')!;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
        if (a > 100 && b > r + 20 && b > 140 && g < 130) count++;
      }
      return count;
    });
    expect(purple).toBeGreaterThan(100);
    // The map's source of it waits for the release.
    expect(await newlyServed()).toBe(before);
    await page.screenshot({ path: `${SCREENSHOTS}/analysis-slider-scenario.png` });
    await page.mouse.up();
    await page.waitForFunction(
      async (old) => (await window.__huitianMap!.sourceData('scenario-newly-served')) !== old,
      before,
    );
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('on a tilted map, a drag gives each result to the map itself (the preview would not line up)', async () => {
    const { page, watch } = await openPage(session!, '#analysis=parks');
    await waitForDrawn(page, 'parks:coverage', 'analysis-gaps-fill');
    // Tilt the map: drag upwards with the right button held.
    const map = (await page.locator('[data-testid="map"]').boundingBox())!;
    await page.mouse.move(map.x + map.width / 2, map.y + map.height / 2);
    await page.mouse.down({ button: 'right' });
    await page.mouse.move(map.x + map.width / 2, map.y + map.height / 2 - 150, { steps: 10 });
    await page.mouse.up({ button: 'right' });
    await page.waitForTimeout(1000);
    const previews = await mapCount(page, 'data-analysis-previews');
    const draws = await mapCount(page, 'data-analysis-draws');
    const slider = page.locator('[data-testid="param-park-radius-slider"]');
    const box = (await slider.boundingBox())!;
    const at = (value: number) => box.x + 8 + ((box.width - 16) * (value - 50)) / (2000 - 50);
    const y = box.y + box.height / 2;
    await page.mouse.move(at(500), y);
    await page.mouse.down();
    await page.mouse.move(at(800), y, { steps: 3 });
    // The map's sources follow while the button is still down.
    await waitForMapCountAbove(page, 'data-analysis-draws', draws);
    await page.mouse.up();
    expect(await mapCount(page, 'data-analysis-previews')).toBe(previews);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('keeps what was typed and the last result when a radius is invalid', async () => {
    const { page } = await openPage(session!, '#analysis=parks');
    await page.waitForSelector(`${WHOLE} td[data-indicator="parks"]`);
    const before = await wholeShare(page, 'parks');
    await page.fill('[data-testid="param-park-radius"]', '-50');
    await page.waitForSelector('.parameter.invalid [role="alert"]');
    expect(await page.inputValue('[data-testid="param-park-radius"]')).toBe('-50');
    await page.waitForTimeout(600);
    expect(await wholeShare(page, 'parks')).toBe(before);
    expect(page.url()).not.toContain('park-radius');
    await page.close();
  });

  it('says so when a link holds a parameter it cannot use, and uses the default', async () => {
    const { page } = await openPage(session!, '#analysis=parks&park-radius=0x10&lang=en');
    const notice = await page.textContent('[data-testid="link-notice-parameters"]');
    expect(notice).toContain('park-radius=0x10');
    expect(notice).toContain('default 500');
    expect(await page.inputValue('[data-testid="param-park-radius"]')).toBe('500');
    await page.close();
  });

  it('opens from a link on school catchments and lists each school', async () => {
    const { page } = await openPage(session!, '#analysis=schools&level=middle&catchments=1');
    await page.waitForSelector('[data-testid="catchment-row"]');
    await waitForDrawn(page, 'schools:catchments', 'analysis-catchments-fill');
    const rows = await page.$$('[data-testid="catchment-row"]');
    expect(rows.length).toBeGreaterThan(5);
    for (const level of ['kindergarten', 'primary', 'middle']) {
      expect(await wholeShare(page, level)).toBeGreaterThan(0);
    }
    const blocks = await page.evaluate(() =>
      window.__huitianMap!.renderedFeatures(['analysis-catchments-fill']),
    );
    expect(new Set(blocks.map((b) => b.school_id)).size).toBeGreaterThan(5);
    await page.screenshot({ path: `${SCREENSHOTS}/analysis-catchments.png` });
    await page.close();
  });

  it('says plainly that parking is not measured, never 0%', async () => {
    const { page } = await openPage(session!, '#analysis=parking');
    await page.waitForSelector('[data-testid="parking-no-data"]');
    const cells = await page.$$eval('td[data-indicator="parking"]', (tds) =>
      tds.map((td) => td.textContent ?? ''),
    );
    expect(cells).toHaveLength(8);
    for (const cell of cells) {
      expect(cell).not.toMatch(/%/);
      expect(cell).toContain('无数据');
    }
    // The whole area, measured over no unit, shows no land rather than 0.00 km².
    expect(await page.textContent(`${WHOLE} [data-testid="residential-area"]`)).toBe('—');
    await page.waitForSelector('[data-testid="parking-histogram-empty"]');
    await page.close();
  });

  it('fits on a phone: the panel is a bottom sheet and the map stays visible', async () => {
    const { page } = await openPage(session!, '#analysis=parks', { width: 390, height: 844 });
    await page.waitForSelector(`${WHOLE} td[data-indicator="parks"]`);
    const map = await page.locator('[data-testid="map"]').boundingBox();
    const panel = await page.locator('[data-testid="analysis-panel"]').boundingBox();
    expect(map!.height).toBeGreaterThan(300);
    expect(panel!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SCREENSHOTS}/analysis-phone.png` });
    await page.close();
  });
});
