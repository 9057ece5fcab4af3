import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

/**
 * What browser tests may ask the map (read-only): rendered features (their properties, style
 * layer as `__layer` and feature state as `__state`) and screen positions.
 */
export interface MapTestHooks {
  renderedFeatures: (styleLayerIds: string[]) => Record<string, unknown>[];
  /** Page coordinates (CSS pixels) of a WGS-84 position. */
  project: (lngLat: [number, number]) => { x: number; y: number };
  subdistrictIds: Record<string, string>;
  /** A GeoJSON source's data as JSON text (what the map was last given), or null. */
  sourceData: (sourceId: string) => Promise<string | null>;
  /** The type of a source (`geojson`, or `vector` for a layer drawn from point tiles). */
  sourceType: (sourceId: string) => string | null;
  /**
   * A copy of the next frame the map draws, taken in that frame: the map's canvas keeps no
   * frame once the browser has shown it (no `preserveDrawingBuffer`, as users get it).
   */
  drawnFrame: () => Promise<HTMLCanvasElement>;
}

/** What the last print map placed: its labels, and those touching the frame's edge. */
export interface PrintTestRecord {
  labels: number;
  labelsAtEdge: string[];
}

declare global {
  interface Window {
    __huitianMap?: MapTestHooks;
    __huitianPrint?: PrintTestRecord;
  }
}

/**
 * Records the labels a print map placed (MapLibre's own boxes for the drawn labels), and the
 * ones whose box reaches the outermost pixel of the frame on any side: those are cut.
 */
export function recordPrintLabels(map: MapLibreMap, labelLayers: string[]): void {
  const layers = labelLayers.filter((id) => map.getLayer(id));
  const { clientWidth: w, clientHeight: h } = map.getContainer();
  const names = (box: [[number, number], [number, number]]) =>
    map.queryRenderedFeatures(box, { layers }).map((f) => String(f.properties.name ?? f.layer.id));
  window.__huitianPrint = {
    labels: names([
      [0, 0],
      [w, h],
    ]).length,
    labelsAtEdge: [
      ...names([
        [0, 0],
        [w, 1],
      ]),
      ...names([
        [0, h - 1],
        [w, h],
      ]),
      ...names([
        [0, 0],
        [1, h],
      ]),
      ...names([
        [w - 1, 0],
        [w, h],
      ]),
    ],
  };
}

export function installTestHooks(map: MapLibreMap, unitIds: Map<string, string>): () => void {
  window.__huitianMap = {
    renderedFeatures: (styleLayerIds) =>
      map
        .queryRenderedFeatures({ layers: styleLayerIds.filter((id) => map.getLayer(id)) })
        .map((f) => ({ ...f.properties, __layer: f.layer.id, __state: f.state })),
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
    sourceType: (sourceId) => map.getSource(sourceId)?.type ?? null,
    drawnFrame: () =>
      new Promise((resolve) => {
        map.once('render', () => {
          const frame = map.getCanvas();
          const copy = document.createElement('canvas');
          copy.width = frame.width;
          copy.height = frame.height;
          copy.getContext('2d')!.drawImage(frame, 0, 0);
          resolve(copy);
        });
        map.triggerRepaint();
      }),
  };
  return () => {
    delete window.__huitianMap;
  };
}
