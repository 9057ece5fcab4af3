import type { ChunkVerdict } from '../data/chunk_check';
import { checkChunk } from '../data/chunk_check';
import { type CompactChunk, transferables } from '../data/compact_features';
import type { ChunkHelper, HelperReturn } from '../data/import_record';
import type { ImportLayer } from '../data/imported_data';
import { featuresBytes } from '../data/layer_text';
import { LIMITS } from '../data/limits';
import { nextTask } from './next_task';

/**
 * The two ends of the restore gate's helper (see `ChunkHelper`), over a message port: the
 * restore's worker moves the later half of a record's chunks to the helper's worker
 * (src/worker/chunk_check.worker.ts), which checks them in order and moves each back with its
 * verdict, until told to stop.
 */

/** Fewer chunks than this are checked by the gate alone: handing over costs a few messages. */
const FEWEST_TO_SHARE = 4;

/** A helper silent this long with chunks of the gate's is taken for lost. */
export const HELPER_SILENCE_MS = 15_000;

interface HandedOver {
  kind: 'chunks';
  first: number;
  chunks: { layer: ImportLayer; chunk: CompactChunk }[];
  /** The properties of the map's bytes to write of chunks of outlines. */
  keep?: readonly string[];
}

interface Returned extends HelperReturn {
  index: number;
}

const isReturned = (data: unknown): data is Returned => {
  const message = data as Partial<Returned> | null;
  if (typeof message?.index !== 'number' || typeof message.chunk !== 'object') return false;
  const verdict = message.verdict as { damaged?: unknown; vertices?: unknown } | undefined;
  return (
    verdict === undefined ||
    typeof verdict.damaged === 'string' ||
    verdict.vertices instanceof Int32Array
  );
};

/** The buffers of chunks, when no other chunk's array shares one (else none can be moved). */
function ownBuffers(moved: readonly CompactChunk[], kept: readonly CompactChunk[]) {
  const buffers = transferables({ count: 0, chunks: [...moved] });
  const keptBuffers = new Set(transferables({ count: 0, chunks: [...kept] }));
  return buffers.some((buffer) => keptBuffers.has(buffer)) ? null : buffers;
}

/**
 * The gate's end: a helper on `port`, writing the map's bytes with `keep` if given, taken for
 * lost once `silenceMs` pass without a word from it while the gate waits.
 */
export function chunkHelperOn(
  port: MessagePort,
  keep?: readonly string[],
  silenceMs = HELPER_SILENCE_MS,
): ChunkHelper {
  const returned = new Map<number, Returned>();
  const waiting = new Map<number, (back: HelperReturn | null) => void>();
  let lost = false;
  let open = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const loseAll = () => {
    lost = true;
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
  };
  const watch = () => {
    clearTimeout(timer);
    if (waiting.size > 0) timer = setTimeout(loseAll, silenceMs);
  };
  port.onmessage = (event: MessageEvent<unknown>) => {
    if (!open || !isReturned(event.data)) return;
    const back = event.data;
    const resolve = waiting.get(back.index);
    waiting.delete(back.index);
    if (resolve) resolve(back);
    else returned.set(back.index, back);
    watch();
  };
  // Where the browser tells of it, a helper whose worker ended is lost at once.
  port.addEventListener('close', () => open && loseAll());
  return {
    handOver(chunks) {
      if (chunks.length < FEWEST_TO_SHARE) return chunks.length;
      const first = Math.ceil(chunks.length / 2);
      const moved = chunks.slice(first);
      const buffers = ownBuffers(
        moved.map((c) => c.chunk),
        chunks.slice(0, first).map((c) => c.chunk),
      );
      if (!buffers) return chunks.length;
      const message: HandedOver = { kind: 'chunks', first, chunks: moved };
      if (keep) message.keep = keep;
      try {
        port.postMessage(message, buffers);
      } catch {
        // Not moved (the chunks are whole, a failed transfer detaches nothing): all checked here.
        return chunks.length;
      }
      return first;
    },
    back(index) {
      const back = returned.get(index);
      if (back) {
        returned.delete(index);
        return Promise.resolve(back);
      }
      if (lost || !open) return Promise.resolve(null);
      return new Promise((resolve) => {
        waiting.set(index, resolve);
        watch();
      });
    },
    stop() {
      if (!open) return;
      open = false;
      clearTimeout(timer);
      loseAll();
      returned.clear();
      try {
        port.postMessage('stop');
      } finally {
        port.close();
      }
    },
  };
}

/**
 * The helper's end: checks the chunks handed over on `port`, in order, each held to the
 * positions a file may hold less those of the chunks it checked before (so its work is bounded
 * as the gate's is), and moves each back with its verdict; past that budget it moves the rest
 * back unchecked, for the gate. Stops when told.
 */
export function helpThrough(port: MessagePort): void {
  let stopped = false;
  port.onmessage = (event: MessageEvent<HandedOver | 'stop'>) => {
    const message = event.data;
    if (message === 'stop') {
      stopped = true;
      port.close();
    } else if (message?.kind === 'chunks' && Array.isArray(message.chunks)) {
      void check(message);
    }
  };
  async function check({ first, chunks, keep }: HandedOver) {
    let budget: number = LIMITS.verticesPerFile;
    for (const [i, { layer, chunk }] of chunks.entries()) {
      if (stopped) return;
      let verdict: ChunkVerdict | undefined;
      let written: Uint8Array<ArrayBuffer>[] | undefined;
      if (budget >= 0) {
        verdict = checkChunk(layer, chunk, budget, (features) => {
          if (keep === undefined || chunk.points) return;
          try {
            written = featuresBytes(features, keep);
          } catch {
            // No bytes: the gate's worker then gives the map none of this record.
          }
        });
        if ('vertices' in verdict && verdict.overBudget) {
          budget = -1;
          verdict = undefined;
        } else if ('vertices' in verdict) {
          budget -= verdict.vertices.reduce((sum, n) => sum + n, 0);
        }
      }
      const moved = [
        ...transferables({ count: 0, chunks: [chunk] }),
        ...(verdict && 'vertices' in verdict ? [verdict.vertices.buffer as ArrayBuffer] : []),
        ...(written ?? []).map((bytes) => bytes.buffer),
      ];
      const back: Returned = { index: first + i, chunk };
      if (verdict) back.verdict = verdict;
      if (written) back.written = written;
      try {
        port.postMessage(back, moved);
      } catch {
        return;
      }
      await nextTask();
    }
  }
}
