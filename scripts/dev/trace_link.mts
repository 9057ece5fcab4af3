/**
 * The page's cost of keeping the link in step with a scenario near the link's byte limit: a
 * scenario holding a park of 4,500 vertices is opened from a file, then renamed a letter at a
 * time (each letter a new version of the scenario, whose `scenario=` value is worked out
 * again). Records a Chromium trace of the renames and prints the main thread's script time
 * per change and its longest run. The analysis panel stays closed, so the renames cost only what
 * a scenario change costs the page. Give one or more built apps (default dist/), e.g. the build
 * of an earlier commit and this tree's, to compare them in the same run. The renames are then
 * repeated under the sampling profiler, which gives the time spent in the page's functions
 * that work out the link's value; their names are found only in a build made with
 * `vite build --minify false`:
 *   npx tsx scripts/dev/trace_link.mts [outDir...]
 */
import { LONG_TASK_TRACE_CATEGORIES, type TraceEvent, longTasks } from '../bench/long_tasks';
import type { Page } from 'playwright-core';
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

/** The page's functions that work out the link's value, before and after it moved to a worker. */
const LINK_CODE =
  /^(encodeScenarioParam|scenarioLinkJson|scenarioFromGeoJson|positionCount|scenarioValue|encodeVersion|inWorker)(\$\d+)?$/;

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Sampled main-thread ms whose stack passes through the link's code (names of an unminified build). */
function linkCodeMs(profile: CpuProfile): number {
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const names = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
  const inLink = (id: number): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      if (LINK_CODE.test(names.get(at) ?? '')) return true;
    }
    return false;
  };
  let ms = 0;
  profile.samples.forEach((id, i) => {
    if (inLink(id)) ms += (profile.timeDeltas[i + 1] ?? 0) / 1000;
  });
  return ms;
}

async function renames(page: Page, from: number): Promise<number> {
  const started = Date.now();
  for (let i = 0; i < CHANGES; i++) {
    await page.keyboard.type(String.fromCharCode(97 + ((from + i) % 26)));
    await page.waitForTimeout(400);
  }
  return Date.now() - started;
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
    const windowMs = await renames(page, 0);
    const trace = (await session.browser.stopTracing()).toString();
    const runs = scriptRuns(trace);
    const tasks = longTasks(trace);
    const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);
    const script = sum(runs.map((r) => r.ms));
    const scriptCpu = sum(runs.map((r) => r.cpu));
    const longestScript = Math.max(...runs.map((r) => r.ms));
    const longestTask = Math.max(0, ...tasks.map((t) => t.ms - t.commit));
    // Then as many renames again under the sampling profiler, for the link's own share.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await renames(page, CHANGES);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    const link = linkCodeMs(profile) / CHANGES;
    await page.close();
    return (
      `${outDir}: ${CHANGES} renames of a scenario with a ${VERTICES}-vertex park over ${windowMs} ms: ` +
      `script on the main thread ${(script / CHANGES).toFixed(1)} ms per change ` +
      `(CPU ${(scriptCpu / CHANGES).toFixed(1)} ms), longest script run ${longestScript.toFixed(0)} ms, ` +
      `longest task without its map commit ${longestTask.toFixed(0)} ms; ` +
      `sampled in the link's code ${link.toFixed(1)} ms per change (a build without --minify only)`
    );
  } finally {
    await stopSession(session);
  }
}

const dirs = process.argv.slice(2);
for (const dir of dirs.length > 0 ? dirs : ['dist']) console.log(await measure(dir));
