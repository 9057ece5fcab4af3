/**
 * Whether a worker still lives, told without its cooperation in ordinary work. A worker the
 * browser ended (for memory, say) may fire no `error` event, and its requests would wait
 * forever. So while a request waits and nothing has come from the worker for a while, the page
 * sends a ping, which the worker's message loop answers at once. Any message proves it alive,
 * the answer to a ping or any other: a worker posts its progress in the middle of a long
 * computation, and the page receives it at once. A worker busy in one long synchronous step
 * cannot answer a ping before the step ends, so it is declared dead only when nothing at all
 * came from it for a generous time after the ping.
 */

/** What the page sends: a worker answers with the same number as `livenessPong`. */
export interface LivenessPing {
  livenessPing: number;
}
export interface LivenessPong {
  livenessPong: number;
}

const hasKey = (data: unknown, key: string) =>
  typeof data === 'object' && data !== null && key in data;

/**
 * A worker's message handler that answers pings itself and gives every other message to
 * `handle`. Every worker the page asks requests of sets its `onmessage` through this.
 */
export function answeringPings<T>(
  scope: { postMessage: (message: LivenessPong) => void },
  handle: (event: MessageEvent<T>) => void,
): (event: MessageEvent<T | LivenessPing>) => void {
  return (event) => {
    if (hasKey(event.data, 'livenessPing')) {
      scope.postMessage({ livenessPong: (event.data as LivenessPing).livenessPing });
      return;
    }
    handle(event as MessageEvent<T>);
  };
}

/**
 * How long a waiting request may go without a message from its worker before the page pings
 * it, and how long after that ping, with still nothing, before the worker is declared dead.
 */
export const LIVENESS_TIMING = { pingAfterMs: 5_000, deadAfterMs: 60_000 };

export interface Liveness {
  /** A request was sent: watch while `pending` says one waits. */
  sent: () => void;
  /** Every message from the worker; true for the answer to a ping, which is for no request. */
  heard: (data: unknown) => boolean;
  /** The worker was ended: stop watching it. */
  stop: () => void;
}

/**
 * Watches one worker while `pending()`: `onDead` once nothing came from it for `deadAfterMs`
 * after a ping. The client then does what it does on the worker's `error` event: ends it,
 * rejects its waiting requests, and starts a fresh one on next use.
 */
export function watchLiveness(
  worker: { postMessage: (message: LivenessPing) => void },
  pending: () => boolean,
  onDead: () => void,
  timing = LIVENESS_TIMING,
): Liveness {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastHeard = Date.now();
  let pingedAt: number | null = null;
  let pings = 0;
  const stop = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    pingedAt = null;
  };
  const check = () => {
    timer = null;
    if (!pending()) return stop();
    const now = Date.now();
    if (pingedAt === null) {
      if (now - lastHeard >= timing.pingAfterMs) {
        pingedAt = now;
        worker.postMessage({ livenessPing: ++pings });
      }
    } else if (now - pingedAt >= timing.deadAfterMs) {
      stop();
      onDead();
      return;
    }
    schedule();
  };
  const schedule = () => {
    if (timer !== null) return;
    const wait = pingedAt === null ? timing.pingAfterMs : timing.deadAfterMs;
    timer = setTimeout(check, wait);
  };
  return {
    sent: () => {
      // An idle worker's silence before this request says nothing about it.
      if (timer === null) lastHeard = Date.now();
      schedule();
    },
    heard: (data) => {
      lastHeard = Date.now();
      pingedAt = null;
      return hasKey(data, 'livenessPong');
    },
    stop,
  };
}
