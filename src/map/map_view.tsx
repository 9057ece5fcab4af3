import { AttributionControl, Map as MapLibreMap, type MapGeoJSONFeature } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useMemo, useRef } from 'react';
import type { LayerData } from '../data/load';
import { LAYER_IDS } from '../data/layers';
import {
  LAYER_DEFINITIONS,
  LOCAL_FONT_FAMILY,
  schoolLabelField,
  styleLayerIdsOf,
} from '../layers/catalog';
import { ANALYSIS_SOURCES } from '../layers/analysis_layers';
import type { ExpressionSpecification } from 'maplibre-gl';
import { useAppStore } from '../state/store';
import { trackLoad, whenLoaded, whenStyled } from './when_loaded';
import { bbox } from '@turf/turf';
import { attributionFor, escapeHtml } from './attribution';
import { installTestHooks } from './test_hooks';
import { useInspectionOverlay } from './use_inspection_overlay';
import { handleScenarioClick, useScenarioOverlay } from './use_scenario_overlay';
import { installNoDataPattern } from './no_data_pattern';
import { buildStyle } from './style';
import { usePlanMuting } from './use_plan_muting';
import { limitSoftwarePixelRatio } from './software_gl';
import { setFilterIfChanged, setLayoutIfChanged } from './style_updates';
import { useCatchmentHover } from './use_catchment_hover';
import { measureStage, takeResultStored } from '../timing/analysis_stages';
import { lastSourceChange, setSourceData } from './source_data';
import { AnalysisPreview, packedGeometry } from './analysis_preview';
import { giveLayer, withoutLargeLayers } from './large_source';
import { featureCount } from '../data/layer_text';
import { startMapWorkers } from './map_workers';

const CLICKABLE_PLAN = LAYER_DEFINITIONS.find((d) => d.id === 'plan-layout')?.clickable ?? [];
const CLICKABLE_PROJECTS = LAYER_DEFINITIONS.find((d) => d.id === 'plan-projects')?.clickable ?? [];

/**
 * Marks `map:source-filled:<layer>` once a map frame drew a layer's features (its data given
 * and the map idle since): how long a large restored import takes to be on the map.
 */
function markFilled(layers: Partial<LayerData['layers']>) {
  for (const [layer, collection] of Object.entries(layers)) {
    if (featureCount(collection) > 0) performance.mark(`map:source-filled:${layer}`);
  }
}

/** The map: the only component that talks to MapLibre. */
export function MapView({ data, onFirstIdle }: { data: LayerData; onFirstIdle?: () => void }) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const previewRef = useRef<AnalysisPreview | null>(null);
  const attributionRef = useRef<AttributionControl | null>(null);
  const visibleLayers = useAppStore((s) => s.visibleLayers);
  const language = useAppStore((s) => s.language);
  const view = useAppStore((s) => s.view);
  const selection = useAppStore((s) => s.selection);
  const hovered = useAppStore((s) => s.hoveredSubdistrict);
  const analysisOpen = useAppStore((s) => s.analysis.open);
  const analysisTab = useAppStore((s) => s.analysis.tab);
  const analysisResult = useAppStore((s) => s.analysisRun.result);
  const analysisPreview = useAppStore((s) => s.analysisRun.preview);
  const sliderInUse = useAppStore((s) => (s.sliderHovered || s.sliderHeld) && s.mapFlat);
  const subdistricts = data.layers.subdistricts;
  const unitIdByName = useMemo(
    () => new Map(subdistricts.features.map((f) => [f.properties.name, f.properties.id])),
    [subdistricts],
  );
  // The map is built once for the shipped boundaries; imported data then only swaps sources.
  const dataRef = useRef(data);
  useEffect(() => {
    dataRef.current = data;
  });
  const drawnData = useRef<LayerData | null>(null);
  /** The sub-districts the map shows hovered and selected (feature state), and on which map. */
  const highlighted = useRef<{
    map: MapLibreMap | null;
    hover: string | null;
    selected: string | null;
  }>({ map: null, hover: null, selected: null });
  const firstIdle = useRef(onFirstIdle);

  useEffect(() => {
    if (!container.current) return;
    const state = useAppStore.getState();
    // Large layers follow once the style has loaded (see the effect on `data`).
    const initial = withoutLargeLayers(dataRef.current);
    const map = new MapLibreMap({
      container: container.current,
      style: buildStyle(initial, state.visibleLayers),
      center: state.view.center,
      zoom: state.view.zoom,
      minZoom: 9,
      maxZoom: 19,
      localIdeographFontFamily: LOCAL_FONT_FAMILY,
      attributionControl: false,
      // No `preserveDrawingBuffer`: nothing reads this canvas (exports draw a map of their own,
      // see print_map), and keeping every frame costs a copy per frame on some GPUs.
    });
    startMapWorkers();
    limitSoftwarePixelRatio(map);
    installNoDataPattern(map);
    mapRef.current = map;
    previewRef.current = new AnalysisPreview(map);
    drawnData.current = initial;
    trackLoad(map);
    map.once('load', () => performance.mark('map:style-loaded'));
    // A link without a view shows the whole area, whatever the screen size.
    if (!state.viewFromLink) {
      const [west, south, east, north] = bbox(subdistricts);
      map.fitBounds([west, south, east, north], { padding: 16, animate: false });
      const fitted = map.getCenter();
      state.setView({ center: [fitted.lng, fitted.lat], zoom: map.getZoom() });
    }
    const subdistrictAt = (features: MapGeoJSONFeature[]) =>
      features.find((f) => f.layer.id === 'subdistricts-fill')?.properties.name as
        string | undefined;

    map.on('mousemove', (event) => {
      const layers = ['subdistricts-fill', ...CLICKABLE_PLAN, ...CLICKABLE_PROJECTS].filter((id) =>
        map.getLayer(id),
      );
      const features = map.queryRenderedFeatures(event.point, { layers });
      const name = subdistrictAt(features) ?? null;
      if (useAppStore.getState().hoveredSubdistrict !== name) {
        useAppStore.getState().hoverSubdistrict(name);
      }
      map.getCanvas().style.cursor = features.length > 0 ? 'pointer' : '';
    });
    map.on('mouseout', () => useAppStore.getState().hoverSubdistrict(null));
    map.on('click', (event) => {
      if (handleScenarioClick(map, event)) return;
      if (useAppStore.getState().inspection.open) {
        useAppStore.getState().inspectAt([event.lngLat.lng, event.lngLat.lat]);
        return;
      }
      const layers = [...CLICKABLE_PROJECTS, ...CLICKABLE_PLAN, 'subdistricts-fill'].filter(
        (id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none',
      );
      const features = map.queryRenderedFeatures(event.point, { layers });
      const project = features.find((f) => CLICKABLE_PROJECTS.includes(f.layer.id));
      const plan = features.find((f) => CLICKABLE_PLAN.includes(f.layer.id));
      const select = useAppStore.getState().select;
      if (project) select({ type: 'plan-project', id: String(project.properties.id) });
      else if (plan) select({ type: 'plan-element', id: String(plan.properties.id) });
      else {
        const name = subdistrictAt(features);
        select(name ? { type: 'subdistrict', name } : { type: 'none' });
      }
    });
    map.on('dblclick', () => {
      const editor = useAppStore.getState().scenarioEditor;
      if (editor.open && editor.tool === 'add-park') useAppStore.getState().finishPark();
    });
    // The live preview is drawn for a map seen from straight above.
    map.on('pitchend', () => {
      const flat = map.getPitch() === 0;
      if (useAppStore.getState().mapFlat !== flat) useAppStore.getState().setMapFlat(flat);
    });
    map.on('moveend', () => {
      const center = map.getCenter();
      useAppStore.getState().setView({ center: [center.lng, center.lat], zoom: map.getZoom() });
    });
    map.once('idle', () => {
      performance.mark('map:first-idle');
      markFilled(initial.layers);
      container.current?.setAttribute('data-map-ready', 'true');
      firstIdle.current?.();
    });
    map.on('error', (event) => {
      container.current?.setAttribute('data-map-error', String(event.error?.message ?? event));
    });
    // Browser tests read the map through a window hook; only their build (`--mode e2e`) has it,
    // and the production bundle drops this branch and the hook's module.
    const removeHooks =
      import.meta.env.MODE === 'e2e' ? installTestHooks(map, unitIdByName) : () => undefined;
    return () => {
      removeHooks();
      previewRef.current?.remove();
      previewRef.current = null;
      map.remove();
      mapRef.current = null;
      attributionRef.current = null;
    };
  }, [subdistricts, unitIdByName]);

  // Imported data (or its removal): the layers' sources take the current features, from the
  // moment the style's sources exist (a restored import need not wait for the first frame).
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    whenStyled(map, () => {
      const drawn = drawnData.current;
      for (const layer of LAYER_IDS) {
        if (drawn?.layers[layer] === data.layers[layer]) continue;
        if (!map.getSource(layer)) continue;
        void giveLayer(map, layer, data.layers[layer]).then((given) => {
          if (!given) return;
          performance.mark(`map:source-given:${layer}`);
          map.once('idle', () => markFilled({ [layer]: data.layers[layer] }));
        });
      }
      drawnData.current = data;
    });
  }, [data]);

  // Visible layers → layout visibility, and the attribution of what is shown.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (attributionRef.current) map.removeControl(attributionRef.current);
    attributionRef.current = new AttributionControl({
      compact: window.matchMedia('(max-width: 700px)').matches,
      customAttribution: attributionFor(data, visibleLayers, language).map(escapeHtml),
    });
    map.addControl(attributionRef.current, 'bottom-right');
    // On a phone the attribution starts folded, behind its (i) button.
    map
      .getContainer()
      .querySelector('.maplibregl-compact-show')
      ?.classList.remove('maplibregl-compact-show');
    const apply = () => {
      setLayoutIfChanged(map, 'schools-label', 'text-field', schoolLabelField(language));
      for (const layer of LAYER_IDS) {
        const visibility = visibleLayers.includes(layer) ? 'visible' : 'none';
        for (const id of styleLayerIdsOf(layer)) {
          setLayoutIfChanged(map, id, 'visibility', visibility, 'visible');
        }
      }
    };
    whenLoaded(map, apply);
  }, [data, visibleLayers, language]);

  // A view from the URL (or any other source) that differs from the map's: move the map.
  // The store's current view is read, not this render's, which may predate a fit on start.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const target = useAppStore.getState().view;
    const center = map.getCenter();
    const same =
      Math.abs(center.lng - target.center[0]) < 1e-6 &&
      Math.abs(center.lat - target.center[1]) < 1e-6 &&
      Math.abs(map.getZoom() - target.zoom) < 1e-3;
    if (!same) map.jumpTo({ center: target.center, zoom: target.zoom });
  }, [view]);

  // Hover and selection highlight the sub-district through feature state.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const selectedName = selection.type === 'subdistrict' ? selection.name : null;
    const apply = () => {
      // Only the units whose highlight changes (a new map has none): none on load, so the
      // loaded map draws no frame for it, and at most four on a hover or a click.
      const last =
        highlighted.current.map === map ? highlighted.current : { hover: null, selected: null };
      for (const name of new Set([last.hover, last.selected, hovered, selectedName])) {
        const id = name === null ? undefined : unitIdByName.get(name);
        if (id === undefined) continue;
        map.setFeatureState(
          { source: 'subdistricts', id },
          { hover: name === hovered, selected: name === selectedName },
        );
      }
      highlighted.current = { map, hover: hovered, selected: selectedName };
    };
    whenLoaded(map, apply);
  }, [unitIdByName, hovered, selection]);

  useInspectionOverlay(mapRef);
  usePlanMuting(mapRef, container);
  useCatchmentHover(mapRef);
  useScenarioOverlay(mapRef, container, data);

  // The chosen plan task's projects are ringed.
  const planTask = useAppStore((s) => (s.plan.open ? s.plan.task : null));
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const apply = () => {
      if (!map.getLayer('plan-projects-highlight')) return;
      const ofTask: ExpressionSpecification = ['==', ['get', 'task'], planTask ?? -1];
      setFilterIfChanged(map, 'plan-projects-highlight', [
        'all',
        ['==', ['geometry-type'], 'Point'],
        ofTask,
      ]);
      setFilterIfChanged(map, 'plan-projects-highlight-line', [
        'all',
        ['!=', ['geometry-type'], 'Point'],
        ofTask,
      ]);
      container.current?.setAttribute('data-plan-task', String(planTask ?? ''));
    };
    whenLoaded(map, apply);
  }, [planTask]);

  // A request to show a place: fly there, never zooming out.
  const mapCommand = useAppStore((s) => s.mapCommand);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !mapCommand) return;
    map.flyTo({ center: mapCommand.center, zoom: Math.max(map.getZoom(), mapCommand.zoom) });
  }, [mapCommand]);

  // The analysis result of the open tab: served land, gaps, catchments. While a slider is in
  // use, a preview over the map (see AnalysisPreview); the sources take full results only.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const stored = takeResultStored();
    if (stored !== null) measureStage('render', stored);
    const shown = analysisOpen && analysisResult?.request.tab === analysisTab;
    const apply = () => {
      const settingData = performance.now();
      const geometry = shown ? analysisResult.geometry : null;
      const preview = shown ? analysisPreview : null;
      // A preview's result holds the collections the sources already have: nothing changes.
      const changed = [
        setSourceData(map, ANALYSIS_SOURCES.served, geometry?.served),
        setSourceData(map, ANALYSIS_SOURCES.gaps, geometry?.gaps),
        setSourceData(map, ANALYSIS_SOURCES.unknown, geometry?.unknown),
        setSourceData(map, ANALYSIS_SOURCES.catchments, geometry?.catchments),
        setSourceData(
          map,
          ANALYSIS_SOURCES.networkGaps,
          shown ? analysisResult.network?.gaps : null,
        ),
      ].some(Boolean);
      if (changed) {
        const draws = Number(container.current?.getAttribute('data-analysis-draws') ?? 0);
        container.current?.setAttribute('data-analysis-draws', String(draws + 1));
      }
      const dataSet = performance.now();
      measureStage('setData', settingData, dataSet);
      const overlay = previewRef.current;
      if (changed) overlay?.sourcesChanged();
      if (preview) overlay?.show(preview, stored !== null);
      // The slider under the pointer (or let go of, still under it): the overlay shows the
      // result the sources have, so a drag starting from here needs no map frame.
      else if (shown && sliderInUse) overlay?.show(packedGeometry(analysisResult), false);
      else overlay?.release();
      // A preview measures its own drawing (the 'preview' and 'idle' stages).
      if (stored !== null && !preview) {
        // The scenario overlay may have changed its sources just before, in the same commit.
        if ((lastSourceChange(map) ?? -Infinity) >= stored)
          map.once('idle', () => measureStage('idle', dataSet));
        else measureStage('idle', dataSet, dataSet);
      }
      container.current?.setAttribute(
        'data-analysis-drawn',
        shown ? `${analysisResult.request.tab}:${analysisResult.request.schoolView}` : 'none',
      );
    };
    whenLoaded(map, apply);
  }, [analysisOpen, analysisTab, analysisResult, analysisPreview, sliderInUse]);

  return <div ref={container} className="map" data-testid="map" />;
}
