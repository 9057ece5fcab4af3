/**
 * The big-import case of `npm run bench -- --cases big-import`: a CSV of 200,000 car parks
 * (generated here, never committed) imported through the "my data" panel of the built app in
 * Chromium, then the page reloaded. Prints the longest main-thread task (Long Tasks API) while
 * the preview is built, from the confirm until the import is stored, and during the reload,
 * the times from the confirm to the import stored and on the map, and from the reload to the
 * restored import on the map, and, with "my data" opened at once, to the import listed. For
 * scale, the same page is first reloaded once without any import: what the map's own drawing
 * costs the page's thread.
 *
 * BIG_IMPORT_ROWS changes the number of car parks; BIG_IMPORT_TRACE=file records a Chromium
 * trace of the first reload there and prints its long tasks by what ran in them and the
 * functions each thread spent the most time in; BIG_IMPORT_CONFIRM_TRACE=file does the same
 * for the confirm, with every long task of it (over 50 ms, which the confirm's line lists too).
 * BIG_IMPORT_DIST=folder serves an app built there instead of building dist/: another build
 * (say, of an earlier commit) measured in the same sitting.
 */
import type { Page } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Session, startSession, stopSession } from '../lib/browser';
import { buildIfStale } from './browser';
import { cpuProfiles } from './cpu_profile';
import { LONG_TASK_TRACE_CATEGORIES, longTasks } from './long_tasks';
import { seededRandom } from './seeded_random';

const ROWS = Number(process.env.BIG_IMPORT_ROWS ?? 200_000);
/** A file to write a Chromium trace of the first reload to; its summary is printed too. */
const TRACE = process.env.BIG_IMPORT_TRACE;
/** A file to write a Chromium trace of the confirm to. */
const CONFIRM_TRACE = process.env.BIG_IMPORT_CONFIRM_TRACE;
/** A folder holding a built app to measure in place of dist/. */
const DIST = process.env.BIG_IMPORT_DIST;

/** Car parks spread over the area's box, from a fixed seed so every run imports the same. */
export function carParkCsv(rows: number): string {
  const random = seededRandom(12345);
  const lines = ['名称,经度,纬度,泊位'];
  for (let i = 0; i < rows; i++) {
    const lon = 116.28 + 0.17 * random();
    const lat = 40.03 + 0.09 * random();
    lines.push(`停车场${i},${lon.toFixed(6)},${lat.toFixed(6)},${10 + (i % 200)}`);
  }
  return lines.join('\n');
}

/** Records main-thread tasks over 50 ms from the start of every document of the page. */
const RECORD_LONG_TASKS = () => {
  const w = window as unknown as {
    __longTasks: { start: number; ms: number }[];
    __listedAt?: number;
  };
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // When the import is first in the page's document: asked afterwards, the page answers only
  // once its thread is free, a long task later when the map is drawing.
  const listed = new MutationObserver(() => {
    if (!document.querySelector('[data-testid="import-item"]')) return;
    w.__listedAt = performance.now();
    listed.disconnect();
  });
  listed.observe(document, { childList: true, subtree: true });
};

/** When the import was first listed (see RECORD_LONG_TASKS), once it is. */
async function listedAt(page: Page): Promise<number> {
  await page.waitForSelector('[data-testid="import-item"]', { timeout: 600_000 });
  return page.evaluate(() => (window as unknown as { __listedAt: number }).__listedAt);
}

/** The longest task since `from` (performance.now of the page), and their total. */
const longTasksSince = (page: Page, from: number) =>
  page.evaluate((since) => {
    const tasks = (
      window as unknown as { __longTasks: { start: number; ms: number }[] }
    ).__longTasks.filter((t) => t.start >= since);
    return {
      longest: Math.max(0, ...tasks.map((t) => t.ms)),
      total: tasks.reduce((sum, t) => sum + t.ms, 0),
      all: tasks.map((t) => t.ms),
    };
  }, from);

const now = (page: Page) => page.evaluate(() => performance.now());

/** Keys of the import records stored in the app's IndexedDB. */
const storedImports = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('huitian-map');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('saved-work')) return resolve(0);
          const keys = db.transaction('saved-work').objectStore('saved-work').getAllKeys();
          keys.onsuccess = () => {
            db.close();
            resolve(keys.result.filter((k) => String(k).startsWith('import:')).length);
          };
        };
        open.onerror = () => resolve(0);
      }),
  );

/** Waits until no long task has started for `quietMs`, so a measure takes in trailing work. */
async function settle(page: Page, quietMs = 3000) {
  for (;;) {
    const [t, last] = await page.evaluate(() => {
      const tasks = (window as unknown as { __longTasks: { start: number; ms: number }[] })
        .__longTasks;
      const end = Math.max(0, ...tasks.map((x) => x.start + x.ms));
      return [performance.now(), end] as const;
    });
    if (t - last >= quietMs) return;
    await page.waitForTimeout(500);
  }
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

/** Reloads a page with no import and reports when its map was ready and the longest task. */
async function plainReload(page: Page): Promise<string> {
  await page.reload();
  await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
  await settle(page);
  const tasks = await longTasksSince(page, 0);
  const ready = await page.evaluate(
    () => performance.getEntriesByName('map:first-idle')[0]!.startTime,
  );
  return `map ready ${fmt(ready)}; longest task ${fmt(tasks.longest)} (long tasks ${fmt(tasks.total)} in all)`;
}

/** When this document first drew the car parks (ms after navigation), waiting for it. */
const carParksDrawn = (page: Page) =>
  page
    .waitForFunction(
      () => performance.getEntriesByName('map:source-filled:car-parks')[0]?.startTime,
      undefined,
      { timeout: 600_000, polling: 100 },
    )
    .then((mark) => mark.jsonValue() as Promise<number>);

/** Reloads the page and reports when the import was back and how the page's thread fared. */
async function reload(page: Page): Promise<string> {
  await page.reload();
  await page.waitForSelector('[data-map-ready="true"]', { timeout: 600_000 });
  const ready = await page.evaluate(
    () => performance.getEntriesByName('map:first-idle')[0]!.startTime,
  );
  await page.click('[data-testid="data-toggle"]');
  const listed = await listedAt(page);
  const filled = await carParksDrawn(page);
  await settle(page);
  const tasks = await longTasksSince(page, 0);
  // Chromium's figure for the page's own heap (its workers' heaps are not in it).
  const heapMb = await page.evaluate(
    () =>
      ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ??
        NaN) / 1e6,
  );
  const stages = await restoreStages(page);
  await page.click('[data-testid="data-toggle"]');
  return `map ready ${fmt(ready)}, import listed ${fmt(listed)}, all its points given to the map ${fmt(filled)} after navigation; longest task ${fmt(tasks.longest)} (long tasks ${fmt(tasks.total)} in all); page heap ${heapMb.toFixed(0)} MB\n    stages: ${stages}`;
}

/**
 * Reloads the page and opens "my data" as soon as its button is there, as a planner checking
 * their import would: when the import is listed (back in the app, for the analysis too),
 * against when its car parks are drawn.
 */
async function reloadListing(page: Page): Promise<string> {
  await page.reload({ waitUntil: 'commit' });
  await page.click('[data-testid="data-toggle"]', { timeout: 60_000 });
  const opened = await now(page);
  const listed = await listedAt(page);
  await page.waitForSelector('[data-map-ready="true"]', { timeout: 600_000 });
  const filled = await carParksDrawn(page);
  await settle(page);
  const tasks = await longTasksSince(page, 0);
  await page.click('[data-testid="data-toggle"]');
  return `opened ${fmt(opened)}, import listed ${fmt(listed)}, car parks drawn ${fmt(filled)} after navigation; longest task ${fmt(tasks.longest)}`;
}

/** The marks a start leaves, in the order they are reached, in ms after navigation. */
const RESTORE_STAGES: [mark: string, label: string][] = [
  ['start:layers-loaded', 'shipped layers loaded'],
  ['start:saved-work-read', 'saved work read and checked'],
  ['map:style-loaded', 'map style loaded'],
  ['map:source-text:car-parks', 'car-park text ready'],
  ['map:source-given:car-parks', "car parks in the map's worker"],
  ['map:source-filled:car-parks', 'car parks drawn'],
];

/** When the page reached each stage of its start (the last mark of each name). */
async function restoreStages(page: Page): Promise<string> {
  const times = await page.evaluate(
    (marks) => marks.map((name) => performance.getEntriesByName(name).at(-1)?.startTime ?? null),
    RESTORE_STAGES.map(([mark]) => mark),
  );
  return RESTORE_STAGES.map(
    ([, label], i) => `${label} ${times[i] === null ? 'n/a' : fmt(times[i]!)}`,
  ).join(', ');
}

export async function benchBigImport(): Promise<string[]> {
  if (!DIST) buildIfStale();
  const session = await startSession({ outDir: DIST });
  const lines: string[] = [];
  if (DIST) lines.push(`big import: the app built in ${DIST}`);
  try {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(RECORD_LONG_TASKS);
    const page = await context.newPage();
    await page.goto(session.baseUrl);
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
    await settle(page);
    const first = await longTasksSince(page, 0);
    const firstReady = await page.evaluate(
      () => performance.getEntriesByName('map:first-idle')[0]!.startTime,
    );
    const plain = await plainReload(page);

    const csv = carParkCsv(ROWS);
    await page.click('[data-testid="data-toggle"]');
    const readStart = await now(page);
    // Given as a file on disk: a buffer would be sent to the page and made into a File there,
    // one task of about a second for 6.8 MB that is the harness's, not the app's.
    const csvDir = mkdtempSync(join(tmpdir(), 'big-import-'));
    const csvPath = join(csvDir, '停车场.csv');
    writeFileSync(csvPath, csv);
    await page.setInputFiles('[data-testid="import-file-input"]', csvPath);
    await page.waitForSelector('[data-testid="import-dialog"][data-phase="choosing"]', {
      timeout: 300_000,
    });
    await page.selectOption('[data-testid="import-target"]', 'car-parks');
    await page.waitForSelector('[data-testid="import-dialog"][data-phase="built"]', {
      timeout: 300_000,
    });
    const built = await now(page);
    // The page reads the file from disk as it goes: removed only once it is read.
    rmSync(csvDir, { recursive: true, force: true });
    await settle(page, 1000);
    const preview = await longTasksSince(page, readStart);

    if (CONFIRM_TRACE) await startTrace(session, page);
    const confirmStart = await now(page);
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-dialog"]', {
      state: 'detached',
      timeout: 300_000,
    });
    const closed = await now(page);
    while ((await storedImports(page)) === 0) await page.waitForTimeout(200);
    const stored = await now(page);
    const drawn = await page
      .waitForFunction(
        (since) =>
          performance
            .getEntriesByName('map:source-filled:car-parks')
            .find((mark) => mark.startTime >= since)?.startTime,
        confirmStart,
        { timeout: 300_000, polling: 100 },
      )
      .then((mark) => mark.jsonValue() as Promise<number>);
    await settle(page);
    const confirm = await longTasksSince(page, confirmStart);
    lines.push(
      `big import: ${ROWS.toLocaleString('en')} car parks from a ${(csv.length / 1e6).toFixed(1)} MB CSV`,
      `  first load without imports (for scale): map ready ${fmt(firstReady)}; longest task ${fmt(first.longest)} (long tasks ${fmt(first.total)} in all)`,
      `  reload without imports (for scale): ${plain}`,
      `  read and preview: ${fmt(built - readStart)}; longest task ${fmt(preview.longest)} (long tasks ${fmt(preview.total)} in all)`,
      `  confirm: dialog closed after ${fmt(closed - confirmStart)}, stored after ${fmt(stored - confirmStart)}, on the map after ${fmt(drawn - confirmStart)}; longest task ${fmt(confirm.longest)} (long tasks ${fmt(confirm.total)} in all)`,
      `  confirm's long tasks in order: ${confirm.all.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    );
    if (CONFIRM_TRACE) lines.push(...(await traceSummary(session, CONFIRM_TRACE, 'confirm', 50)));

    if (TRACE) await startTrace(session, page);
    lines.push(`  reload: ${await reload(page)}`);
    if (TRACE) lines.push(...(await traceSummary(session, TRACE, 'first reload')));
    // Software WebGL draws 200,000 circles on the page's thread; without it, the data path.
    await page.uncheck('[data-testid="layer-toggle-car-parks"]');
    await page.waitForFunction(() => !location.hash.includes('car-parks'));
    lines.push(`  reload, car-park layer hidden: ${await reload(page)}`);
    await page.check('[data-testid="layer-toggle-car-parks"]');
    await page.waitForFunction(() => location.hash.includes('car-parks'));
    lines.push(`  reload, "my data" opened at once: ${await reloadListing(page)}`);
    await context.close();
  } finally {
    await stopSession(session);
  }
  return lines;
}

const startTrace = (session: Session, page: Page) =>
  session.browser.startTracing(page, {
    categories: [
      ...LONG_TASK_TRACE_CATEGORIES,
      'disabled-by-default-v8.cpu_profiler',
      'blink.user_timing',
    ],
  });

/**
 * Stops the trace, writes it to `file` and sums up its long tasks (those over `overMs`) and
 * sampled functions.
 */
async function traceSummary(
  session: Session,
  file: string,
  what: string,
  overMs = 200,
): Promise<string[]> {
  const trace = (await session.browser.stopTracing()).toString();
  writeFileSync(file, trace);
  const lines = [`  trace of the ${what} written to ${file}`];
  const columns = [
    'commit',
    'gc',
    'maplibre',
    'react',
    'app',
    'other',
    'cpu',
    'gpuWait',
    'profiler',
  ] as const;
  lines.push(`    ${'task'.padStart(7)} ${columns.map((c) => c.padStart(9)).join('')}`);
  for (const task of longTasks(trace).filter((t) => t.ms > overMs)) {
    lines.push(
      `    ${task.ms.toFixed(0).padStart(7)} ${columns.map((c) => task[c].toFixed(0).padStart(9)).join('')}`,
    );
  }
  for (const thread of cpuProfiles(trace, 20)) {
    if (thread.sampledMs < 500) continue;
    lines.push(`  ${thread.thread}: ${fmt(thread.sampledMs)} sampled; self / inclusive:`);
    thread.self.forEach(([name, ms], i) => {
      const [iname, ims] = thread.inclusive[i] ?? ['', 0];
      lines.push(
        `    ${fmt(ms).padStart(9)} ${name.padEnd(60).slice(0, 60)} ${fmt(ims).padStart(9)} ${iname}`,
      );
    });
  }
  return lines;
}
