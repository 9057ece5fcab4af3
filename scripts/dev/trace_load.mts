/**
 * What the main-thread long tasks (over 50 ms) of a plain first load and of a reload of the
 * built app are: records a Chromium trace of both, sorts each long task's time by what ran in
 * it (see scripts/bench/long_tasks.ts, `gpuWait` included) and adds how long the GPU process's
 * main thread ran the page's WebGL commands during the task and its CPU time for them. With
 * software WebGL those two differ widely: the drawing itself happens on the rasteriser's own
 * threads while the GPU process's main thread waits. Also prints how long the page's thread
 * spent reading WebGL frames back (ReadPixels), which only software compositing does:
 * TRACE_LOAD_GPU_COMPOSITING=1 runs Chromium without `--disable-gpu` for the comparison.
 * Run after `vite build`:
 *   npx tsx scripts/dev/trace_load.mts [trace.json] ['#hash']
 */
import { writeFileSync } from 'node:fs';
import { LONG_TASK_TRACE_CATEGORIES, longTasks, type TraceEvent } from '../bench/long_tasks';
import { startSession, stopSession } from '../lib/browser';

const gpuCompositing = process.env.TRACE_LOAD_GPU_COMPOSITING === '1';
const session = await startSession({ gpuCompositing });
try {
  const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await session.browser.startTracing(page, { categories: LONG_TASK_TRACE_CATEGORIES });
  const marks: { label: string; ready: number }[] = [];
  for (const label of ['first load', 'reload']) {
    if (label === 'reload') await page.reload();
    else await page.goto(`${session.baseUrl}${process.argv[3] ?? ''}`);
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
    const ready = await page.evaluate(
      () => performance.getEntriesByName('map:first-idle')[0]!.startTime,
    );
    marks.push({ label, ready });
    await page.waitForTimeout(3000);
  }
  const trace = (await session.browser.stopTracing()).toString();
  if (process.argv[2]) writeFileSync(process.argv[2], trace);
  const events = (JSON.parse(trace) as { traceEvents: TraceEvent[] }).traceEvents;
  const gpuMain = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrGpuMain');
  // The GPU process's main thread running a page's WebGL command buffer.
  const webgl = events.filter(
    (e) =>
      gpuMain &&
      e.pid === gpuMain.pid &&
      e.tid === gpuMain.tid &&
      e.ph === 'X' &&
      e.name === 'WebGL' &&
      e.dur !== undefined,
  );
  const renderer = events.find(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  const readBack = events
    .filter(
      (e) =>
        renderer &&
        e.pid === renderer.pid &&
        e.tid === renderer.tid &&
        e.name === 'GLES2::ReadPixels' &&
        e.dur !== undefined,
    )
    .reduce((sum, e) => sum + e.dur! / 1000, 0);
  const tasks = longTasks(trace);
  console.log(
    `${gpuCompositing ? 'GPU' : 'software'} compositing; ${marks.map((m) => `${m.label}: map ready ${m.ready.toFixed(0)} ms`).join('; ')}`,
  );
  console.log(
    `${tasks.length} long tasks in the trace, longest ${Math.max(0, ...tasks.map((t) => t.ms)).toFixed(0)} ms; the page's thread read WebGL frames back for ${readBack.toFixed(0)} ms in all`,
  );
  const columns = ['commit', 'gc', 'maplibre', 'react', 'app', 'other', 'cpu', 'gpuWait'] as const;
  console.log(
    `${'task'.padStart(7)} ${columns.map((c) => c.padStart(9)).join('')}${'webgl'.padStart(9)}${'its cpu'.padStart(9)}`,
  );
  for (const task of tasks) {
    const end = task.startUs + task.ms * 1000;
    let busy = 0;
    let cpu = 0;
    for (const e of webgl) {
      const overlap = Math.min(end, e.ts + e.dur!) - Math.max(task.startUs, e.ts);
      if (overlap <= 0) continue;
      busy += overlap / 1000;
      cpu += ((e.tdur ?? 0) / 1000) * (overlap / e.dur!);
    }
    console.log(
      `${task.ms.toFixed(0).padStart(7)} ${columns.map((c) => task[c].toFixed(0).padStart(9)).join('')}${busy.toFixed(0).padStart(9)}${cpu.toFixed(0).padStart(9)}`,
    );
  }
} finally {
  await stopSession(session);
}
