import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

/** What browser tests may ask the map (read-only): rendered features and screen positions. */
export interface MapTestHooks {
  renderedFeatures: (styleLayerIds: string[]) => Record<string, unknown>[];
  /** Page coordinates (CSS pixels) of a WGS-84 position. */
  project: (lngLat: [number, number]) => { x: number; y: number };
  subdistrictIds: Record<string, string>;
  /** A GeoJSON source's data as JSON text (what the map was last given), or null. */
  sourceData: (sourceId: string) => Promise<string | null>;
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
      const box = map.getContainer().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    },
    subdistrictIds: Object.fromEntries(unitIds),
    sourceData: async (sourceId) => {
      const source = map.getSource<GeoJSONSource>(sourceId);
      return source ? JSON.stringify(await source.getData()) : null;
    },
  };
  return () => {
    delete window.__huitianMap;
  };
}
