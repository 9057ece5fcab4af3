/**
 * The load-frames case of `npm run bench -- --cases load-frames`: how many map frames a plain
 * reload of the built app (no imports) draws before its first idle map, how long the page's
 * thread spends reading them back (software compositing reads every WebGL frame back to the
 * page, `GLES2::ReadPixels`, waiting for the frame to be drawn) and its longest tasks.
 *
 * The build of the commit before the load-frame changes (LOAD_FRAMES_BASE, any git ref, to
 * compare with another) is made in a temporary folder beside this tree's build, and both are
 * measured in the same run, in turns, on a screen of device pixel ratio 1 and 2 (where the map
 * is now drawn at ratio 1 when the CPU draws it). This tree's build is also measured with what
 * the page does not choose: the map's canvas with `preserveDrawingBuffer` as before (forced
 * from outside), and GPU compositing, which reads nothing back.
 */
import { execFileSync, execSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startSession, stopSession } from '../lib/browser';
import { buildIfStale } from './browser';
import { LONG_TASK_TRACE_CATEGORIES, longTasks, type TraceEvent } from './long_tasks';

/** The commit before the map stopped re-tiling and redrawing itself once loaded. */
const BASE = process.env.LOAD_FRAMES_BASE ?? '329f35c~1';
const ROUNDS = 3;

interface Variant {
  label: string;
  outDir: string;
  gpuCompositing?: boolean;
  deviceScaleFactor?: number;
  /** Forces the WebGL canvases' `preserveDrawingBuffer` (the map's asks for none). */
  preserveDrawingBuffer?: boolean;
}

interface Sample {
  readyMs: number;
  frames: number;
  readBacks: number;
  readBackMs: number;
  longestMs: number;
  longTotalMs: number;
}

/** Builds `ref` of this repository into a temporary folder; returns its dist/ and a cleanup. */
function buildRef(ref: string): { outDir: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'load-frames-'));
  execSync(`git archive --format=tar ${ref} | tar -x -C ${root}`, { stdio: 'inherit' });
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  return { outDir: join(root, 'dist'), remove: () => rmSync(root, { recursive: true }) };
}

/**
 * Counts the animation frames the page ran (MapLibre draws in them) and, when asked, forces
 * the WebGL context's `preserveDrawingBuffer`. Runs in the page before its scripts.
 */
const INSTRUMENT = (preserve: boolean | null) => {
  const w = window as unknown as { __frameTimes: Set<number> };
  w.__frameTimes = new Set();
  const request = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    request((time) => {
      w.__frameTimes.add(time);
      callback(time);
    });
  if (preserve === null) return;
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (
    this: HTMLCanvasElement,
    type: string,
    attributes?: Record<string, unknown>,
  ) {
    const forced = type.startsWith('webgl')
      ? { ...attributes, preserveDrawingBuffer: preserve }
      : attributes;
    return (getContext as (t: string, a?: unknown) => RenderingContext | null).call(
      this,
      type,
      forced,
    );
  } as typeof getContext;
};

async function reloadOnce(page: Page, trace: () => Promise<string>): Promise<Sample> {
  await page.reload();
  await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
  // Frames after the first idle (a late label placement) still belong to the load.
  await page.waitForTimeout(1500);
  const { readyMs, frames } = await page.evaluate(() => ({
    readyMs: performance.getEntriesByName('map:first-idle')[0]!.startTime,
    frames: (window as unknown as { __frameTimes: Set<number> }).__frameTimes.size,
  }));
  const text = await trace();
  const events = (JSON.parse(text) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const readBacks = events.filter(
    (e) =>
      main &&
      e.pid === main.pid &&
      e.tid === main.tid &&
      e.name === 'GLES2::ReadPixels' &&
      e.dur !== undefined,
  );
  const tasks = longTasks(text);
  return {
    readyMs,
    frames,
    readBacks: readBacks.length,
    readBackMs: readBacks.reduce((sum, e) => sum + e.dur! / 1000, 0),
    longestMs: Math.max(0, ...tasks.map((t) => t.ms)),
    longTotalMs: tasks.reduce((sum, t) => sum + t.ms, 0),
  };
}

async function measure(variant: Variant): Promise<Sample> {
  const session = await startSession({
    outDir: variant.outDir,
    gpuCompositing: variant.gpuCompositing,
  });
  try {
    const context = await session.browser.newContext({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: variant.deviceScaleFactor ?? 1,
    });
    await context.addInitScript(INSTRUMENT, variant.preserveDrawingBuffer ?? null);
    const page = await context.newPage();
    // The first load fills the HTTP cache: what is measured is a reload.
    await page.goto(session.baseUrl);
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
    await session.browser.startTracing(page, { categories: LONG_TASK_TRACE_CATEGORIES });
    return await reloadOnce(page, async () => (await session.browser.stopTracing()).toString());
  } finally {
    await stopSession(session);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;

function summary(samples: Sample[]): Sample {
  const of = (key: keyof Sample) => median(samples.map((s) => s[key]));
  return {
    readyMs: of('readyMs'),
    frames: of('frames'),
    readBacks: of('readBacks'),
    readBackMs: of('readBackMs'),
    longestMs: of('longestMs'),
    longTotalMs: of('longTotalMs'),
  };
}

export async function benchLoadFrames(): Promise<string[]> {
  buildIfStale();
  console.log(`load-frames: building ${BASE} for the comparison`);
  const base = buildRef(BASE);
  try {
    const variants: Variant[] = [
      { label: `before (${BASE})`, outDir: base.outDir },
      { label: 'after', outDir: 'dist' },
      { label: 'before, device pixel ratio 2', outDir: base.outDir, deviceScaleFactor: 2 },
      { label: 'after, device pixel ratio 2', outDir: 'dist', deviceScaleFactor: 2 },
      { label: 'after, preserveDrawingBuffer true', outDir: 'dist', preserveDrawingBuffer: true },
      { label: 'after, GPU compositing', outDir: 'dist', gpuCompositing: true },
    ];
    const samples = variants.map(() => [] as Sample[]);
    // In turns, so that the machine's load falls on every variant alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, variant] of variants.entries()) samples[i]!.push(await measure(variant));
    }
    const lines = [
      `load frames: plain reload of the built app, 1280×800, software WebGL, median of ${ROUNDS} in turns`,
    ];
    const [before, after] = [summary(samples[0]!), summary(samples[1]!)];
    for (const [i, variant] of variants.entries()) {
      const s = summary(samples[i]!);
      lines.push(
        `  ${variant.label}: map ready ${ms(s.readyMs)}; ${s.frames} frames, ${s.readBacks} read back in ${ms(s.readBackMs)}; longest task ${ms(s.longestMs)} (long tasks ${ms(s.longTotalMs)} in all)`,
      );
    }
    const ratios = (label: string, b: Sample, a: Sample) =>
      `  ${label} before/after: frames ${(b.frames / a.frames).toFixed(2)}×, read-back time ${(b.readBackMs / a.readBackMs).toFixed(2)}×, longest task ${(b.longestMs / a.longestMs).toFixed(2)}×`;
    lines.push(
      ratios('pixel ratio 1', before, after),
      ratios('pixel ratio 2', summary(samples[2]!), summary(samples[3]!)),
    );
    return lines;
  } finally {
    base.remove();
  }
}
