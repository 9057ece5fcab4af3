/**
 * User Timing measures of one analysis request, from the change that asked for it to the map
 * going idle with its result. Each stage is a `performance.measure` named `analysis:<stage>`,
 * so the browser's performance panel (and the browser bench) can read where the time went.
 */
export const ANALYSIS_STAGES = [
  'settle', // the change waiting before it is sent (typed settings)
  'post', // sending the request until the worker starts it
  'prepare', // the worker preparing the residential rows (first run only)
  'compute', // the worker measuring rows and scenarios
  'network', // the worker measuring the same along the walking network (when one is loaded)
  'polygons', // the worker turning rows back into map polygons
  'transfer', // the worker's answer reaching the main thread
  'store', // putting the result into the store
  'render', // React rendering and committing the result
  'setData', // handing the map its new sources
  'preview', // drawing the live preview over the map (a slider drag; no setData then)
  'idle', // the map drawing them until it is idle (a preview: until its frame is painted)
] as const;
export type AnalysisStage = (typeof ANALYSIS_STAGES)[number];

export const STAGE_PREFIX = 'analysis:';

/**
 * A mark (not a stage) set when the worker's idle warm-up is done: the residential rows
 * prepared and the opening tab measured; its detail holds those two times in the worker.
 */
export const WARMED_UP_MARK = 'warm-up:done';

/** Records one stage between two `performance.now()` times (ignored if the clock is absent). */
export function measureStage(stage: AnalysisStage, start: number, end = performance.now()): void {
  if (typeof performance?.measure !== 'function' || !(end >= start)) return;
  performance.measure(`${STAGE_PREFIX}${stage}`, { start, end });
}

/** A time on this thread's clock from a time on the shared wall clock (another thread's). */
export const fromWallClock = (wall: number) => wall - performance.timeOrigin;
/** This thread's `performance.now()` on the shared wall clock. */
export const wallClock = () => performance.timeOrigin + performance.now();

/** When the newest result was put into the store: the map measures render and draw from it. */
let storedAt: number | null = null;
export const markResultStored = (at: number) => {
  storedAt = at;
};
/** Takes the stored time once: only the first draw after a store update is that result's. */
export function takeResultStored(): number | null {
  const at = storedAt;
  storedAt = null;
  return at;
}
