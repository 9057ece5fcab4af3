/**
 * Sorts the time of the main-thread long tasks (over 50 ms) in a Chromium trace by what ran
 * in them. `commit` is the main thread blocked in the compositor commit: with software WebGL
 * (no GPU) that is where a map frame waits for its pixels, so it is the drawing of a frame,
 * not script. The rest is sorted by the script that was entered (MapLibre, React, the app)
 * and garbage collection; `other` is what no trace event names (style, layout, paint, idle
 * gaps between events). `cpu` is the thread's CPU time in the task: far below its length, the
 * thread was waiting for a core (a loaded machine) or for the GPU process, not working.
 * `gpuWait` (part of the other columns, not beside them) is the time the thread sat blocked
 * until the GPU process had run every command given so far: in the commit, the software
 * compositor reading the map's canvas back (ReadPixels) waits for the frame to be drawn; in
 * script, a query such as a shader program's link status waits for the same. `profiler`
 * (also part of the other columns) is the trace's own start of V8's sampling profiler (category
 * `disabled-by-default-v8.cpu_profiler`), which runs inside whatever task the page was in: a
 * task made long by it is the recording's, not the page's.
 */
export interface LongTask {
  startUs: number;
  ms: number;
  commit: number;
  gc: number;
  maplibre: number;
  react: number;
  app: number;
  other: number;
  cpu: number;
  gpuWait: number;
  profiler: number;
}

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string } };
}

/** Trace categories that give what `longTasks` reads. */
export const LONG_TASK_TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'toplevel',
  'gpu',
];

const GC = new Set(['MinorGC', 'MajorGC']);
const SCRIPT = new Set(['FunctionCall', 'EvaluateScript', 'v8.callFunction']);
/** The command buffer client waiting until the GPU process has caught up (category `gpu`). */
const GPU_WAIT = 'CommandBufferHelper::Finish';
/** V8's sampling profiler starting, when the trace records its samples. */
const PROFILER_START = 'CpuProfiler::StartProfiling';

function scriptKind(event: TraceEvent): 'maplibre' | 'react' | 'app' {
  const url = event.args?.data?.url ?? '';
  if (/maplibre/.test(url)) return 'maplibre';
  if (/\/react-/.test(url)) return 'react';
  return 'app';
}

/** The renderer main thread's long tasks in a trace (JSON text), each with its time sorted. */
export function longTasks(traceText: string): LongTask[] {
  const events = (JSON.parse(traceText) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const onMain = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks: LongTask[] = [];
  let taskEnd = -Infinity;
  for (let i = 0; i < onMain.length; i++) {
    const task = onMain[i]!;
    if (task.name !== 'ThreadControllerImpl::RunTask' || task.ts < taskEnd) continue;
    taskEnd = task.ts + task.dur!;
    if (task.dur! <= 50_000) continue;
    const sorted: LongTask = {
      startUs: task.ts,
      ms: task.dur! / 1000,
      commit: 0,
      gc: 0,
      maplibre: 0,
      react: 0,
      app: 0,
      other: 0,
      cpu: (task.tdur ?? task.dur!) / 1000,
      gpuWait: 0,
      profiler: 0,
    };
    // The outermost script and commit events; GC inside a script is taken out of it.
    let outerEnd = -Infinity;
    let outerKind: 'maplibre' | 'react' | 'app' | 'commit' | null = null;
    let waitEnd = -Infinity;
    for (let j = i + 1; j < onMain.length && onMain[j]!.ts < taskEnd; j++) {
      const e = onMain[j]!;
      const ms = e.dur! / 1000;
      if (e.name === GPU_WAIT && e.ts >= waitEnd) {
        sorted.gpuWait += ms;
        waitEnd = e.ts + e.dur!;
      }
      if (e.name === PROFILER_START) sorted.profiler += ms;
      if (GC.has(e.name)) {
        sorted.gc += ms;
        if (e.ts < outerEnd && outerKind) sorted[outerKind] -= ms;
        continue;
      }
      if (e.ts < outerEnd) continue;
      // A call from the page's own host into script wraps the FunctionCall that names it.
      const inner = onMain[j + 1];
      if (
        e.name === 'v8.callFunction' &&
        inner?.name === 'FunctionCall' &&
        inner.ts < e.ts + e.dur!
      )
        continue;
      if (e.name === 'Commit') outerKind = 'commit';
      else if (SCRIPT.has(e.name)) outerKind = scriptKind(e);
      else continue;
      outerEnd = e.ts + e.dur!;
      sorted[outerKind] += ms;
    }
    sorted.other =
      sorted.ms - sorted.commit - sorted.gc - sorted.maplibre - sorted.react - sorted.app;
    tasks.push(sorted);
  }
  return tasks;
}
