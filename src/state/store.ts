import { create } from 'zustand';
import type { LayerData } from '../data/load';
import type { LayerId } from '../data/layers';
import { DEFAULT_VISIBLE_LAYERS } from '../layers/catalog';
import type { AnalysisTab } from '../analysis/analysis_run';
import type { CoverageParameters } from '../analysis/coverage_parameters';
import {
  type AnalysisRunState,
  type AnalysisSettings,
  DEFAULT_ANALYSIS_SETTINGS,
  IDLE_ANALYSIS_RUN,
  TAB_LAYER,
} from './analysis_settings';
import {
  type StatusOverride,
  type StatusOverrides,
  statusIdOf,
  withStatus,
} from '../data/project_status';
import { loadStatuses, readStatus, writeStatus } from './status_storage';
import { DEFAULT_INSPECTION, type InspectionSettings } from './inspection_settings';
import type { IgnoredParameter, Language, MapView } from './url_hash';
import { type NetworkSlice, createNetworkSlice } from './network_slice';
import { type WorkSlice, createWorkSlice } from './work_slice';
import { withRefused } from './storage_refused';
import type { StringKey } from '../ui/i18n';

/** The whole 回天 area at a glance. */
export const DEFAULT_VIEW: MapView = { center: [116.35, 40.075], zoom: 11.6 };

/** What the user has selected on the map. */
export type Selection =
  | { type: 'none' }
  | { type: 'subdistrict'; name: string }
  | { type: 'plan-element'; id: string }
  | { type: 'facility'; layer: string; id: string }
  | { type: 'plan-project'; id: string };

/** The plan panel and the task chosen in it (a link carries `task=N`). */
export interface PlanView {
  open: boolean;
  task: number | null;
}

/** A one-off request to move the map (a search result, a facility in a list). */
export interface MapCommand {
  type: 'fly';
  center: [number, number];
  zoom: number;
  /** Distinguishes two requests to the same place. */
  serial: number;
}

export type DataState =
  | { status: 'loading' }
  | { status: 'ready'; data: LayerData }
  | { status: 'error'; message: string };

export interface LinkNoticeState {
  key: StringKey | null;
  parameters: IgnoredParameter[];
}

export interface AppState extends WorkSlice, NetworkSlice {
  language: Language;
  view: MapView;
  /** True when the view came from a link; otherwise the map fits the whole area on start. */
  viewFromLink: boolean;
  visibleLayers: LayerId[];
  selection: Selection;
  hoveredSubdistrict: string | null;
  data: DataState;
  analysis: AnalysisSettings;
  analysisRun: AnalysisRunState;
  inspection: InspectionSettings;
  /**
   * What the opened link held that could not be used: an i18n key for the position or radius,
   * and analysis parameters whose defaults stand instead; null when all was usable.
   */
  linkNotice: LinkNoticeState | null;
  mapCommand: MapCommand | null;
  plan: PlanView;
  /** Planner's project statuses, kept in this browser (localStorage). */
  projectStatus: StatusOverrides;
  setLanguage: (language: Language) => void;
  setView: (view: MapView) => void;
  toggleLayer: (layer: LayerId) => void;
  setVisibleLayers: (layers: LayerId[]) => void;
  select: (selection: Selection) => void;
  hoverSubdistrict: (name: string | null) => void;
  setData: (data: DataState) => void;
  /** Opens the analysis panel on a tab (and shows the tab's facility layer). */
  openAnalysis: (tab: AnalysisTab) => void;
  closeAnalysis: () => void;
  updateAnalysis: (change: Partial<Omit<AnalysisSettings, 'open' | 'tab' | 'parameters'>>) => void;
  /** `live`: from a slider being dragged — measured at once, not after the typing pause. */
  setParameters: (change: Partial<CoverageParameters>, live?: boolean) => void;
  /** Whether the last parameter change came from a slider (see setParameters). */
  parametersLive: boolean;
  /**
   * A parameter slider is held (dragged, or stepped with the keys until a pause): results come
   * as a live preview and the map's sources are updated once, on release.
   */
  sliderHeld: boolean;
  holdSlider: (held: boolean) => void;
  /** The pointer is over a parameter slider: the map readies its live preview. */
  sliderHovered: boolean;
  hoverSlider: (hovered: boolean) => void;
  /**
   * The map is seen from straight above, so the live preview lines up with it. A tilted map
   * takes each result into its sources instead, as a slider without the button held does.
   */
  mapFlat: boolean;
  setMapFlat: (flat: boolean) => void;
  setAnalysis: (settings: AnalysisSettings) => void;
  setAnalysisRun: (run: Partial<AnalysisRunState>) => void;
  /** Places the inspected point (and opens the inspection). */
  inspectAt: (lonLat: [number, number]) => void;
  updateInspection: (change: Partial<InspectionSettings>) => void;
  setLinkNotice: (notice: LinkNoticeState | null) => void;
  flyTo: (center: [number, number], zoom: number) => void;
  setPlan: (plan: PlanView) => void;
  /** Records (or with null, forgets) a planner's status for a project; only that one is stored. */
  setProjectStatus: (id: string, override: StatusOverride | null) => void;
  /**
   * Another tab changed this stored key (null: cleared them all): a project status is read
   * again through the restore's checks; other keys are ignored.
   */
  reloadProjectStatus: (key: string | null) => void;
}

const restoredStatuses = loadStatuses();

export const useAppStore = create<AppState>()((set, get, api) => ({
  ...createWorkSlice(set, get, api),
  // Damaged statuses are named from the start, beside the saved work's damaged records.
  skippedRecords: restoredStatuses.skipped,
  ...createNetworkSlice(set, get, api),
  language: 'zh',
  view: DEFAULT_VIEW,
  viewFromLink: false,
  visibleLayers: [...DEFAULT_VISIBLE_LAYERS],
  selection: { type: 'none' },
  hoveredSubdistrict: null,
  data: { status: 'loading' },
  setLanguage: (language) => set({ language }),
  setView: (view) => set({ view }),
  toggleLayer: (layer) =>
    set((state) => ({
      visibleLayers: state.visibleLayers.includes(layer)
        ? state.visibleLayers.filter((l) => l !== layer)
        : [...state.visibleLayers, layer],
    })),
  setVisibleLayers: (visibleLayers) => set({ visibleLayers }),
  select: (selection) => set({ selection }),
  hoverSubdistrict: (hoveredSubdistrict) => set({ hoveredSubdistrict }),
  setData: (data) => set({ data }),
  analysis: DEFAULT_ANALYSIS_SETTINGS,
  analysisRun: IDLE_ANALYSIS_RUN,
  openAnalysis: (tab) =>
    set((state) => {
      const layer = TAB_LAYER[tab];
      const visibleLayers =
        layer && !state.visibleLayers.includes(layer)
          ? [...state.visibleLayers, layer]
          : state.visibleLayers;
      return { analysis: { ...state.analysis, open: true, tab }, visibleLayers };
    }),
  closeAnalysis: () => set((state) => ({ analysis: { ...state.analysis, open: false } })),
  updateAnalysis: (change) => set((state) => ({ analysis: { ...state.analysis, ...change } })),
  parametersLive: false,
  sliderHeld: false,
  holdSlider: (sliderHeld) => set({ sliderHeld }),
  sliderHovered: false,
  hoverSlider: (sliderHovered) => set({ sliderHovered }),
  mapFlat: true,
  setMapFlat: (mapFlat) => set({ mapFlat }),
  setParameters: (change, live = false) =>
    set((state) => ({
      analysis: { ...state.analysis, parameters: { ...state.analysis.parameters, ...change } },
      parametersLive: live,
    })),
  setAnalysis: (analysis) => set({ analysis }),
  setAnalysisRun: (run) => set((state) => ({ analysisRun: { ...state.analysisRun, ...run } })),
  inspection: DEFAULT_INSPECTION,
  linkNotice: null,
  mapCommand: null,
  inspectAt: (lonLat) =>
    set((state) => ({ inspection: { ...state.inspection, open: true, lonLat } })),
  updateInspection: (change) =>
    set((state) => ({ inspection: { ...state.inspection, ...change } })),
  setLinkNotice: (linkNotice) => set({ linkNotice }),
  plan: { open: false, task: null },
  // Opening the plan shows its projects.
  setPlan: (plan) =>
    set((state) => ({
      plan,
      visibleLayers:
        plan.open && !state.plan.open && !state.visibleLayers.includes('plan-projects')
          ? [...state.visibleLayers, 'plan-projects']
          : state.visibleLayers,
    })),
  projectStatus: restoredStatuses.overrides,
  setProjectStatus: (id, override) => {
    // Storage full or disabled: the change still holds for this session.
    if (!writeStatus(id, override)) {
      set((state) => ({ storageRefused: withRefused(state.storageRefused, 'project-status') }));
    }
    set((state) => ({ projectStatus: withStatus(state.projectStatus, id, override) }));
  },
  reloadProjectStatus: (key) => {
    if (key === null) {
      const { overrides, skipped } = loadStatuses();
      const others = get().skippedRecords.filter((r) => r.kind !== 'project-status');
      set({ projectStatus: overrides, skippedRecords: [...others, ...skipped] });
      return;
    }
    const id = statusIdOf(key);
    if (id === null) return;
    const read = readStatus(key);
    const others = get().skippedRecords.filter((r) => r.key !== key);
    set((state) => ({
      projectStatus: withStatus(state.projectStatus, id, read.ok ? read.value : null),
      skippedRecords: read.ok ? others : [...others, read.skipped],
    }));
  },
  flyTo: (center, zoom) =>
    set((state) => ({
      mapCommand: { type: 'fly', center, zoom, serial: (state.mapCommand?.serial ?? 0) + 1 },
    })),
}));
