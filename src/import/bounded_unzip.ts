import { iter } from 'but-unzip';
import { LIMITS, type LimitExceeded } from '../data/limits';

/** Thrown when the entries inflate past the limit; inflating stops there. */
export class InflateLimitError extends Error {
  constructor(readonly problem: LimitExceeded) {
    super(`inflated size over ${problem.limit}`);
  }
}

/**
 * The entries of a zip whose names `wanted` accepts, inflated one after another in a stream
 * that is cancelled as soon as all of them together pass `maxBytes`: a small archive declaring
 * (or hiding) gigabytes never takes more than the limit in memory. The sizes a zip declares
 * are not trusted; the bytes coming out of the inflater are counted.
 */
export async function unzipWithinLimit(
  zip: Uint8Array,
  wanted: (name: string) => boolean,
  maxBytes: number = LIMITS.inflatedBytes,
): Promise<Map<string, Uint8Array>> {
  let used = 0;
  const inflate = (raw: Uint8Array) => inflateRawWithin(raw, maxBytes - used);
  const entries = new Map<string, Uint8Array>();
  for (const entry of iter(zip, inflate)) {
    if (!wanted(entry.filename)) continue;
    let bytes: Uint8Array;
    try {
      bytes = await entry.read();
    } catch (error) {
      if (!(error instanceof InflateLimitError)) throw error;
      const found = used + error.problem.found;
      throw new InflateLimitError({ limit: 'inflatedBytes', found, stoppedEarly: true });
    }
    used += bytes.length;
    if (used > maxBytes) {
      throw new InflateLimitError({ limit: 'inflatedBytes', found: used, stoppedEarly: true });
    }
    entries.set(entry.filename, bytes);
  }
  return entries;
}

/**
 * Inflates raw deflate data, stopping (and throwing, with the bytes seen so far) once the
 * output passes `maxBytes`.
 */
async function inflateRawWithin(raw: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const stream = new Blob([raw as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel();
      throw new InflateLimitError({ limit: 'inflatedBytes', found: length, stoppedEarly: true });
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
