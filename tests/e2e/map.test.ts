import { mkdirSync, readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelPoints } from '../../src/analysis/label_points';
import { SUBDISTRICT_NAMES } from '../../src/data/layers';
import { type Session, openPage, startSession, stopSession } from './browser';

const SCREENSHOTS = 'test-results';
let session: Session | undefined;

beforeAll(async () => {
  session = await startSession();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(() => stopSession(session));

function renderedFeatures(page: Page, layers: string[]) {
  return page.evaluate((ids) => window.__huitianMap!.renderedFeatures(ids), layers);
}

function readLayer(name: string) {
  return JSON.parse(readFileSync(`public/geo/${name}.geojson`, 'utf8')) as FeatureCollection<
    Polygon | MultiPolygon,
    { name: string; id: string }
  >;
}

/** Screen position of a point inside the named feature (its label point). */
async function screenPointInside(page: Page, layer: string, name: string) {
  const collection = readLayer(layer);
  const areas = collection.features.filter((f) => f.geometry.type.endsWith('Polygon'));
  const point = labelPoints({ ...collection, features: areas }).features.find(
    (f) => f.properties.name === name,
  );
  expect(point, `${name} in ${layer}`).toBeDefined();
  const position = point!.geometry.coordinates as [number, number];
  return page.evaluate((p) => window.__huitianMap!.project(p), position);
}

describe('the map of the 回天 area', () => {
  it('loads with no console error, no CSP violation and no request to another host', async () => {
    const { page, watch } = await openPage(session!);
    await page.screenshot({ path: `${SCREENSHOTS}/map-default.png` });
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("'unsafe-eval'");
    await page.close();
  });

  it('draws all seven sub-districts and their labels', async () => {
    const { page } = await openPage(session!);
    const fills = await renderedFeatures(page, ['subdistricts-fill']);
    expect(new Set(fills.map((f) => f.name))).toEqual(new Set(SUBDISTRICT_NAMES));
    const labels = await renderedFeatures(page, ['subdistricts-label']);
    expect(labels.length).toBeGreaterThanOrEqual(6);
    await page.close();
  });

  it('draws the plan layout: axis, belt, two corridors and four clusters', async () => {
    const { page } = await openPage(session!);
    const layout = await renderedFeatures(page, ['plan-lines', 'plan-cluster-fill']);
    const kinds = new Map<string, Set<string>>();
    for (const f of layout) {
      const kind = String(f.kind);
      kinds.set(kind, (kinds.get(kind) ?? new Set()).add(String(f.id)));
    }
    expect(kinds.get('axis')?.size).toBe(1);
    expect(kinds.get('belt')?.size).toBe(1);
    expect(kinds.get('corridor')?.size).toBe(2);
    expect(kinds.get('cluster')?.size).toBe(4);
    await page.close();
  });

  it('opens a sub-district panel with its name and computed area on click', async () => {
    const { page } = await openPage(session!, '#map=12.40/40.08000/116.30000&layers=subdistricts');
    const point = await screenPointInside(page, 'subdistricts', '回龙观街道');
    await page.mouse.click(point.x, point.y);
    const panel = page.getByTestId('subdistrict-panel');
    await panel.waitFor();
    expect(await page.getByTestId('subdistrict-name').textContent()).toBe('回龙观街道');
    const area = await page.getByTestId('subdistrict-area').textContent();
    expect(Number.parseFloat(area ?? '')).toBeCloseTo(9.31, 1);
    const communities = await page.getByTestId('community-list').locator('li').count();
    expect(communities).toBeGreaterThan(10);
    await page.screenshot({ path: `${SCREENSHOTS}/subdistrict-panel.png` });
    await page.close();
  });

  it('highlights the sub-district under the pointer and the one chosen, and only those', async () => {
    const { page } = await openPage(session!, '#map=12.40/40.08000/116.30000&layers=subdistricts');
    const highlighted = () =>
      page.evaluate(() => {
        const units = window.__huitianMap!.renderedFeatures(['subdistricts-fill']);
        const named = (key: string) =>
          [
            ...new Set(
              units
                .filter((f) => (f.__state as Record<string, boolean>)[key])
                .map((f) => String(f.name)),
            ),
          ].sort();
        return { hover: named('hover'), selected: named('selected') };
      });
    expect(await highlighted()).toEqual({ hover: [], selected: [] });
    const first = await screenPointInside(page, 'subdistricts', '回龙观街道');
    const second = await screenPointInside(page, 'subdistricts', '史各庄街道');
    await page.mouse.move(first.x, first.y);
    await expect.poll(highlighted).toEqual({ hover: ['回龙观街道'], selected: [] });
    await page.mouse.click(first.x, first.y);
    await expect.poll(highlighted).toEqual({ hover: ['回龙观街道'], selected: ['回龙观街道'] });
    await page.mouse.move(second.x, second.y);
    await expect.poll(highlighted).toEqual({ hover: ['史各庄街道'], selected: ['回龙观街道'] });
    await page.mouse.click(second.x, second.y);
    await expect.poll(highlighted).toEqual({ hover: ['史各庄街道'], selected: ['史各庄街道'] });
    await page.screenshot({ path: `${SCREENSHOTS}/subdistrict-highlight.png` });
    await page.close();
  });

  it('shows the plan’s own words when a layout element is clicked', async () => {
    const { page } = await openPage(session!, '#map=13.00/40.06800/116.41500&layers=plan-layout');
    const clusters = (await renderedFeatures(page, ['plan-cluster-fill'])).filter(
      (f) => f.id === 'plan-cluster-liveable',
    );
    expect(clusters.length).toBeGreaterThan(0);
    const point = await screenPointInside(page, 'plan-layout', '和谐宜居组团');
    await page.mouse.click(point.x, point.y);
    await page.getByTestId('plan-element-panel').waitFor();
    expect(await page.getByTestId('plan-element-name').textContent()).toBe('和谐宜居组团');
    expect(await page.getByTestId('plan-text').textContent()).toContain('天通中苑闲置空间');
    await page.close();
  });

  it('switches the UI to English and keeps it in the link', async () => {
    const { page } = await openPage(session!);
    expect(await page.locator('h1').textContent()).toBe('回天地图');
    await page.getByTestId('language-toggle').click();
    expect(await page.locator('h1').textContent()).toBe('Huitian Map');
    expect(page.url()).toContain('lang=en');
    await page.reload();
    await page.waitForSelector('[data-map-ready="true"]');
    expect(await page.locator('h1').textContent()).toBe('Huitian Map');
    await page.close();
  });

  it('keeps the view and visible layers in the hash, and survives bad hash values', async () => {
    const { page } = await openPage(
      session!,
      '#map=14.00/40.07000/116.33000&layers=parks,subdistricts',
    );
    expect(await page.getByTestId('layer-toggle-parks').isChecked()).toBe(true);
    expect(await page.getByTestId('layer-toggle-roads').isChecked()).toBe(false);
    expect(await renderedFeatures(page, ['roads-line'])).toEqual([]);
    await page.getByTestId('layer-toggle-roads').check();
    expect(page.url()).toContain('layers=subdistricts,parks,roads');
    await page.close();

    const bad = await openPage(session!, '#map=banana/999/x&layers=<script>&lang=xx');
    expect(bad.watch.consoleErrors).toEqual([]);
    expect(await bad.page.getByTestId('layer-toggle-subdistricts').isChecked()).toBe(true);
    // The bad view is replaced by the whole area, fitted to the window.
    const view = new URLSearchParams(new URL(bad.page.url()).hash.slice(1)).get('map') ?? '';
    const [, lat, lon] = view.split('/').map(Number);
    expect(lat).toBeGreaterThan(40.03);
    expect(lat).toBeLessThan(40.12);
    expect(lon).toBeGreaterThan(116.25);
    expect(lon).toBeLessThan(116.45);
    expect(await renderedFeatures(bad.page, ['subdistricts-fill'])).not.toEqual([]);
    await bad.page.close();
  });

  it('on a pixel-ratio-2 screen, draws at one pixel per CSS pixel only when the CPU draws', async () => {
    const page = await session!.browser.newPage({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 2,
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(session!.baseUrl);
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
    const drawn = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="map"] canvas')!;
      const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl')!;
      const info = gl.getExtension('WEBGL_debug_renderer_info')!;
      return {
        renderer: String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)),
        ratio: canvas.width / canvas.clientWidth,
      };
    });
    // Chromium's software WebGL here; a machine with a GPU keeps the screen's resolution.
    const software = /swiftshader|llvmpipe/i.test(drawn.renderer);
    expect(drawn.ratio, drawn.renderer).toBeCloseTo(software ? 1 : 2, 2);
    // Positions and clicks are in CSS pixels either way.
    const fills = await renderedFeatures(page, ['subdistricts-fill']);
    expect(new Set(fills.map((f) => f.name))).toEqual(new Set(SUBDISTRICT_NAMES));
    const point = await screenPointInside(page, 'subdistricts', '回龙观街道');
    await page.mouse.click(point.x, point.y);
    await page.getByTestId('subdistrict-panel').waitFor();
    expect(await page.getByTestId('subdistrict-name').textContent()).toBe('回龙观街道');
    await page.screenshot({ path: `${SCREENSHOTS}/pixel-ratio-2.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works on a phone: the map above, the panel as a bottom sheet', async () => {
    const { page, watch } = await openPage(session!, '', { width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENSHOTS}/phone.png` });
    expect(watch.consoleErrors).toEqual([]);
    const map = await page.getByTestId('map').boundingBox();
    const sheet = await page.getByTestId('layer-panel').boundingBox();
    expect(map!.height).toBeGreaterThan(350);
    expect(sheet!.y).toBeGreaterThanOrEqual(map!.y + map!.height - 1);
    const fills = await renderedFeatures(page, ['subdistricts-fill']);
    expect(new Set(fills.map((f) => f.name))).toEqual(new Set(SUBDISTRICT_NAMES));
    const toggle = await page.getByTestId('language-toggle').boundingBox();
    expect(toggle!.height).toBeGreaterThanOrEqual(40);
    // Every header button is on screen, none scrolled out of reach.
    for (const button of await page.locator('.header-button').all()) {
      const box = (await button.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await page.close();
  });
});
