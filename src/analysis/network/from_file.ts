import type { Feature } from 'geojson';
import * as turf from '@turf/turf';
import { sinusoidalProjection } from '../local_projection';
import { type NetworkReport, type Progress, networkFromLines, networkFromOsm } from './build';
import { type NetworkEdges, edgesToFeatures } from './edges';

/** Whether a file's features are OSM ways (tags decide) or plain lines (a property may). */
export type NetworkSourceKind = 'osm' | 'lines';

export interface ImportedNetwork {
  edges: NetworkEdges;
  report: NetworkReport;
  /** Total length of the kept network, metres. */
  lengthM: number;
}

/**
 * The walking network of a file's features, ready to keep: built in a projection about the
 * data's own centre and stored as lon/lat edges, so the analysis can re-project it exactly.
 */
export function importNetwork(
  features: Feature[],
  kind: NetworkSourceKind,
  snapToleranceM?: number,
  progress?: Progress,
): ImportedNetwork {
  const lines = features.filter((f) => f.geometry && f.geometry.type !== 'Point');
  const [west, , east] = lines.length > 0 ? turf.bbox(turf.featureCollection(lines)) : [0, 0, 0];
  const projection = sinusoidalProjection(Number.isFinite(west) ? (west + east) / 2 : 0);
  const built =
    kind === 'osm'
      ? networkFromOsm(lines, projection, progress)
      : networkFromLines(lines, projection, snapToleranceM, progress);
  const lengthM = built.graph.edgeLength.reduce((s, l) => s + l, 0);
  return { edges: edgesToFeatures(built.graph, projection), report: built.report, lengthM };
}
