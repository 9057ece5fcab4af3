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

/** The blocks as sites; `shapes[i]` is block i in the analysis's projection. */
export function blockSites(
  blocks: Feature<Geometry, Record<string, unknown>>[],
  shapes: PlanarShape[],
): BlockSite[] {
  return blocks.map((block, i) => ({
    id: String(block.properties.id),
    unit: (block.properties.subdistrict as string | null) ?? null,
    areaM2: turf.area(block),
    centre: shapeCentre(shapes[i]!),
  }));
}

/**
 * For each block, the nearest facility (straight line from the block's centre, 0 inside the
 * facility). Facility counts here are in the hundreds, so a scan beats building an index.
 */
export function nearestFacilities(
  sites: BlockSite[],
  facilities: PlanarShape[],
): NearestFacility[] {
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

/** Area-weighted mean and the maximum of block distances, or nulls for no blocks. */
export function distanceSummary(entries: { areaM2: number; distanceM: number }[]) {
  const area = entries.reduce((s, e) => s + e.areaM2, 0);
  if (entries.length === 0 || area === 0) return { meanDistanceM: null, maxDistanceM: null };
  return {
    meanDistanceM: entries.reduce((s, e) => s + e.areaM2 * e.distanceM, 0) / area,
    maxDistanceM: Math.max(...entries.map((e) => e.distanceM)),
  };
}
