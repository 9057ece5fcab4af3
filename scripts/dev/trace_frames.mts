/**
 * What each long main-thread task (over 100 ms) of a plain reload of the built app is made of,
 * frame by frame. Records a Chromium trace of the reload and, in the page, counts the map's
 * WebGL work in every animation frame (each method of the WebGL 2 context is wrapped before
 * the app's scripts run): draw calls, programs linked, bytes uploaded to buffers and textures,
 * and the calls that blocked (over 0.5 ms: a program's link status waits for the GPU process).
 * For each long task it prints, from the trace: the page's thread in the frame's script (the
 * wrapper makes MapLibre's calls count as the page's) and in the compositor's commit, the
 * commit's read-back of the frame (`GLES2::ReadPixels`, which waits until the GPU process has
 * drawn it), the link-status queries, and how long the GPU process's main thread ran the page's
 * WebGL commands and with how much CPU (with SwiftShader the frame is drawn on its own threads,
 * in ANGLE's `ContextVk::finishImpl` wait). Run after `vite build`:
 *   npx tsx scripts/dev/trace_frames.mts [trace.json] ['#hash']
 */
import { writeFileSync } from 'node:fs';
import { LONG_TASK_TRACE_CATEGORIES, longTasks, type TraceEvent } from '../bench/long_tasks';
import { startSession, stopSession } from '../lib/browser';

interface FrameWork {
  start: number;
  ms: number;
  draws: number;
  linked: number;
  bufferBytes: number;
  textureBytes: number;
  blocked: number;
  blockedMs: number;
}

/**
 * Counts the WebGL work of each animation frame into `window.__frameWork`. Text, since the
 * TypeScript loader would wrap named functions in a helper the page does not have.
 */
const COUNT_WEBGL = `(() => {
  const frames = (window.__frameWork = []);
  let work = null;
  const count = () =>
    (work ??= { draws: 0, linked: 0, bufferBytes: 0, textureBytes: 0, blocked: 0, blockedMs: 0 });
  const proto = WebGL2RenderingContext.prototype;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (!descriptor || typeof descriptor.value !== 'function' || name === 'constructor') continue;
    const original = descriptor.value;
    Object.defineProperty(proto, name, {
      ...descriptor,
      value(...args) {
        const w = count();
        if (name === 'drawElements' || name === 'drawArrays') w.draws++;
        else if (name === 'linkProgram') w.linked++;
        else if (name === 'bufferData' || name === 'bufferSubData') w.bufferBytes += args[1]?.byteLength ?? 0;
        else if (name === 'texImage2D' || name === 'texSubImage2D') {
          const last = args[args.length - 1];
          w.textureBytes += last?.byteLength ?? (last?.width ?? 0) * (last?.height ?? 0) * 4;
        }
        const start = performance.now();
        const result = original.apply(this, args);
        const ms = performance.now() - start;
        if (ms > 0.5) { w.blocked++; w.blockedMs += ms; }
        return result;
      },
    });
  }
  const request = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    request((time) => {
      work = null;
      const start = performance.now();
      callback(time);
      if (work && work.draws > 0) frames.push({ start, ms: performance.now() - start, ...work });
      work = null;
    });
})();`;

const CATEGORIES = [...LONG_TASK_TRACE_CATEGORIES, 'gpu.angle', 'blink.user_timing'];

const session = await startSession();
try {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: COUNT_WEBGL });
  const page = await context.newPage();
  await page.goto(`${session.baseUrl}${process.argv[3] ?? ''}`);
  await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
  await page.waitForTimeout(2000);
  await session.browser.startTracing(page, { categories: CATEGORIES });
  await page.reload();
  await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
  await page.waitForTimeout(2500);
  const trace = (await session.browser.stopTracing()).toString();
  if (process.argv[2]) writeFileSync(process.argv[2], trace);
  const { frames, ready } = await page.evaluate(() => ({
    frames: (window as unknown as { __frameWork: FrameWork[] }).__frameWork,
    ready: performance.getEntriesByName('map:first-idle')[0]!.startTime,
  }));
  const events = (JSON.parse(trace) as { traceEvents: TraceEvent[] }).traceEvents;
  const thread = (name: string) =>
    events.find((e) => e.name === 'thread_name' && e.args?.name === name);
  const main = thread('CrRendererMain')!;
  const gpuMain = thread('CrGpuMain');
  const on = (t: TraceEvent | undefined, name: string) =>
    events.filter(
      (e) => t && e.pid === t.pid && e.tid === t.tid && e.name === name && e.dur !== undefined,
    );
  // The page's clock in the trace: the app's first-idle mark is in both.
  const mark = events.find((e) => e.pid === main.pid && e.name === 'map:first-idle');
  const origin = mark ? mark.ts - ready * 1000 : NaN;
  const readBacks = on(main, 'GLES2::ReadPixels');
  const linkQueries = on(main, 'GLES2Implementation::GetProgramiv');
  const gpuWork = on(gpuMain, 'WebGL');
  const finishes = events.filter(
    (e) => gpuMain && e.pid === gpuMain.pid && e.name === 'ContextVk::finishImpl' && e.dur,
  );
  const within = (list: TraceEvent[], from: number, to: number) =>
    list.filter((e) => e.ts >= from && e.ts < to);
  const ms = (us: number) => (us / 1000).toFixed(0);
  const sum = (list: TraceEvent[], key: 'dur' | 'tdur' = 'dur') =>
    list.reduce((s, e) => s + (e[key] ?? 0), 0);

  console.log(`reload: map ready ${ready.toFixed(0)} ms; ${frames.length} frames drew the map`);
  for (const task of longTasks(trace).filter((t) => t.ms > 100)) {
    const from = task.startUs;
    const to = from + task.ms * 1000;
    const at = (from - origin) / 1000;
    const links = within(linkQueries, from, to);
    const gpu = within(gpuWork, from, to);
    console.log(
      `task ${task.ms.toFixed(0)} ms at ${at.toFixed(0)} ms: CPU ${task.cpu.toFixed(0)}; frame script ${(task.maplibre + task.app + task.react).toFixed(0)} (of it ${links.length} program queries, ${ms(sum(links))}), commit ${task.commit.toFixed(0)} (read-back ${ms(sum(within(readBacks, from, to)))}), gc ${task.gc.toFixed(0)}; GPU process ran WebGL ${ms(sum(gpu))} with ${ms(sum(gpu, 'tdur'))} CPU, waited for the rasteriser ${ms(sum(within(finishes, from, to)))}`,
    );
    for (const f of frames.filter((f) => f.start >= at - 1 && f.start < at + task.ms)) {
      console.log(
        `  frame: script ${f.ms.toFixed(0)} ms, ${f.draws} draws, ${f.linked} programs linked, ${f.blocked} blocking calls ${f.blockedMs.toFixed(0)} ms, buffers ${(f.bufferBytes / 1e3).toFixed(0)} kB, textures ${(f.textureBytes / 1e3).toFixed(0)} kB`,
      );
    }
  }
} finally {
  await stopSession(session);
}
