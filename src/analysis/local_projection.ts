import { exactCosine } from './exact_cosine';

/** Turf's mean earth radius, so that planar areas here match turf.area. */
export const EARTH_RADIUS_M = 6371008.8;

const RADIANS = Math.PI / 180;

export type PlanarPoint = [x: number, y: number];

/**
 * The sinusoidal projection about a central meridian, in metres. It is equal-area, so
 * planar areas equal spherical areas exactly; distances are off by at most
 * |Δlon|·sin(lat) — under 0.07% within 10 km of the central meridian at Beijing's latitude.
 * Its cosine is the same in every engine (see `exactCosine`): rows prepared ahead of time
 * must equal those a page prepares.
 */
export interface LocalProjection {
  centralLon: number;
  forward: (lonLat: readonly number[]) => PlanarPoint;
  /** `forward`, written to out[at] and out[at + 1] instead of a new pair. */
  forwardInto: (lonLat: readonly number[], out: number[], at: number) => void;
  /**
   * `forwardInto` for every point of a line, written flat to out[at…]. Only ever given typed
   * arrays (as `forwardInto` only plain ones): one kind of store each keeps both fast.
   */
  forwardLineInto: (line: readonly (readonly number[])[], out: Float64Array, at: number) => void;
  /** `forwardLineInto` for plain arrays (a function of its own, for the same reason). */
  forwardLineIntoArray: (line: readonly (readonly number[])[], out: number[], at: number) => void;
  inverse: (xy: readonly number[]) => [lon: number, lat: number];
}

export function sinusoidalProjection(centralLon: number): LocalProjection {
  return {
    centralLon,
    // Indexed, not destructured: cheaper before the engine optimises (every vertex projects).
    forward: (lonLat) => {
      const phi = lonLat[1]! * RADIANS;
      return [
        EARTH_RADIUS_M * (lonLat[0]! - centralLon) * RADIANS * exactCosine(phi),
        EARTH_RADIUS_M * phi,
      ];
    },
    forwardInto: (lonLat, out, at) => {
      const phi = lonLat[1]! * RADIANS;
      out[at] = EARTH_RADIUS_M * (lonLat[0]! - centralLon) * RADIANS * exactCosine(phi);
      out[at + 1] = EARTH_RADIUS_M * phi;
    },
    // One call per line, not per point: the residential blocks' rings and every facility's
    // lines go through these before the engine has optimised anything. The same operations, in
    // the same order, as above.
    forwardLineInto: (line, out, at) => {
      for (let i = 0; i < line.length; i++) {
        const lonLat = line[i]!;
        const phi = lonLat[1]! * RADIANS;
        out[at + 2 * i] = EARTH_RADIUS_M * (lonLat[0]! - centralLon) * RADIANS * exactCosine(phi);
        out[at + 2 * i + 1] = EARTH_RADIUS_M * phi;
      }
    },
    forwardLineIntoArray: (line, out, at) => {
      for (let i = 0; i < line.length; i++) {
        const lonLat = line[i]!;
        const phi = lonLat[1]! * RADIANS;
        out[at + 2 * i] = EARTH_RADIUS_M * (lonLat[0]! - centralLon) * RADIANS * exactCosine(phi);
        out[at + 2 * i + 1] = EARTH_RADIUS_M * phi;
      }
    },
    inverse: (xy) => {
      const phi = xy[1]! / EARTH_RADIUS_M;
      return [centralLon + xy[0]! / (EARTH_RADIUS_M * exactCosine(phi)) / RADIANS, phi / RADIANS];
    },
  };
}
