import type { StateCreator } from 'zustand';
import type { ServedSchoolLevel } from '../analysis/coverage_report';
import type { Point, Polygon } from 'geojson';
import {
  type EditGeometryProblem,
  type RemovableLayer,
  type Scenario,
  type ScenarioEdit,
  editGeometryProblem,
} from '../analysis/scenario';
import { type ImportedDataset, composeLayerData } from '../data/imported_data';
import {
  type SkippedRecord,
  type StoreImportElsewhere,
  changeStoredScenario,
  deleteRecord,
  importIdOf,
  importKey,
  removeDamagedRecord,
  scenarioIdOf,
  scenarioKey,
  readImport,
  saveActiveScenario,
  saveImport,
} from '../data/saved_work';
import {
  checkImport,
  checkScenario,
  deleteDamagedRecordInWorker,
  storeImportInWorker,
  storeScenarioChangesInWorker,
} from '../worker/import_record_client';
import { type ScenarioChange, applyScenarioChange } from '../analysis/scenario_change';
import { sameScenario } from '../analysis/same_scenario';
import type { LayerData } from '../data/load';
import { removeStatusRecord } from './status_storage';
import { NETWORK_KEY, loadNetwork } from '../data/network_storage';
import type { AppState } from './store';
import type { StringKey } from '../ui/i18n';
import { exceeds, featureListProblem, limitMessageBoth } from '../data/limits';
import { type SavedRecordKind, withRefused, withoutRefused } from './storage_refused';
import { type ChangeBatch, unstoredScenarioChanges } from './unstored_changes';

/** Why the editor refused a click or a park (see `editGeometryProblem`). */
export type EditorProblem =
  | 'tooFewVertices'
  | 'tooManyEdits'
  | 'tooManyPositions'
  | 'storedOverLimit'
  | EditGeometryProblem['kind'];

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
  /** Why the last edit was refused (an i18n key), or null. */
  problem: StringKey | null;
  /** For a limit, the limit and the scenario's figure in both languages, shown after `problem`. */
  problemDetail: string | null;
  /**
   * The name of a scenario another tab deleted before this tab's edit to it was stored: the
   * edit was not kept, and the scenario left this tab. Null when there is nothing to say.
   */
  deletedElsewhere: string | null;
}

/** The planner's own work: imported data and what-if scenarios, kept in the browser. */
export interface WorkSlice {
  /** The data as shipped; `data` is this with the imports applied. */
  shipped: LayerData | null;
  imports: ImportedDataset[];
  scenarios: Scenario[];
  activeScenarioId: string | null;
  scenarioEditor: ScenarioEditor;
  /** The kinds of record the browser refused to keep (private mode, storage full), if any. */
  storageRefused: readonly SavedRecordKind[];
  /** Saved records that failed the restore's checks: left out, named, removable. */
  skippedRecords: SkippedRecord[];
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
    skipped?: SkippedRecord[];
  }) => void;
  /**
   * Shows the datasets and stores them, one record per file, off the page's thread: by
   * `storeElsewhere` when given (the import worker that built them), else (or when that worker
   * is gone) by the restore's worker, given a copy of their chunks (see `storeImportInWorker`).
   */
  addImports: (datasets: ImportedDataset[], storeElsewhere?: StoreImportElsewhere) => void;
  removeImport: (id: string) => void;
  /**
   * Deletes a damaged record the restore skipped; it leaves the notice once the deletion is
   * stored, so a reload right after never brings it back.
   */
  removeSkippedRecord: (key: string) => Promise<void>;
  /** Another tab changed this record: read it again (through the restore's checks). */
  reloadRecord: (key: string) => Promise<void>;
  saveScenario: (scenario: Scenario) => void;
  renameScenario: (id: string, name: string) => void;
  deleteScenario: (id: string) => void;
  setActiveScenario: (id: string | null) => void;
  /**
   * Tries again at once to store what the browser refused of scenarios: each scenario's refused
   * changes as its next batch (after the one on its way, if any), and the choice of the active
   * scenario. The notice goes once they are stored, and stays if they are refused again.
   */
  retrySavingScenarios: () => void;
  addEdit: (edit: ScenarioEdit) => void;
  removeEdit: (editId: string) => void;
  updateScenarioEditor: (change: Partial<ScenarioEditor>) => void;
  /**
   * A map click while a scenario tool is on: a park vertex, a school or a car park; one the
   * scenario reader would refuse (outside the area) is not taken, and the editor says why.
   */
  placeScenarioPoint: (lonLat: [number, number]) => void;
  /** Closes the park being drawn; returns why it cannot be a park (shown), or null when added. */
  finishPark: () => EditorProblem | null;
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
  problemDetail: null,
  deletedElsewhere: null,
};

export const newId = () =>
  `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;

export const createWorkSlice: StateCreator<AppState, [], [], WorkSlice> = (set, get) => {
  const setSkipped = (key: string, skipped: SkippedRecord | null) =>
    set({
      skippedRecords: [
        ...get().skippedRecords.filter((r) => r.key !== key),
        ...(skipped ? [skipped] : []),
      ],
    });
  /** A good record was written under `key` (or it was deleted): no damaged one is left there. */
  const clearSkipped = (key: string) => {
    if (get().skippedRecords.some((r) => r.key === key)) setSkipped(key, null);
  };
  const refusedUnless = (kind: SavedRecordKind) => (ok: boolean) => {
    if (!ok) set((state) => ({ storageRefused: withRefused(state.storageRefused, kind) }));
  };
  const importSaved = refusedUnless('import');
  const scenarioSaved = refusedUnless('scenario');
  const unstored = unstoredScenarioChanges();
  /** Shows `scenario` for `id`, keeping the object when it says the same (no new analysis). */
  const showScenario = (id: string, scenario: Scenario | null) => {
    const here = get().scenarios.find((s) => s.id === id) ?? null;
    if (sameScenario(here, scenario)) return;
    set({ scenarios: replaceScenario(get().scenarios, id, scenario) });
  };
  /** The choice of the active scenario is stored, as the last write made of it answered. */
  let activeChoiceKept = true;
  /** How many writes of the choice were made: only the last one made decides. */
  let activeChoiceWrites = 0;
  /** Scenarios leave the storage notice once nothing of them is kept only in this tab. */
  const scenarioKept = () => {
    if (unstored.anyRefused() || !activeChoiceKept) return;
    set((state) => ({ storageRefused: withoutRefused(state.storageRefused, 'scenario') }));
  };
  /**
   * Stores the choice of the active scenario. A refused write can answer before an older one
   * that is kept (a refusal needs no commit): the answer of a write made before another is
   * ignored, so the notice follows what was chosen last, not what answered last.
   */
  const saveActiveChoice = (id: string | null) => {
    const write = ++activeChoiceWrites;
    void saveActiveScenario(id).then((ok) => {
      if (write !== activeChoiceWrites) return;
      activeChoiceKept = ok;
      if (ok) scenarioKept();
      else scenarioSaved(false);
    });
  };
  /** The last name this tab knew of each scenario it changed, to name one deleted elsewhere. */
  const knownNames = new Map<string, string>();
  /** A scenario chosen (active, or compared) that is gone from the tab is chosen no more. */
  const forgetGoneChoices = () => {
    const { activeScenarioId, scenarios, scenarioEditor } = get();
    const gone = (id: string | null) => id !== null && !scenarios.some((s) => s.id === id);
    if (gone(activeScenarioId)) {
      set({
        activeScenarioId: null,
        scenarioEditor: { ...get().scenarioEditor, tool: null, draft: [] },
      });
    }
    if (gone(scenarioEditor.compareWithId)) get().updateScenarioEditor({ compareWithId: null });
  };
  /**
   * Stores a batch of changes to one scenario, in one transaction; a refused batch stays in
   * the tab and goes first in the next. The tab's copy holds every change of the batch (a batch
   * is all that is not stored): it is what the changes apply to when the stored copy failed
   * the reader, and applying a change again is harmless.
   */
  const storeChanges = ({ id, changes }: ChangeBatch) => {
    const local = get().scenarios.find((s) => s.id === id) ?? null;
    void changeStoredScenario(local, id, changes, storeScenarioChangesInWorker).then(
      ({ failed: refused, scenario, setAside, overLimit, notFound }) => {
        // A stored copy that failed the reader was kept aside: named here as a damaged record.
        if (setAside) void get().reloadRecord(setAside);
        if (refused) {
          scenarioSaved(false);
          const next = unstored.refused(id);
          if (next) storeChanges(next);
          return;
        }
        // The stored copy (grown in another tab) cannot take a change: it leaves the tab, with why.
        const tooBig = overLimit[0];
        if (tooBig) refuse('storedOverLimit', tooBig.reason);
        const { shown, next } = unstored.stored(id, scenario);
        showScenario(id, shown);
        // Another tab deleted the scenario: this tab's edit to it was not kept.
        if (notFound) {
          get().updateScenarioEditor({ deletedElsewhere: knownNames.get(id) ?? local?.name ?? id });
          forgetGoneChoices();
        }
        // What the key held, if damaged, is set aside (named above under its new key).
        if (overLimit.length < changes.length) clearSkipped(scenarioKey(id));
        scenarioKept();
        if (next) storeChanges(next);
      },
    );
  };
  /**
   * Changes a scenario here at once, then as stored: the change is applied again to the
   * stored copy, which another tab may have changed, and this tab shows that result with its
   * changes made since on top. One batch of a scenario's changes is on its way at a time;
   * changes made meanwhile, and refused ones, go together in the next, in the order made, so
   * a later change is never stored without an earlier one. The stored copy is read and
   * checked in a worker, never on the page's thread. A refused change stays in this tab, and
   * is tried again with the next change, in case the browser has room again. A stored copy
   * that failed the reader is kept aside, not written over.
   */
  const changeScenario = (id: string, change: ScenarioChange) => {
    const local = get().scenarios.find((s) => s.id === id) ?? null;
    const changed = applyScenarioChange(local, change);
    const name = (changed ?? local)?.name;
    if (name !== undefined) knownNames.set(id, name);
    set({ scenarios: replaceScenario(get().scenarios, id, changed) });
    const batch = unstored.made(id, change);
    if (batch) storeChanges(batch);
    // Other scenarios' refused changes, in case the browser has room again.
    for (const retry of unstored.retryRefused()) storeChanges(retry);
  };
  const withData = (shipped: LayerData | null, imports: ImportedDataset[]) =>
    shipped ? { data: { status: 'ready' as const, data: composeLayerData(shipped, imports) } } : {};
  /** Shows why the editor refused (an i18n key) and returns it. */
  const refuse = (problem: EditorProblem, detail: string | null = null) => {
    get().updateScenarioEditor({ problem: `scenario.problem.${problem}`, problemDetail: detail });
    return problem;
  };
  /**
   * Refuses what the strict scenario reader would refuse (the one rule both apply), so no
   * edit is stored that would lose the whole scenario when it is read back.
   */
  const refuseGeometry = (geometry: Point | Polygon) => {
    const problem = editGeometryProblem(geometry);
    return problem ? refuse(problem.kind) : null;
  };
  /**
   * Refuses an edit past the reader's limits of a scenario, edits or positions (one more, and
   * the reader refuses all of them): the limits of `src/data/limits.ts` the reader asks, over
   * the edits as the reader lists them, removals without geometry.
   */
  const refuseWhenFull = (edits: readonly ScenarioEdit[], added: Point | Polygon | null) => {
    const tooMany = exceeds('editsPerScenario', edits.length + 1);
    if (tooMany) return refuse('tooManyEdits', limitMessageBoth(tooMany));
    const features = edits.map((e) => ({ geometry: e.type === 'remove' ? null : e.geometry }));
    const tooLarge = featureListProblem([...features, { geometry: added }]);
    return tooLarge ? refuse('tooManyPositions', limitMessageBoth(tooLarge)) : null;
  };
  const updateActive = (change: ScenarioChange) => {
    const { activeScenarioId } = get();
    if (activeScenarioId) changeScenario(activeScenarioId, change);
  };
  return {
    shipped: null,
    imports: [],
    scenarios: [],
    activeScenarioId: null,
    scenarioEditor: DEFAULT_SCENARIO_EDITOR,
    storageRefused: [],
    skippedRecords: [],
    dataPanelOpen: false,
    importFile: null,
    setDataPanelOpen: (dataPanelOpen) => set({ dataPanelOpen }),
    setImportFile: (importFile) => set({ importFile }),
    setShipped: (shipped) => set({ shipped, ...withData(shipped, get().imports) }),
    restoreWork: ({ imports, scenarios, activeScenarioId, skipped = [] }) =>
      set({
        imports,
        scenarios,
        activeScenarioId: scenarios.some((s) => s.id === activeScenarioId)
          ? activeScenarioId
          : null,
        // Project statuses (localStorage) and the network are read apart from the saved work.
        skippedRecords: [
          ...get().skippedRecords.filter(
            (r) => r.kind === 'project-status' || r.kind === 'network',
          ),
          ...skipped,
        ],
        ...withData(get().shipped, imports),
      }),
    addImports: (datasets, storeElsewhere) => {
      const imports = [...get().imports, ...datasets];
      set({ imports, ...withData(get().shipped, imports) });
      const byId = new Map<string, ImportedDataset[]>();
      for (const d of datasets) byId.set(d.id, [...(byId.get(d.id) ?? []), d]);
      for (const [id, group] of byId) {
        const writers = storeElsewhere
          ? [storeElsewhere, storeImportInWorker]
          : [storeImportInWorker];
        void saveImport(group, writers).then((saved) => {
          importSaved(saved);
          if (saved) clearSkipped(importKey(id));
          // Removed while its record was being written: the removal's deletion came first.
          if (saved && !get().imports.some((d) => d.id === id)) {
            void deleteRecord(importKey(id)).then(importSaved);
          }
        });
      }
    },
    removeImport: (id) => {
      const imports = get().imports.filter((d) => d.id !== id);
      set({ imports, ...withData(get().shipped, imports) });
      void deleteRecord(importKey(id)).then(importSaved);
    },
    removeSkippedRecord: async (key) => {
      const kind = get().skippedRecords.find((r) => r.key === key)?.kind;
      if (kind === 'import' || kind === 'scenario') {
        // Deleted only if it still fails the gate: a good record may have been stored there since.
        const removed = await removeDamagedRecord(key, deleteDamagedRecordInWorker);
        refusedUnless(kind)(removed !== 'refused');
        if (removed === 'passes') await get().reloadRecord(key);
        if (removed === 'deleted') clearSkipped(key);
        return;
      }
      const deleted = kind === 'project-status' ? removeStatusRecord(key) : await deleteRecord(key);
      if (kind) refusedUnless(kind)(deleted);
      if (deleted) set({ skippedRecords: get().skippedRecords.filter((r) => r.key !== key) });
    },
    reloadRecord: async (key) => {
      if (key === NETWORK_KEY) {
        get().restoreWalkNetwork(await loadNetwork());
        return;
      }
      const importId = importIdOf(key);
      const scenarioId = scenarioIdOf(key);
      if (importId !== null) {
        const read = await readImport(key, checkImport);
        const others = get().imports.filter((d) => d.id !== importId);
        const imports = read.ok ? [...others, ...read.value] : others;
        set({ imports, ...withData(get().shipped, imports) });
        setSkipped(key, read.ok ? null : read.skipped);
      } else if (scenarioId !== null) {
        const read = await checkScenario(key);
        // This tab's changes not stored yet stay on top of the other tab's copy.
        showScenario(scenarioId, unstored.fromOtherTab(scenarioId, read.ok ? read.value : null));
        forgetGoneChoices();
        setSkipped(key, read.ok ? null : read.skipped);
      }
    },
    saveScenario: (scenario) => changeScenario(scenario.id, { kind: 'put', scenario }),
    renameScenario: (id, name) => {
      changeScenario(id, { kind: 'rename', name, updatedAt: new Date().toISOString() });
    },
    deleteScenario: (id) => {
      const { activeScenarioId, scenarioEditor } = get();
      const active = activeScenarioId === id ? null : activeScenarioId;
      set({
        activeScenarioId: active,
        scenarioEditor: {
          ...scenarioEditor,
          compareWithId: scenarioEditor.compareWithId === id ? null : scenarioEditor.compareWithId,
        },
      });
      changeScenario(id, { kind: 'delete' });
      if (active !== activeScenarioId) saveActiveChoice(active);
    },
    setActiveScenario: (activeScenarioId) => {
      set((state) => ({
        activeScenarioId,
        scenarioEditor: { ...state.scenarioEditor, tool: null, draft: [], deletedElsewhere: null },
      }));
      saveActiveChoice(activeScenarioId);
    },
    retrySavingScenarios: () => {
      for (const retry of unstored.retryRefused()) storeChanges(retry);
      if (!activeChoiceKept) saveActiveChoice(get().activeScenarioId);
    },
    addEdit: (edit) =>
      updateActive({ kind: 'add-edit', edit, updatedAt: new Date().toISOString() }),
    removeEdit: (editId) =>
      updateActive({ kind: 'remove-edit', editId, updatedAt: new Date().toISOString() }),
    updateScenarioEditor: (change) =>
      set((state) => ({ scenarioEditor: { ...state.scenarioEditor, ...change } })),
    placeScenarioPoint: (lonLat) => {
      const { scenarioEditor: editor, scenarios, activeScenarioId } = get();
      const edits = scenarios.find((s) => s.id === activeScenarioId)?.edits;
      if (!edits || !editor.tool || editor.tool === 'remove') return;
      const point = { type: 'Point' as const, coordinates: lonLat };
      // A park corner outside the area is refused at once, not when the park is closed.
      if (refuseGeometry(point)) return;
      if (editor.tool !== 'add-park' && refuseWhenFull(edits, point)) return;
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
      } else {
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
      if (editor.draft.length < 3) return refuse('tooFewVertices');
      const geometry: Polygon = {
        type: 'Polygon',
        coordinates: [[...editor.draft, editor.draft[0]!]],
      };
      const problem = refuseWhenFull(edits, geometry) ?? refuseGeometry(geometry);
      if (problem) return problem;
      get().addEdit({
        id: newId(),
        type: 'add-park',
        name: nextName(EDIT_NAMES['add-park'], edits),
        geometry,
      });
      get().updateScenarioEditor({ draft: [], problem: null });
      return null;
    },
    removeFacility: (layer, featureId, name) => {
      const edits = get().scenarios.find((s) => s.id === get().activeScenarioId)?.edits;
      if (!edits || edits.some((e) => e.type === 'remove' && e.featureId === featureId)) return;
      if (refuseWhenFull(edits, null)) return;
      get().addEdit({ id: newId(), type: 'remove', layer, featureId, name });
    },
  };
};

/** The list with the scenario of this id replaced (or added, or removed when null). */
function replaceScenario(scenarios: Scenario[], id: string, scenario: Scenario | null): Scenario[] {
  if (!scenario) return scenarios.filter((s) => s.id !== id);
  return scenarios.some((s) => s.id === id)
    ? scenarios.map((s) => (s.id === id ? scenario : s))
    : [...scenarios, scenario];
}
