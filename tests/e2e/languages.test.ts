import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
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

const HAN = /[\u3400-\u9fff]/;

/** Every name in the shipped data: place names stay Chinese in the English UI. */
function placeNames(): string[] {
  const names = new Set<string>();
  for (const file of readdirSync('public/geo').filter((f) => f.endsWith('.geojson'))) {
    const collection = JSON.parse(readFileSync(`public/geo/${file}`, 'utf8')) as FeatureCollection;
    for (const feature of collection.features) {
      for (const key of ['name', 'subdistrict']) {
        const value = feature.properties?.[key];
        if (typeof value === 'string' && value) names.add(value);
      }
    }
  }
  // Longest first, so 龙跃苑一区 goes before 龙跃苑.
  return [...names].sort((a, b) => b.length - a.length);
}

const project = (
  JSON.parse(readFileSync('public/geo/plan-projects.geojson', 'utf8')) as FeatureCollection
).features.find((f) => String(f.properties?.placement_note).includes("hospital's own site"))!;

/** The main panels at once: inspection with its life circle, park analysis, a task and a project. */
const PANELS = `at=116.3298,40.0695&r=500&analysis=parks&task=${String(project.properties!.task)}&project=${String(project.properties!.id)}`;

/** The text of each element that holds text directly (the panels, header and attribution). */
async function textPieces(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pieces: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parents = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim()) continue;
      if (parent.closest('script, style, [lang^="zh"]')) continue;
      parents.add(parent);
    }
    for (const parent of parents) {
      const own = [...parent.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join('')
        .trim();
      if (own) pieces.push(own);
    }
    return pieces;
  });
}

async function openPanels(lang: 'zh' | 'en'): Promise<Page> {
  const { page } = await openPage(session!, `#${PANELS}${lang === 'en' ? '&lang=en' : ''}`);
  await page.waitForSelector('[data-testid="life-circle-card"]');
  await page.waitForSelector('[data-testid="analysis-row"]');
  await page.waitForSelector('[data-testid="project-panel"]');
  await page.waitForSelector('[data-testid="plan-panel"]');
  return page;
}

describe('one language per screen', () => {
  it('shows no Latin-only sentence in the Chinese UI', async () => {
    const page = await openPanels('zh');
    expect(await page.textContent('[data-testid="project-panel"]')).toContain('医院自身用地');
    const pieces = await textPieces(page);
    // Standard citations (GB 50180), coordinates and the sources' own attribution are not sentences.
    const latinSentences = pieces.filter(
      (text) =>
        /[A-Za-z]{3,}[\s,]+[A-Za-z]{2,}[\s,]+[A-Za-z]{2,}/.test(text) &&
        !HAN.test(text) &&
        !/^(©|GB|CJJ|JGJ)/.test(text),
    );
    expect(latinSentences).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/language-zh.png` });
    // A school the source names only in English says so wherever its name is listed.
    await page.fill('[data-testid="place-search"]', 'Huilongguan Central');
    const result = page.locator('[data-testid="search-result"]', {
      hasText: 'Huilongguan Central',
    });
    expect(await result.first().textContent()).toContain('英文原名，待核实中文名');
    await result.first().click();
    const listed = page.locator('[data-testid="inspection-facility"]', {
      hasText: 'Huilongguan Central',
    });
    await listed.first().waitFor();
    expect(await listed.first().textContent()).toContain('（英文原名，待核实中文名）');
    await page.close();
  });

  it('shows no Chinese UI text in the English UI, place names excepted', async () => {
    const page = await openPanels('en');
    const names = placeNames();
    const pieces = await textPieces(page);
    const chinese = pieces
      .map((text) => names.reduce((rest, name) => rest.split(name).join(''), text))
      .filter((rest) => HAN.test(rest));
    expect(chinese).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/language-en.png` });
    // The export's default title is English too.
    await page.click('[data-testid="export-toggle"]');
    const title = await page.inputValue('[data-testid="export-title"]');
    expect(title).toMatch(/^Huitian area · Park/);
    expect(HAN.test(names.reduce((rest, name) => rest.split(name).join(''), title))).toBe(false);
    await page.close();
  });
});
