/**
 * The page's cost of keeping the link in step with a scenario near the link's byte limit: a
 * scenario holding a park of 4,500 vertices is opened from a file, then renamed a letter at a
 * time (each letter a new version of the scenario, whose `scenario=` value is worked out
 * again). Records a Chromium trace of the renames and prints the main thread's busy time per
 * change and its longest task. The analysis panel stays closed, so the renames cost only what
 * a scenario change costs the page. Give one or more built apps (default dist/), e.g. the build
 * of an earlier commit and this tree's, to compare them in the same run:
 *   npx tsx scripts/dev/trace_link.mts [outDir...]
 */
import { LONG_TASK_TRACE_CATEGORIES, type TraceEvent, longTasks } from '../bench/long_tasks';
import { startSession, stopSession } from '../lib/browser';
import { scenarioWithPark, surveyOutline } from '../../tests/hostile/inputs';

const VERTICES = 4_500;
const CHANGES = 12;

const SCRIPT = new Set(['FunctionCall', 'EvaluateScript', 'v8.callFunction', 'RunMicrotasks']);

/**
 * The main thread's script runs in a trace (outermost events only), each as wall and thread
 * (CPU) ms. Script, not whole tasks: with software WebGL a redrawn map frame holds the main
 * thread in the compositor commit for hundreds of ms while its CPU waits for the GPU process,
 * and that is the same whatever the link costs.
 */
function scriptRuns(traceText: string): { ms: number; cpu: number }[] {
  const events = (JSON.parse(traceText) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const runs = events
    .filter(
      (e) =>
        e.pid === main.pid &&
        e.tid === main.tid &&
        e.ph === 'X' &&
        e.dur !== undefined &&
        SCRIPT.has(e.name),
    )
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const out: { ms: number; cpu: number }[] = [];
  let end = -Infinity;
  for (const run of runs) {
    if (run.ts < end) continue;
    end = run.ts + run.dur!;
    out.push({ ms: run.dur! / 1000, cpu: (run.tdur ?? run.dur!) / 1000 });
  }
  return out;
}

async function measure(outDir: string): Promise<string> {
  const session = await startSession({ outDir });
  try {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${session.baseUrl}#map=14/40.07/116.33`);
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
    await page.click('[data-testid="scenario-toggle"]');
    await page.setInputFiles('[data-testid="scenario-import-input"]', {
      name: 'scenario.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(scenarioWithPark(surveyOutline(VERTICES))),
    });
    await page.waitForSelector('[data-testid="scenario-link-status"][data-fits]', {
      timeout: 60_000,
    });
    await page.waitForFunction(() => /scenario=saved\./.test(window.location.hash));
    // The map draws the park and the page settles before the changes.
    await page.waitForTimeout(3000);
    await page.focus('[data-testid="scenario-name"]');
    await session.browser.startTracing(page, { categories: LONG_TASK_TRACE_CATEGORIES });
    const started = Date.now();
    for (let i = 0; i < CHANGES; i++) {
      await page.keyboard.type(String.fromCharCode(97 + i));
      await page.waitForTimeout(400);
    }
    const windowMs = Date.now() - started;
    const trace = (await session.browser.stopTracing()).toString();
    const runs = scriptRuns(trace);
    const tasks = longTasks(trace);
    const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);
    const script = sum(runs.map((r) => r.ms));
    const scriptCpu = sum(runs.map((r) => r.cpu));
    const longestScript = Math.max(...runs.map((r) => r.ms));
    const longestTask = Math.max(0, ...tasks.map((t) => t.ms - t.commit));
    await page.close();
    return (
      `${outDir}: ${CHANGES} renames of a scenario with a ${VERTICES}-vertex park over ${windowMs} ms: ` +
      `script on the main thread ${(script / CHANGES).toFixed(1)} ms per change ` +
      `(CPU ${(scriptCpu / CHANGES).toFixed(1)} ms), longest script run ${longestScript.toFixed(0)} ms, ` +
      `longest task without its map commit ${longestTask.toFixed(0)} ms`
    );
  } finally {
    await stopSession(session);
  }
}

const dirs = process.argv.slice(2);
for (const dir of dirs.length > 0 ? dirs : ['dist']) console.log(await measure(dir));
