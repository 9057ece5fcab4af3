import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';

/** The inspected point's service circle. */
export const INSPECTION_SOURCE = 'inspection-circle';

export const INSPECTION_STYLE_LAYERS: LayerSpecification[] = [
  {
    id: 'inspection-circle-fill',
    type: 'fill',
    source: INSPECTION_SOURCE,
    paint: { 'fill-color': '#5b3f8c', 'fill-opacity': 0.08 },
  },
  {
    id: 'inspection-circle-line',
    type: 'line',
    source: INSPECTION_SOURCE,
    paint: { 'line-color': '#5b3f8c', 'line-width': 2, 'line-dasharray': [3, 2] },
  },
];
