import type { FeatureCollection } from 'geojson';
import { toWgs84 } from '../data/crs';
import { readGeometry, representativePoint } from './geometry';
import { IMPORT_CRS, type CrsSuggestion, type ImportCrs, type ImportLayer } from './types';

/** One imported feature as evidence: its position as given (before any conversion). */
export interface CrsSample {
  layer: ImportLayer;
  name: string;
  raw: [number, number];
}

interface ReferencePoint {
  name: string;
  point: [number, number];
}

/** Enough samples for a stable median; the rest add time, not evidence. */
const MAX_SAMPLES = 400;
/** Nearest-neighbour evidence needs a few features; one name match is enough on its own. */
const MIN_UNNAMED_SAMPLES = 5;
/**
 * How far off data read as WGS-84 must sit before a Chinese system is suggested: the GCJ-02
 * shift here is ~500–600 m and BD-09 ~1.1 km, measured medians come out a little lower or
 * higher, so the window is wide but excludes both "already right" and "somewhere else".
 */
const SHIFT_WINDOW_METRES = { min: 250, max: 1600 } as const;
/** The suggested system must at least halve the median distance. */
const REQUIRED_GAIN = 2;

/** Metres between two nearby WGS-84 positions (equirectangular; fine at a few km). */
function metres(a: readonly number[], b: readonly number[]): number {
  const latitude = ((a[1]! + b[1]!) / 2) * (Math.PI / 180);
  const dx = (a[0]! - b[0]!) * Math.cos(latitude) * 111_320;
  const dy = (a[1]! - b[1]!) * 110_540;
  return Math.hypot(dx, dy);
}

function median(values: number[]): number {
  if (values.length === 0) return Number.POSITIVE_INFINITY;
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

// The reference layers are the same for every build of a session: measure them once.
const referenceCache = new WeakMap<FeatureCollection, ReferencePoint[]>();

function referencePoints(collection: FeatureCollection | undefined): ReferencePoint[] {
  if (!collection) return [];
  const cached = referenceCache.get(collection);
  if (cached) return cached;
  const points: ReferencePoint[] = [];
  for (const feature of Array.isArray(collection.features) ? collection.features : []) {
    const geometry = readGeometry(feature?.geometry, 'parks');
    if (!geometry.ok) continue;
    const name = feature.properties?.name;
    points.push({
      name: typeof name === 'string' ? name.trim() : '',
      point: representativePoint(geometry.geometry),
    });
  }
  referenceCache.set(collection, points);
  return points;
}

function evenSample<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]!);
}

/**
 * Suggests the coordinate system the data is really in, from how far its features sit from the
 * shipped ones. Shared names are the strongest evidence: when some imported names equal
 * reference names, only those pairs are measured. Otherwise each feature is measured to its
 * nearest reference feature of the same layer (or of all layers when that layer has none).
 * Returns null when the chosen system already fits, or when the evidence is too weak.
 */
export function suggestCrs(
  samples: CrsSample[],
  reference: Partial<Record<string, FeatureCollection>>,
  chosen: ImportCrs,
): CrsSuggestion | null {
  if (samples.length === 0) return null;
  const byLayer = new Map<string, ReferencePoint[]>();
  for (const [layer, collection] of Object.entries(reference)) {
    byLayer.set(layer, referencePoints(collection));
  }
  const all = [...byLayer.values()].flat();
  if (all.length === 0) return null;
  const byName = new Map<string, ReferencePoint[]>();
  for (const point of all) {
    if (point.name === '') continue;
    byName.set(point.name, [...(byName.get(point.name) ?? []), point]);
  }
  const named = samples.filter((s) => s.name !== '' && byName.has(s.name));
  const measured = evenSample(named.length > 0 ? named : samples, MAX_SAMPLES);
  if (named.length === 0 && measured.length < MIN_UNNAMED_SAMPLES) return null;

  const medianMeters = {} as Record<ImportCrs, number>;
  for (const crs of IMPORT_CRS) {
    const distances = measured.map((sample) => {
      const point = toWgs84(sample.raw, crs);
      const candidates =
        named.length > 0
          ? byName.get(sample.name)!
          : (byLayer.get(sample.layer)?.length ?? 0) > 0
            ? byLayer.get(sample.layer)!
            : all;
      let best = Number.POSITIVE_INFINITY;
      for (const candidate of candidates) best = Math.min(best, metres(point, candidate.point));
      return best;
    });
    medianMeters[crs] = Math.round(median(distances));
  }
  const evidence = { medianMeters, nameMatches: named.length, sampled: measured.length };
  const best = IMPORT_CRS.reduce((a, b) => (medianMeters[b] < medianMeters[a] ? b : a));
  if (best === chosen || medianMeters[best] * REQUIRED_GAIN > medianMeters[chosen]) return null;
  // The offset that the suggested system explains: data as given for a Chinese system, data
  // as converted for a suggestion to go back to WGS-84.
  const offset = best === 'WGS-84' ? medianMeters[chosen] : medianMeters['WGS-84'];
  if (offset < SHIFT_WINDOW_METRES.min || offset > SHIFT_WINDOW_METRES.max) return null;
  return { crs: best, evidence };
}
