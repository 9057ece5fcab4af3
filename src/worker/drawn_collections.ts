import type { FeatureCollection } from 'geojson';
import type { AnalysisResult } from '../analysis/analysis_run';

/**
 * The map's collections in a result travel as prebuilt GeoJSON text (one string is copied
 * whole, where a structured clone walks every coordinate array), and a collection equal to the
 * one sent last for its place travels as `same`, so the page keeps its object and the map
 * redraws only the sources that changed.
 */
export type DrawnCollection = { text: string } | 'same' | null;

/** Places the live preview of a slider drag sends as packed polygons instead (see src/map/analysis_preview.ts). */
export const PREVIEW_PLACES: ReadonlySet<string> = new Set([
  'served',
  'networkGaps',
  'gaps',
  'unknown',
  // The active scenario's effect; the compared one's is not drawn, so it need not travel.
  'newlyServed:0',
  'lostService:0',
  'newlyServed:1',
  'lostService:1',
]);

/** A result with its collections taken out, and the collections by place. */
export interface DetachedResult {
  result: AnalysisResult;
  drawn: Record<string, DrawnCollection>;
}

type Collection = FeatureCollection | null | undefined;

/** Each place in a result that holds a map collection, by a name stable between results. */
function places(result: AnalysisResult): {
  key: string;
  get: () => Collection;
  set: (c: Collection) => void;
}[] {
  const g = result.geometry;
  const list = [
    { key: 'served', get: () => g.served, set: (c: Collection) => (g.served = c as never) },
    { key: 'gaps', get: () => g.gaps, set: (c: Collection) => (g.gaps = c as never) },
    { key: 'unknown', get: () => g.unknown, set: (c: Collection) => (g.unknown = c as never) },
    {
      key: 'catchments',
      get: () => g.catchments,
      set: (c: Collection) => (g.catchments = c as never),
    },
  ];
  const network = result.network;
  if (network) {
    list.push({
      key: 'networkGaps',
      get: () => network.gaps,
      set: (c) => (network.gaps = c as never),
    });
  }
  (result.scenarios ?? []).forEach((s, i) => {
    list.push(
      {
        key: `newlyServed:${i}`,
        get: () => s.newlyServed,
        set: (c) => (s.newlyServed = c as never),
      },
      {
        key: `lostService:${i}`,
        get: () => s.lostService,
        set: (c) => (s.lostService = c as never),
      },
    );
  });
  return list;
}

/** The worker's side: remembers the text sent last for each place. */
export class DrawnSender {
  private sent = new Map<string, string>();
  private textOf = new WeakMap<object, string>();

  /**
   * `leaveOut`: places sent another way (a preview), taken out of the result without
   * counting as sent, so the next full result is compared with what the map really has.
   */
  detach(full: AnalysisResult, leaveOut: ReadonlySet<string> = new Set()): DetachedResult {
    const result: AnalysisResult = {
      ...full,
      geometry: { ...full.geometry },
      network: full.network && { ...full.network },
      scenarios: full.scenarios?.map((s) => ({ ...s })),
    };
    const drawn: Record<string, DrawnCollection> = {};
    for (const place of places(result)) {
      const collection = place.get();
      place.set(null);
      if (leaveOut.has(place.key)) continue;
      if (!collection) {
        drawn[place.key] = null;
        this.sent.delete(place.key);
        continue;
      }
      let text = this.textOf.get(collection);
      if (text === undefined) {
        text = JSON.stringify(collection);
        this.textOf.set(collection, text);
      }
      drawn[place.key] = this.sent.get(place.key) === text ? 'same' : { text };
      this.sent.set(place.key, text);
    }
    return { result, drawn };
  }
}

/** The page's side: keeps the object received last for each place. */
export class DrawnReceiver {
  private kept = new Map<string, FeatureCollection>();

  /** Places left out by the sender keep the object received last (what the map has). */
  attach(
    { result, drawn }: DetachedResult,
    leftOut: ReadonlySet<string> = new Set(),
  ): AnalysisResult {
    for (const place of places(result)) {
      const wire = drawn[place.key];
      if (leftOut.has(place.key)) {
        place.set(this.kept.get(place.key) ?? null);
      } else if (wire === undefined || wire === null) {
        this.kept.delete(place.key);
        place.set(null);
      } else if (wire === 'same') {
        place.set(this.kept.get(place.key) ?? null);
      } else {
        const collection = JSON.parse(wire.text) as FeatureCollection;
        this.kept.set(place.key, collection);
        place.set(collection);
      }
    }
    return result;
  }
}
