/**
 * Attributes the main-thread long tasks (over 50 ms) of an A4 landscape 300 dpi PNG export in
 * the built app: records a Chromium trace of the export, sorts each long task's time by what
 * ran in it (see scripts/bench/long_tasks.ts) and lists the longest trace events inside the
 * longest task. Run after `vite build --mode e2e`:
 *   npx tsx scripts/dev/trace_export.mts [trace.json] [page.png]
 */
import { writeFileSync } from 'node:fs';
import { LONG_TASK_TRACE_CATEGORIES, longTasks } from '../bench/long_tasks';
import { startSession, stopSession } from '../lib/browser';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string } };
}

const session = await startSession();
try {
  const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(() => {
    const durations: number[] = [];
    (window as unknown as { __longTasks: number[] }).__longTasks = durations;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) durations.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${session.baseUrl}#analysis=parks`);
  await page.waitForSelector('[data-testid="analysis-row"]', { timeout: 60_000 });
  await page.click('[data-testid="export-toggle"]');
  await page.waitForSelector('[data-testid="export-preview"] img', { timeout: 60_000 });
  await page.waitForTimeout(2000);
  await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0));
  await session.browser.startTracing(page, { categories: LONG_TASK_TRACE_CATEGORIES });
  const started = Date.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 150_000 }),
    page.click('[data-testid="export-start"]'),
  ]);
  const exportMs = Date.now() - started;
  if (process.argv[3]) await download.saveAs(process.argv[3]);
  const observed = await page.evaluate(
    () => (window as unknown as { __longTasks: number[] }).__longTasks,
  );
  const trace = (await session.browser.stopTracing()).toString();
  if (process.argv[2]) writeFileSync(process.argv[2], trace);
  const tasks = longTasks(trace);
  console.log(`export of A4 300 dpi PNG: ${exportMs} ms, ${tasks.length} long tasks in the trace`);
  console.log(
    `PerformanceObserver long tasks: ${observed.map((ms) => ms.toFixed(0)).join(' ')} ms; longest ${Math.max(0, ...observed).toFixed(0)} ms`,
  );
  const columns = ['commit', 'gc', 'maplibre', 'react', 'app', 'other', 'cpu', 'gpuWait'] as const;
  console.log(`${'task'.padStart(7)} ${columns.map((c) => c.padStart(9)).join('')}`);
  for (const task of tasks) {
    console.log(
      `${task.ms.toFixed(0).padStart(7)} ${columns.map((c) => task[c].toFixed(0).padStart(9)).join('')}`,
    );
  }
  const longest = tasks.reduce((a, b) => (b.ms > a.ms ? b : a), tasks[0]!);
  if (longest) {
    const events = (JSON.parse(trace) as { traceEvents: TraceEvent[] }).traceEvents;
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')!;
    const end = longest.startUs + longest.ms * 1000;
    console.log(`events over 20 ms inside the longest task (${longest.ms.toFixed(0)} ms):`);
    for (const e of events) {
      if (e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || e.dur === undefined) continue;
      if (e.ts < longest.startUs || e.ts >= end || e.dur < 20_000) continue;
      const what = e.args?.data?.functionName ?? e.args?.data?.url ?? '';
      console.log(
        `  +${((e.ts - longest.startUs) / 1000).toFixed(0).padStart(5)} ms ${(e.dur / 1000).toFixed(0).padStart(6)} ms ${e.name} ${what}`,
      );
    }
  }
} finally {
  await stopSession(session);
}
