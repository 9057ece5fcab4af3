import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';

/** The inspected point's service circle. */
export const INSPECTION_SOURCE = 'inspection-circle';

/** The area reachable along the walking network, and the reached streets. */
export const NETWORK_REACH_SOURCE = 'inspection-network-reach';

/**
 * Its own look, unlike the plan's dashed purple cluster outlines: a solid dark ring on a white
 * casing over a light wash, drawn above everything but labels.
 */
export const INSPECTION_STYLE_LAYERS: LayerSpecification[] = [
  {
    id: 'inspection-network-area',
    type: 'fill',
    source: NETWORK_REACH_SOURCE,
    filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]],
    paint: { 'fill-color': '#e07b00', 'fill-opacity': 0.28 },
  },
  {
    id: 'inspection-network-streets',
    type: 'line',
    source: NETWORK_REACH_SOURCE,
    filter: ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]],
    paint: { 'line-color': '#b35900', 'line-width': 1.5 },
  },
  {
    id: 'inspection-circle-fill',
    type: 'fill',
    source: INSPECTION_SOURCE,
    paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.18 },
  },
  {
    id: 'inspection-circle-casing',
    type: 'line',
    source: INSPECTION_SOURCE,
    paint: { 'line-color': '#ffffff', 'line-width': 7 },
  },
  {
    id: 'inspection-circle-line',
    type: 'line',
    source: INSPECTION_SOURCE,
    paint: { 'line-color': '#111827', 'line-width': 3 },
  },
];
