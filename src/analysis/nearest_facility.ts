import Flatbush from 'flatbush';
import * as turf from '@turf/turf';
import type { Feature, Geometry } from 'geojson';
import { type PlanarShape, boxDistance, distanceToShape, shapeCentre } from './planar_shape';

/** A residential block, with its centre and area, ready for distance questions. */
export interface BlockSite {
  id: string;
  /** The unit the block lies in (null outside the seven units). */
  unit: string | null;
  areaM2: number;
  centre: [number, number];
}

export interface NearestFacility {
  /** Index into the facility list, or -1 when there are no facilities. */
  index: number;
  /** Straight-line distance from the block's centre to the facility's edge, metres. */
  distanceM: number;
}

/**
 * The blocks as sites; `shapeOf(i)` is block i in the analysis's projection, `centres[i]` its
 * centre where already worked out (as `shapeCentre` gives it).
 */
export function blockSites(
  blocks: Feature<Geometry, Record<string, unknown>>[],
  shapeOf: (block: number) => PlanarShape,
  centres?: readonly [number, number][],
): BlockSite[] {
  return blocks.map((block, i) => ({
    id: String(block.properties.id),
    unit: (block.properties.subdistrict as string | null) ?? null,
    areaM2: turf.area(block),
    centre: centres?.[i] ?? shapeCentre(shapeOf(i)),
  }));
}

/**
 * For each block, the nearest facility (straight line from the block's centre, 0 inside the
 * facility); of equally near ones, the first. Hundreds of facilities are scanned; from
 * INDEX_FROM on (a planner's folder of car parks), they are found through a spatial index.
 */
export function nearestFacilities(
  sites: BlockSite[],
  facilities: PlanarShape[],
): NearestFacility[] {
  if (facilities.length >= INDEX_FROM) return nearestByIndex(sites, facilities);
  return sites.map(({ centre: [x, y] }) => {
    let index = -1;
    let distanceM = Infinity;
    facilities.forEach((shape, i) => {
      if (boxDistance(shape.bbox, x, y) >= distanceM) return;
      const d = distanceToShape(shape, x, y);
      if (d < distanceM) {
        distanceM = d;
        index = i;
      }
    });
    return { index, distanceM };
  });
}

/** Facilities from which an index beats scanning them all for every block. */
export const INDEX_FROM = 2000;

/**
 * The same answer through an index of the facilities' boxes: the nearest box gives a first
 * distance, and only facilities whose box lies within it (a box is never farther than its
 * facility) can be nearer or as near, so they are measured exactly.
 */
function nearestByIndex(sites: BlockSite[], facilities: PlanarShape[]): NearestFacility[] {
  const index = new Flatbush(facilities.length);
  for (const { bbox } of facilities) index.add(bbox[0], bbox[1], bbox[2], bbox[3]);
  index.finish();
  return sites.map(({ centre: [x, y] }) => {
    const [first] = index.neighbors(x, y, 1);
    if (first === undefined) return { index: -1, distanceM: Infinity };
    const bound = distanceToShape(facilities[first]!, x, y);
    // A hair beyond the bound, so that rounding in the index's squared distances drops no tie.
    const candidates = index.neighbors(x, y, Infinity, bound * (1 + 1e-9) + 1e-9);
    let best = -1;
    let distanceM = Infinity;
    for (const i of candidates) {
      const d = distanceToShape(facilities[i]!, x, y);
      if (d < distanceM || (d === distanceM && i < best)) {
        distanceM = d;
        best = i;
      }
    }
    return { index: best, distanceM };
  });
}

/** Area-weighted mean and the maximum of block distances, or nulls for no blocks. */
export function distanceSummary(entries: { areaM2: number; distanceM: number }[]) {
  const area = entries.reduce((s, e) => s + e.areaM2, 0);
  if (entries.length === 0 || area === 0) return { meanDistanceM: null, maxDistanceM: null };
  return {
    meanDistanceM: entries.reduce((s, e) => s + e.areaM2 * e.distanceM, 0) / area,
    maxDistanceM: Math.max(...entries.map((e) => e.distanceM)),
  };
}
