import type { StateCreator } from 'zustand';
import type { ServedSchoolLevel } from '../analysis/coverage_report';
import type { RemovableLayer, Scenario, ScenarioEdit } from '../analysis/scenario';
import { saveWork } from '../data/browser_storage';
import { type ImportedDataset, composeLayerData } from '../data/imported_data';
import { ringCrossesItself } from '../data/ring_crossing';
import type { LayerData } from '../data/load';
import type { AppState } from './store';

export type ScenarioTool = 'add-park' | 'add-school' | 'add-car-park' | 'remove';

/** The scenario panel: which tool the map's clicks feed, and the park being drawn. */
export interface ScenarioEditor {
  open: boolean;
  tool: ScenarioTool | null;
  /** Vertices of the park polygon being drawn, [lon, lat]. */
  draft: [number, number][];
  schoolLevel: ServedSchoolLevel;
  carParkSpaces: number;
  /** A second scenario whose table is shown beside the active one's. */
  compareWithId: string | null;
  /** Why the last park could not be closed (an i18n key), or null. */
  problem: string | null;
}

/** The planner's own work: imported data and what-if scenarios, kept in the browser. */
export interface WorkSlice {
  /** The data as shipped; `data` is this with the imports applied. */
  shipped: LayerData | null;
  imports: ImportedDataset[];
  scenarios: Scenario[];
  activeScenarioId: string | null;
  scenarioEditor: ScenarioEditor;
  /** True once the browser refused to keep the work (private mode, storage full). */
  storageFailed: boolean;
  dataPanelOpen: boolean;
  /** A file dropped or picked for import, shown in the import dialog until confirmed or not. */
  importFile: File | null;
  setDataPanelOpen: (open: boolean) => void;
  setImportFile: (file: File | null) => void;
  setShipped: (data: LayerData) => void;
  restoreWork: (work: {
    imports: ImportedDataset[];
    scenarios: Scenario[];
    activeScenarioId: string | null;
  }) => void;
  addImports: (datasets: ImportedDataset[]) => void;
  removeImport: (id: string) => void;
  saveScenario: (scenario: Scenario) => void;
  deleteScenario: (id: string) => void;
  setActiveScenario: (id: string | null) => void;
  addEdit: (edit: ScenarioEdit) => void;
  removeEdit: (editId: string) => void;
  updateScenarioEditor: (change: Partial<ScenarioEditor>) => void;
  /** A map click while a scenario tool is on: a park vertex, a school or a car park. */
  placeScenarioPoint: (lonLat: [number, number]) => void;
  /** Closes the park being drawn; returns why it cannot be a park, or null when added. */
  finishPark: () => 'tooFewVertices' | 'selfIntersecting' | null;
  /** A map click on a facility with the remove tool on. */
  removeFacility: (layer: RemovableLayer, featureId: string, name: string) => void;
}

/** Names of added facilities are data, in Chinese like the rest of the data's names. */
const EDIT_NAMES = {
  'add-park': '规划公园',
  kindergarten: '规划幼儿园',
  primary: '规划小学',
  middle: '规划中学',
  'add-car-park': '规划停车场',
} as const;

function nextName(base: string, edits: ScenarioEdit[]): string {
  const taken = new Set(edits.map((e) => e.name));
  let n = 1;
  while (taken.has(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

export const DEFAULT_SCENARIO_EDITOR: ScenarioEditor = {
  open: false,
  tool: null,
  draft: [],
  schoolLevel: 'primary',
  carParkSpaces: 100,
  compareWithId: null,
  problem: null,
};

export const newId = () =>
  `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;

export const createWorkSlice: StateCreator<AppState, [], [], WorkSlice> = (set, get) => {
  const persist = <K extends 'imports' | 'scenarios' | 'activeScenarioId'>(
    key: K,
    value: AppState[K],
  ) => {
    void saveWork(key, value).then((ok) => {
      if (!ok && !get().storageFailed) set({ storageFailed: true });
    });
  };
  const withData = (shipped: LayerData | null, imports: ImportedDataset[]) =>
    shipped ? { data: { status: 'ready' as const, data: composeLayerData(shipped, imports) } } : {};
  const updateActive = (change: (scenario: Scenario) => Scenario) => {
    const { scenarios, activeScenarioId } = get();
    const active = scenarios.find((s) => s.id === activeScenarioId);
    if (active) get().saveScenario(change(active));
  };
  return {
    shipped: null,
    imports: [],
    scenarios: [],
    activeScenarioId: null,
    scenarioEditor: DEFAULT_SCENARIO_EDITOR,
    storageFailed: false,
    dataPanelOpen: false,
    importFile: null,
    setDataPanelOpen: (dataPanelOpen) => set({ dataPanelOpen }),
    setImportFile: (importFile) => set({ importFile }),
    setShipped: (shipped) => set({ shipped, ...withData(shipped, get().imports) }),
    restoreWork: ({ imports, scenarios, activeScenarioId }) =>
      set({
        imports,
        scenarios,
        activeScenarioId: scenarios.some((s) => s.id === activeScenarioId)
          ? activeScenarioId
          : null,
        ...withData(get().shipped, imports),
      }),
    addImports: (datasets) => {
      const imports = [...get().imports, ...datasets];
      set({ imports, ...withData(get().shipped, imports) });
      persist('imports', imports);
    },
    removeImport: (id) => {
      const imports = get().imports.filter((d) => d.id !== id);
      set({ imports, ...withData(get().shipped, imports) });
      persist('imports', imports);
    },
    saveScenario: (scenario) => {
      const others = get().scenarios;
      const scenarios = others.some((s) => s.id === scenario.id)
        ? others.map((s) => (s.id === scenario.id ? scenario : s))
        : [...others, scenario];
      set({ scenarios });
      persist('scenarios', scenarios);
    },
    deleteScenario: (id) => {
      const scenarios = get().scenarios.filter((s) => s.id !== id);
      const { activeScenarioId, scenarioEditor } = get();
      const active = activeScenarioId === id ? null : activeScenarioId;
      set({
        scenarios,
        activeScenarioId: active,
        scenarioEditor: {
          ...scenarioEditor,
          compareWithId: scenarioEditor.compareWithId === id ? null : scenarioEditor.compareWithId,
        },
      });
      persist('scenarios', scenarios);
      persist('activeScenarioId', active);
    },
    setActiveScenario: (activeScenarioId) => {
      set((state) => ({
        activeScenarioId,
        scenarioEditor: { ...state.scenarioEditor, tool: null, draft: [] },
      }));
      persist('activeScenarioId', activeScenarioId);
    },
    addEdit: (edit) =>
      updateActive((s) => ({
        ...s,
        edits: [...s.edits, edit],
        updatedAt: new Date().toISOString(),
      })),
    removeEdit: (editId) =>
      updateActive((s) => ({
        ...s,
        edits: s.edits.filter((e) => e.id !== editId),
        updatedAt: new Date().toISOString(),
      })),
    updateScenarioEditor: (change) =>
      set((state) => ({ scenarioEditor: { ...state.scenarioEditor, ...change } })),
    placeScenarioPoint: (lonLat) => {
      const { scenarioEditor: editor, scenarios, activeScenarioId } = get();
      const edits = scenarios.find((s) => s.id === activeScenarioId)?.edits;
      if (!edits) return;
      const point = { type: 'Point' as const, coordinates: lonLat };
      if (editor.tool === 'add-park') {
        // The two clicks of the double click that closes a park land on one spot.
        const last = editor.draft.at(-1);
        if (last && Math.hypot(last[0] - lonLat[0], last[1] - lonLat[1]) < 1e-7) return;
        get().updateScenarioEditor({ draft: [...editor.draft, lonLat], problem: null });
      } else if (editor.tool === 'add-school') {
        const level = editor.schoolLevel;
        get().addEdit({
          id: newId(),
          type: 'add-school',
          name: nextName(EDIT_NAMES[level], edits),
          level,
          geometry: point,
        });
      } else if (editor.tool === 'add-car-park') {
        get().addEdit({
          id: newId(),
          type: 'add-car-park',
          name: nextName(EDIT_NAMES['add-car-park'], edits),
          spaces: editor.carParkSpaces,
          geometry: point,
        });
      }
    },
    finishPark: () => {
      const { scenarioEditor: editor, scenarios, activeScenarioId } = get();
      const edits = scenarios.find((s) => s.id === activeScenarioId)?.edits;
      if (!edits) return null;
      const refuse = (problem: 'tooFewVertices' | 'selfIntersecting') => {
        get().updateScenarioEditor({ problem: `scenario.problem.${problem}` });
        return problem;
      };
      if (editor.draft.length < 3) return refuse('tooFewVertices');
      const ring = [...editor.draft, editor.draft[0]!];
      if (ringCrossesItself(ring)) return refuse('selfIntersecting');
      get().addEdit({
        id: newId(),
        type: 'add-park',
        name: nextName(EDIT_NAMES['add-park'], edits),
        geometry: { type: 'Polygon', coordinates: [ring] },
      });
      get().updateScenarioEditor({ draft: [], problem: null });
      return null;
    },
    removeFacility: (layer, featureId, name) => {
      const edits = get().scenarios.find((s) => s.id === get().activeScenarioId)?.edits;
      if (!edits || edits.some((e) => e.type === 'remove' && e.featureId === featureId)) return;
      get().addEdit({ id: newId(), type: 'remove', layer, featureId, name });
    },
  };
};
