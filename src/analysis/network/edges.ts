import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, LineString } from 'geojson';
import { type LocalProjection, sinusoidalProjection } from '../local_projection';
import { BOTH, type WalkGraph, createGraph } from './graph';

export interface EdgeProperties {
  from: number;
  to: number;
  /** 1: walkable from → to only; 2: to → from only; 3: both ways. */
  direction: number;
  length_m: number;
}

/** A built network as kept and exported: its edges as lon/lat lines with their nodes. */
export type NetworkEdges = FeatureCollection<LineString, EdgeProperties>;

/** The projection the analysis of these units works in (as prepareArea chooses it). */
export function areaProjection(units: Feature<Geometry>[]): LocalProjection {
  const [west, , east] = turf.bbox(turf.featureCollection(units));
  return sinusoidalProjection((west + east) / 2);
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

export function edgesToFeatures(graph: WalkGraph, projection: LocalProjection): NetworkEdges {
  const features = graph.edgeCoords.map((coords, e): Feature<LineString, EdgeProperties> => {
    const line = [];
    for (let i = 0; i + 1 < coords.length; i += 2) {
      const [lon, lat] = projection.inverse([coords[i]!, coords[i + 1]!]);
      line.push([round7(lon), round7(lat)]);
    }
    return {
      type: 'Feature',
      properties: {
        from: graph.edgeFrom[e]!,
        to: graph.edgeTo[e]!,
        direction: graph.edgeDirection[e]!,
        length_m: Math.round(graph.edgeLength[e]! * 10) / 10,
      },
      geometry: { type: 'LineString', coordinates: line },
    };
  });
  return { type: 'FeatureCollection', features };
}

/** The graph of kept edges, in the given projection (node numbers as stored). */
export function graphFromFeatures(edges: NetworkEdges, projection: LocalProjection): WalkGraph {
  let nodeCount = 0;
  for (const f of edges.features) {
    nodeCount = Math.max(nodeCount, f.properties.from + 1, f.properties.to + 1);
  }
  const nodeXY = new Array<number>(nodeCount * 2).fill(0);
  const segments = edges.features.map((f) => {
    const coords = f.geometry.coordinates.flatMap((p) => projection.forward(p));
    const { from, to } = f.properties;
    nodeXY[2 * from] = coords[0]!;
    nodeXY[2 * from + 1] = coords[1]!;
    nodeXY[2 * to] = coords[coords.length - 2]!;
    nodeXY[2 * to + 1] = coords[coords.length - 1]!;
    return { from, to, coords, direction: f.properties.direction || BOTH };
  });
  return createGraph(nodeXY, segments);
}
