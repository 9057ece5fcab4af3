import { mkdirSync, readFileSync } from 'node:fs';
import type { Feature, Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, openPage, startSession, stopSession } from './browser';

const SCREENSHOTS = 'test-results';
let session: Session | undefined;

beforeAll(async () => {
  session = await startSession();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(() => stopSession(session));

const UNIT = '天通苑北街道';
const cell = `[data-testid="analysis-row"][data-unit="${UNIT}"] td[data-indicator="parks"]`;

/** A unit's outline, read from the shipped data. */
function unitRing(name: string): [number, number][] {
  const units = JSON.parse(readFileSync('public/geo/subdistricts.geojson', 'utf8')) as {
    features: Feature<Polygon, { name: string }>[];
  };
  const unit = units.features.find((f) => f.properties.name === name)!;
  return unit.geometry.coordinates[0] as [number, number][];
}

/**
 * Pixels of the map inside the unit's outline: magenta (the gap colour) and dark neutral
 * grey (the no-data hatching).
 */
async function unitPixels(
  page: Page,
  name = UNIT,
): Promise<{ magenta: number; grey: number; all: number }> {
  const ring = await page.evaluate(
    (lonLats) => lonLats.map((p) => window.__huitianMap!.project(p)),
    unitRing(name),
  );
  return page.evaluate(async (outline) => {
    const shown = document.querySelector<HTMLCanvasElement>('[data-testid="map"] canvas')!;
    const box = shown.getBoundingClientRect();
    const source = await window.__huitianMap!.drawnFrame();
    const scale = source.width / box.width;
    const canvas = document.createElement('canvas');
    canvas.width = source.width;
    canvas.height = source.height;
    const g = canvas.getContext('2d')!;
    g.drawImage(source, 0, 0);
    const path = new Path2D();
    outline.forEach((p, i) => {
      const x = (p.x - box.left) * scale;
      const y = (p.y - box.top) * scale;
      if (i === 0) path.moveTo(x, y);
      else path.lineTo(x, y);
    });
    path.closePath();
    const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
    let magenta = 0;
    let grey = 0;
    let all = 0;
    for (let y = 0; y < canvas.height; y += 2) {
      for (let x = 0; x < canvas.width; x += 2) {
        if (!g.isPointInPath(path, x, y)) continue;
        all++;
        const i = (y * canvas.width + x) * 4;
        const [r, gr, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        // The gap colour over land (about 228, 70, 120); metro lines and hospitals differ.
        if (r >= 200 && gr >= 40 && gr <= 110 && b >= 95 && b <= 160 && r - b > 70) magenta++;
        if (Math.abs(r - gr) < 12 && Math.abs(gr - b) < 12 && r >= 70 && r <= 150) grey++;
      }
    }
    return { magenta, grey, all };
  }, ring);
}

describe('no data under the park analysis', () => {
  it('天通苑北街道 draws hatched no-data land and no magenta gap, and its share is a lower bound', async () => {
    const { page, watch } = await openPage(session!, '#map=14/40.0712/116.4170&analysis=parks');
    await page.waitForSelector(cell);
    await page.waitForSelector('[data-testid="map"][data-analysis-drawn="parks:coverage"]');
    await page.waitForFunction(
      () => window.__huitianMap!.renderedFeatures(['analysis-unknown-hatch']).length > 0,
      undefined,
      { timeout: 30_000 },
    );
    await page.waitForTimeout(500);
    const withAnalysis = await unitPixels(page);
    await page.screenshot({ path: `${SCREENSHOTS}/no-data-tiantongyuan.png` });

    // The table: a lower bound with the unknown share beside it, in visible text.
    const text = (await page.textContent(cell))!;
    expect(text).toMatch(/^≥ \d+\.\d%/);
    expect(text).toMatch(/无数据 \d+\.\d%/);
    expect(await page.getAttribute(cell, 'data-lower-bound')).toBe('true');
    expect(await page.textContent('[data-testid="analysis-legend"]')).toContain('无数据');

    // The map: no gap colour in the unit, and the hatching over much of it.
    expect(withAnalysis.all).toBeGreaterThan(10_000);
    expect(withAnalysis.magenta).toBe(0);
    await page.click('[data-testid="analysis-toggle"]');
    await page.waitForSelector('[data-testid="map"][data-analysis-drawn="none"]');
    await page.waitForTimeout(500);
    const without = await unitPixels(page);
    expect(withAnalysis.grey - without.grey).toBeGreaterThan(0.03 * withAnalysis.all);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();

    // The same count finds the gaps where the park data is complete (回龙观街道).
    const west = await openPage(session!, '#map=14/40.0750/116.3300&analysis=parks');
    await west.page.waitForSelector('[data-testid="map"][data-analysis-drawn="parks:coverage"]');
    await west.page.waitForFunction(
      () => window.__huitianMap!.renderedFeatures(['analysis-gaps-fill']).length > 0,
      undefined,
      { timeout: 30_000 },
    );
    await west.page.waitForTimeout(500);
    expect((await unitPixels(west.page, '回龙观街道')).magenta).toBeGreaterThan(1000);
    await west.page.close();
  });

  it('the life-circle card in 天通苑北街道 says 无数据 for parks, not 不满足', async () => {
    const { page, watch } = await openPage(session!, '#at=116.4215,40.0690&r=500');
    await page.waitForSelector('[data-testid="life-circle-card"]');
    const park = page.locator('[data-testid="life-park"]');
    expect(await park.getAttribute('data-status')).toBe('unknown');
    expect(await park.textContent()).toContain('无数据');
    expect(await park.textContent()).not.toContain('不满足');
    // Schools are known there: a primary school out of reach would read 不满足, never 无数据.
    expect(await page.getAttribute('[data-testid="life-primary"]', 'data-status')).not.toBe(
      'unknown',
    );
    expect(await page.textContent('[data-testid="inspection-land"]')).toMatch(/≥ .*无数据/);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });
});
