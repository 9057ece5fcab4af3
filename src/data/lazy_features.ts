import type { Feature } from 'geojson';
import { type CompactFeatures, decodeChunk, yieldToPage } from './compact_features';

/**
 * The features of a restored import, built on the page from the chunks the restore's gate
 * passed: not while the record is restored (200,000 car parks are about 50 MB of JSON to parse,
 * which then competed for the cores with the gate and the map's start), but a chunk per task
 * once the page's first map is drawn (see `buildFeaturesFromNowOn`), or all at once when read
 * before that. What the map, the analysis and the counts need at start comes from the chunks
 * and the gate's summary, so the features are first read later, if at all before they are
 * built. The chunks are the very bytes the gate decoded and checked (moved to the page, not
 * read again), so building them cannot meet a damaged chunk.
 */
export class FeatureBuilder<F extends Feature = Feature> {
  private readonly built: F[] = [];
  private next = 0;

  constructor(private readonly compact: CompactFeatures) {}

  get done(): boolean {
    return this.next >= this.compact.chunks.length;
  }

  /** Builds the next chunk's features; false when none was left. */
  step(): boolean {
    const chunk = this.compact.chunks[this.next];
    if (!chunk) return false;
    for (const feature of decodeChunk(chunk)) this.built.push(feature as F);
    this.next++;
    return true;
  }

  /** Every feature, in order: the chunks not built yet are built now, in this task. */
  all(): F[] {
    while (this.step());
    return this.built;
  }

  /** Builds the chunks left, one per task; `all` may take over the rest at any point. */
  async inSlices(): Promise<void> {
    while (this.step()) await yieldToPage();
  }
}

/**
 * Gives `target` a `features` property that calls `build` when first read, and from then on
 * holds what it gave (a plain property again): the same array at every read.
 */
export function defineLazyFeatures<T extends object, F>(
  target: T,
  build: () => F[],
): T & { features: F[] } {
  Object.defineProperty(target, 'features', {
    configurable: true,
    enumerable: true,
    get() {
      const features = build();
      Object.defineProperty(target, 'features', {
        configurable: true,
        enumerable: true,
        writable: true,
        value: features,
      });
      return features;
    },
  });
  return target as T & { features: F[] };
}

/** Builders waiting for the page's first map to be drawn, or being built, in order. */
const waiting: FeatureBuilder[] = [];
let started = false;
let running = false;

/**
 * A builder for the features of `compact`, built a chunk per task once the page is free for
 * it (see `buildFeaturesFromNowOn`), else when first read.
 */
export function restoredFeatures<F extends Feature>(compact: CompactFeatures): FeatureBuilder<F> {
  const builder = new FeatureBuilder<F>(compact);
  waiting.push(builder as unknown as FeatureBuilder);
  if (started) void buildWaiting();
  return builder;
}

/**
 * From now on, restored features are built a chunk per task, each import in turn: called once
 * the page's first map is drawn, so that the restore, the map's start and the first frames do
 * not wait for it.
 */
export function buildFeaturesFromNowOn(): void {
  started = true;
  void buildWaiting();
}

async function buildWaiting(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (let builder = waiting.shift(); builder; builder = waiting.shift()) {
      // Never expected to fail (see above); if it did, the first read would throw it again.
      await builder.inSlices().catch(() => undefined);
    }
  } finally {
    running = false;
  }
}
