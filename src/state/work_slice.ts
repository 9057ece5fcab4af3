import type { StateCreator } from 'zustand';
import type { ServedSchoolLevel } from '../analysis/coverage_report';
import type { Scenario, ScenarioEdit } from '../analysis/scenario';
import { saveWork } from '../data/browser_storage';
import { type ImportedDataset, composeLayerData } from '../data/imported_data';
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
}

export const DEFAULT_SCENARIO_EDITOR: ScenarioEditor = {
  open: false,
  tool: null,
  draft: [],
  schoolLevel: 'primary',
  carParkSpaces: 100,
  compareWithId: null,
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
  };
};
