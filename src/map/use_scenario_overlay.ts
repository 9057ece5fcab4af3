import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { type RefObject, useEffect } from 'react';
import type { RemovableLayer } from '../analysis/scenario';
import type { LayerData } from '../data/load';
import { SCENARIO_SOURCES, draftFeatures, scenarioEditFeatures } from '../layers/scenario_layers';
import { useAppStore } from '../state/store';
import { setSourceData } from './source_data';
import { whenLoaded } from './when_loaded';

/** Facilities a scenario can remove, by the style layers that draw them. */
const REMOVABLE_STYLE_LAYERS: Record<string, RemovableLayer> = {
  'parks-fill': 'parks',
  'parks-point': 'parks',
  'schools-fill': 'schools',
  'schools-point': 'schools',
  'car-parks-point': 'car-parks',
  'car-parks-fill': 'car-parks',
};
const ADDED_STYLE_LAYERS = ['scenario-added-fill', 'scenario-added-point'];

/**
 * Handles a map click while a scenario tool is on; returns false when no tool is on. The
 * remove tool takes the facility under the click (an added one is taken out of the scenario).
 */
export function handleScenarioClick(map: MapLibreMap, event: MapMouseEvent): boolean {
  const state = useAppStore.getState();
  const editor = state.scenarioEditor;
  if (!editor.open || !editor.tool || !state.activeScenarioId) return false;
  if (editor.tool !== 'remove') {
    state.placeScenarioPoint([event.lngLat.lng, event.lngLat.lat]);
    return true;
  }
  const layers = [...ADDED_STYLE_LAYERS, ...Object.keys(REMOVABLE_STYLE_LAYERS)].filter(
    (id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none',
  );
  // A cluster of a large layer is no one facility: zoom in to pick one.
  const hit = map
    .queryRenderedFeatures(event.point, { layers })
    .find((f) => f.properties.cluster !== true);
  if (!hit) return true;
  if (ADDED_STYLE_LAYERS.includes(hit.layer.id)) {
    state.removeEdit(String(hit.properties.id));
  } else {
    const layer = REMOVABLE_STYLE_LAYERS[hit.layer.id]!;
    state.removeFacility(layer, String(hit.properties.id), String(hit.properties.name ?? ''));
  }
  return true;
}

/** Draws the active scenario's edits, the park being drawn, and the scenario's effect. */
export function useScenarioOverlay(
  mapRef: RefObject<MapLibreMap | null>,
  container: RefObject<HTMLDivElement | null>,
  data: LayerData,
) {
  const scenarios = useAppStore((s) => s.scenarios);
  const activeId = useAppStore((s) => s.activeScenarioId);
  const draft = useAppStore((s) => s.scenarioEditor.draft);
  const tool = useAppStore((s) => (s.scenarioEditor.open ? s.scenarioEditor.tool : null));
  const analysisOpen = useAppStore((s) => s.analysis.open);
  const analysisTab = useAppStore((s) => s.analysis.tab);
  const result = useAppStore((s) => s.analysisRun.result);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const scenario = scenarios.find((s) => s.id === activeId) ?? null;
    const edits = scenarioEditFeatures(scenario, data);
    whenLoaded(map, () => {
      setSourceData(map, SCENARIO_SOURCES.edits, edits.features.length > 0 ? edits : null, {
        longOutlinesAsText: true,
      });
      container.current?.setAttribute('data-scenario-edits', String(edits.features.length));
    });
  }, [mapRef, container, scenarios, activeId, data]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const features = draftFeatures(draft);
    whenLoaded(map, () =>
      setSourceData(map, SCENARIO_SOURCES.draft, features.features.length > 0 ? features : null, {
        longOutlinesAsText: true,
      }),
    );
  }, [mapRef, draft]);

  // Drawing a park: a double click closes it, so it must not zoom; the cursor says "place".
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (tool) map.doubleClickZoom.disable();
    else map.doubleClickZoom.enable();
    map.getCanvas().classList.toggle('placing', tool !== null);
  }, [mapRef, tool]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const shown = analysisOpen && result?.request.tab === analysisTab;
    const outcome = shown ? (result.scenarios?.[0] ?? null) : null;
    whenLoaded(map, () => {
      setSourceData(map, SCENARIO_SOURCES.newlyServed, outcome?.newlyServed);
      setSourceData(map, SCENARIO_SOURCES.lostService, outcome?.lostService);
      container.current?.setAttribute('data-scenario-drawn', outcome ? outcome.scenarioId : 'none');
    });
  }, [mapRef, container, analysisOpen, analysisTab, result]);
}
