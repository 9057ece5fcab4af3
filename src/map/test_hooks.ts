import type { Map as MapLibreMap } from 'maplibre-gl';

/** What browser tests may ask the map (read-only): rendered features and screen positions. */
export interface MapTestHooks {
  renderedFeatures: (styleLayerIds: string[]) => Record<string, unknown>[];
  project: (lngLat: [number, number]) => { x: number; y: number };
  subdistrictIds: Record<string, string>;
}

declare global {
  interface Window {
    __huitianMap?: MapTestHooks;
  }
}

export function installTestHooks(map: MapLibreMap, unitIds: Map<string, string>): () => void {
  window.__huitianMap = {
    renderedFeatures: (styleLayerIds) =>
      map
        .queryRenderedFeatures({ layers: styleLayerIds.filter((id) => map.getLayer(id)) })
        .map((f) => ({ ...f.properties, __layer: f.layer.id })),
    project: (lngLat) => {
      const p = map.project(lngLat);
      return { x: p.x, y: p.y };
    },
    subdistrictIds: Object.fromEntries(unitIds),
  };
  return () => {
    delete window.__huitianMap;
  };
}
