/**
 * Where a scenario edit's answer waits (the browser bench's `transfer` stage): records a
 * Chromium trace of parks added to a new scenario, as the bench adds them, and prints each
 * edit's analysis stages, then the stages and the main thread's long tasks together on the
 * trace's clock, each task sorted by what ran in it (see scripts/bench/long_tasks.ts). An
 * answer that arrives while the page's thread is in a map frame's commit waits for it.
 * Run after `vite build`:
 *   npx tsx scripts/dev/trace_edit.mts [edits]
 */
import { LONG_TASK_TRACE_CATEGORIES, longTasks } from '../bench/long_tasks';
import { startSession, stopSession } from '../lib/browser';

const EDITS = Number(process.argv[2] ?? 6);

const session = await startSession();
try {
  const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${session.baseUrl}#analysis=parks`);
  await page.waitForSelector('[data-analysis-drawn="parks:coverage"]', { timeout: 60_000 });
  await page.waitForTimeout(3000);
  await page.click('[data-testid="scenario-toggle"]');
  await page.click('[data-testid="scenario-new"]');
  const box = (await page.locator('[data-testid="map"]').boundingBox())!;
  await page.click('[data-testid="scenario-tool-add-park"]');
  await page.waitForTimeout(1500);
  await session.browser.startTracing(page, {
    categories: [...LONG_TASK_TRACE_CATEGORIES, 'blink.user_timing'],
  });
  const clicks: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const x = box.x + box.width * (0.3 + 0.02 * i);
    const y = box.y + box.height * 0.3;
    for (const [dx, dy] of [
      [0, 0],
      [12, 0],
      [12, 12],
    ]) {
      await page.mouse.click(x + dx!, y + dy!);
    }
    await page.evaluate(() => performance.clearMeasures());
    clicks.push(await page.evaluate(() => performance.now()));
    await page.click('[data-testid="scenario-finish-park"]');
    await page.waitForFunction(
      () => performance.getEntriesByName('analysis:idle').length > 0,
      null,
      {
        timeout: 60_000,
        polling: 20,
      },
    );
    const stages = await page.evaluate(() =>
      performance
        .getEntriesByType('measure')
        .filter((e) => e.name.startsWith('analysis:'))
        .map((e) => [e.name.slice(9), Math.round(e.startTime), Math.round(e.duration)] as const),
    );
    const t0 = clicks[i]!;
    console.log(
      `edit ${i + 1}: ` + stages.map(([n, s, d]) => `${n} @${(s - t0).toFixed(0)}+${d}`).join('  '),
    );
    await page.waitForTimeout(800);
  }
  const trace = (await session.browser.stopTracing()).toString();
  // Stages as the trace saw them (its clock), beside the long tasks, in order of time.
  const events = (
    JSON.parse(trace) as { traceEvents: { name: string; ph: string; ts: number; cat: string }[] }
  ).traceEvents;
  const rows: [number, string][] = [];
  for (const e of events) {
    if (e.cat?.includes('user_timing') && e.ph === 'b' && e.name.startsWith('analysis:'))
      rows.push([e.ts / 1000, `  stage ${e.name.slice(9)} begins`]);
    if (e.cat?.includes('user_timing') && e.ph === 'e' && e.name.startsWith('analysis:'))
      rows.push([e.ts / 1000, `  stage ${e.name.slice(9)} ends`]);
  }
  const columns = ['commit', 'gc', 'maplibre', 'react', 'app', 'other', 'cpu', 'gpuWait'] as const;
  for (const task of longTasks(trace)) {
    rows.push([
      task.startUs / 1000,
      `TASK ${task.ms.toFixed(0)} ms: ${columns.map((c) => `${c} ${task[c].toFixed(0)}`).join(', ')}`,
    ]);
  }
  rows.sort((a, b) => a[0] - b[0]);
  const first = rows[0]?.[0] ?? 0;
  for (const [at, text] of rows) console.log(`${(at - first).toFixed(0).padStart(7)} ${text}`);
} finally {
  await stopSession(session);
}
