/**
 * Attributes the main-thread long tasks (over 50 ms) while the park radius slider is dragged
 * in the built app: records a Chromium trace of the drag and sorts each long task's time by
 * what ran in it (see scripts/bench/long_tasks.ts). Run after `vite build`:
 *   npx tsx scripts/dev/trace_drag.mts [trace.json]
 */
import { writeFileSync } from 'node:fs';
import { LONG_TASK_TRACE_CATEGORIES, longTasks } from '../bench/long_tasks';
import { startSession, stopSession } from '../lib/browser';

const STEPS = 30;

const session = await startSession();
try {
  const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${session.baseUrl}#analysis=parks`);
  await page.waitForSelector('[data-analysis-drawn="parks:coverage"]', { timeout: 60_000 });
  await page.waitForTimeout(3000);
  const box = (await page.locator('[data-testid="param-park-radius-slider"]').boundingBox())!;
  const y = box.y + box.height / 2;
  const x = (radius: number) => box.x + 8 + ((box.width - 16) * (radius - 50)) / (2000 - 50);
  // The pointer rests on the slider first: the map readies its preview then, not in the drag.
  await page.mouse.move(x(500), y);
  await page.waitForTimeout(1500);
  await session.browser.startTracing(page, { categories: LONG_TASK_TRACE_CATEGORIES });
  const started = Date.now();
  await page.mouse.down();
  for (let i = 1; i <= STEPS; i++) {
    await page.mouse.move(x(500 + 20 * i), y);
    await page.waitForTimeout(50);
  }
  await page.mouse.up();
  const dragMs = Date.now() - started;
  const previews = await page.evaluate(() =>
    performance.getEntriesByName('analysis:preview').map((e) => e.duration),
  );
  const trace = (await session.browser.stopTracing()).toString();
  if (process.argv[2]) writeFileSync(process.argv[2], trace);
  const tasks = longTasks(trace);
  console.log(`drag of ${STEPS} steps over ${dragMs} ms: ${tasks.length} long tasks`);
  console.log(
    `previews drawn: ${previews.length}, drawing ${previews.map((ms) => ms.toFixed(0)).join(' ')} ms`,
  );
  const columns = ['commit', 'gc', 'maplibre', 'react', 'app', 'other', 'cpu', 'gpuWait'] as const;
  console.log(`${'task'.padStart(7)} ${columns.map((c) => c.padStart(9)).join('')}`);
  for (const task of tasks) {
    console.log(
      `${task.ms.toFixed(0).padStart(7)} ${columns.map((c) => task[c].toFixed(0).padStart(9)).join('')}`,
    );
  }
} finally {
  await stopSession(session);
}
