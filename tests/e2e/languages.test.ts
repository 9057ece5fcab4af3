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

/**
 * The text of each element that holds text directly (the panels, header and attribution),
 * except text an element inside the page marks as in the other language (`lang`): quoted names
 * and words of the sources. The page's own language, on <html>, exempts nothing.
 */
async function textPieces(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pieces: string[] = [];
    const own = document.documentElement.lang.slice(0, 2);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parents = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim()) continue;
      if (parent.closest('script, style')) continue;
      const marked = parent.closest('[lang]');
      if (
        marked &&
        marked !== document.documentElement &&
        !marked.getAttribute('lang')!.startsWith(own)
      ) {
        continue;
      }
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
    for (const input of document.querySelectorAll('[placeholder]')) {
      const text = input.getAttribute('placeholder')?.trim();
      if (text) pieces.push(text);
    }
    return pieces;
  });
}

/**
 * The other screens, one after another on the same page: each school view, parking with its
 * histogram, the plan's targets, the data import panel, scenarios and the export dialog.
 */
const SCREENS: [name: string, open: (page: Page) => Promise<unknown>][] = [
  [
    'schools',
    async (page) => {
      await page.click('[data-testid="analysis-tab-schools"]');
      await page.click('[data-testid="school-view-catchments"]');
      await page.waitForSelector('[data-testid="catchment-row"]');
    },
  ],
  [
    'parking',
    async (page) => {
      await page.click('[data-testid="analysis-tab-parking"]');
      await page.waitForSelector(
        '[data-testid="parking-histogram"], [data-testid="parking-histogram-empty"]',
        { timeout: 60_000 },
      );
    },
  ],
  [
    'targets',
    async (page) => {
      await page.click('[data-testid="plan-toggle"]');
      await page.click('[data-testid="plan-toggle"]');
      await page.click('[data-testid="plan-view-targets"]');
      await page.waitForSelector('[data-testid="plan-targets"]');
    },
  ],
  ['import', (page) => page.click('[data-testid="data-toggle"]')],
  ['scenarios', (page) => page.click('[data-testid="scenario-toggle"]')],
  [
    'export',
    async (page) => {
      await page.click('[data-testid="export-toggle"]');
      await page.waitForSelector('[data-testid="export-preview"] img', { timeout: 60_000 });
    },
  ],
];

/** The text pieces of every screen, each tagged with the screen it was on. */
async function walkScreens(
  page: Page,
  lang: 'zh' | 'en',
  first: string[],
): Promise<[string, string][]> {
  const seen: [string, string][] = first.map((text) => ['panels', text]);
  for (const [name, open] of SCREENS) {
    await open(page);
    await page.screenshot({ path: `${SCREENSHOTS}/language-${lang}-${name}.png` });
    for (const text of await textPieces(page)) seen.push([name, text]);
  }
  return seen;
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
    await page.screenshot({ path: `${SCREENSHOTS}/language-zh.png` });
    const first = await textPieces(page);
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
    await page.fill('[data-testid="place-search"]', '');
    const pieces = await walkScreens(page, 'zh', first);
    // Standard citations (GB 50180), coordinates and the sources' own attribution are not sentences.
    const latinSentences = pieces.filter(
      ([, text]) =>
        /[A-Za-z]{3,}[\s,]+[A-Za-z]{2,}[\s,]+[A-Za-z]{2,}/.test(text) &&
        !HAN.test(text) &&
        !/^(©|GB|CJJ|JGJ)/.test(text),
    );
    expect(latinSentences).toEqual([]);
    for (const [name] of SCREENS) expect(pieces.some(([screen]) => screen === name)).toBe(true);
    await page.close();
  });

  it('shows no Chinese UI text in the English UI, place names excepted', async () => {
    const page = await openPanels('en');
    const names = placeNames();
    await page.screenshot({ path: `${SCREENSHOTS}/language-en.png` });
    // An apostrophe is drawn narrow, as in English type, not full-width ("the plan’ s").
    const widths = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf('plan’s');
        if (at < 0) continue;
        const width = (from: number) => {
          const range = document.createRange();
          range.setStart(node, from);
          range.setEnd(node, from + 1);
          return range.getBoundingClientRect().width;
        };
        return { apostrophe: width(at + 4), s: width(at + 5) };
      }
      return null;
    });
    expect(widths).not.toBeNull();
    expect(widths!.apostrophe).toBeLessThan(widths!.s);
    // The search field's hint fits the field whole.
    const hint = await page.$eval('[data-testid="place-search"]', (input) => {
      const style = getComputedStyle(input);
      const g = document.createElement('canvas').getContext('2d')!;
      g.font = `${style.fontSize} ${style.fontFamily}`;
      const room =
        input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { width: g.measureText((input as HTMLInputElement).placeholder).width, room };
    });
    expect(hint.width).toBeLessThanOrEqual(hint.room);
    const pieces = await walkScreens(page, 'en', await textPieces(page));
    const chinese = pieces.filter(([, text]) =>
      HAN.test(names.reduce((rest, name) => rest.split(name).join(''), text)),
    );
    expect(chinese).toEqual([]);
    // The export's default title is English too.
    const title = await page.inputValue('[data-testid="export-title"]');
    expect(title).toMatch(/^Huitian area · Public car park/);
    expect(HAN.test(names.reduce((rest, name) => rest.split(name).join(''), title))).toBe(false);
    await page.close();
  });
});
