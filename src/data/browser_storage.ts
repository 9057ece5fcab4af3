import { createStore, get, set } from 'idb-keyval';
import type { Scenario } from '../analysis/scenario';
import { IMPORT_LAYERS, type ImportedDataset } from './imported_data';
import { validateFeatureProperties } from './schema';

/**
 * What a planner adds is kept in this browser's IndexedDB (imports can be megabytes, too much
 * for localStorage). Reads that fail yield nothing; writes that fail are reported so the UI can
 * say the work holds for this visit only.
 */
export interface SavedWork {
  imports: ImportedDataset[];
  scenarios: Scenario[];
  activeScenarioId: string | null;
}

const EMPTY: SavedWork = { imports: [], scenarios: [], activeScenarioId: null };

let store: ReturnType<typeof createStore> | null = null;
function database() {
  store ??= createStore('huitian-map', 'saved-work');
  return store;
}

export async function loadSavedWork(): Promise<SavedWork> {
  if (typeof indexedDB === 'undefined') return EMPTY;
  try {
    const [imports, scenarios, activeScenarioId] = await Promise.all([
      get<ImportedDataset[]>('imports', database()),
      get<Scenario[]>('scenarios', database()),
      get<string | null>('active-scenario', database()),
    ]);
    return {
      imports: Array.isArray(imports) ? imports.filter(isSavedDataset) : [],
      scenarios: Array.isArray(scenarios) ? scenarios.filter(isSavedScenario) : [],
      activeScenarioId: typeof activeScenarioId === 'string' ? activeScenarioId : null,
    };
  } catch {
    return EMPTY;
  }
}

/**
 * What was saved by an older version, or damaged, is left out rather than breaking the app;
 * features are checked against the schema the analysis relies on.
 */
function isSavedDataset(value: unknown): value is ImportedDataset {
  const d = value as Partial<ImportedDataset> | null;
  return (
    typeof d?.id === 'string' &&
    typeof d.fileName === 'string' &&
    (IMPORT_LAYERS as readonly unknown[]).includes(d.layer) &&
    (d.mode === 'add' || d.mode === 'replace') &&
    Array.isArray(d.features) &&
    d.features.every((f) => f?.geometry && validateFeatureProperties(d.layer!, f).length === 0)
  );
}

function isSavedScenario(value: unknown): value is Scenario {
  const s = value as Partial<Scenario> | null;
  return typeof s?.id === 'string' && typeof s.name === 'string' && Array.isArray(s.edits);
}

/** Saves one part of the work; resolves false when the browser refused. */
export async function saveWork<K extends keyof SavedWork>(
  key: K,
  value: SavedWork[K],
): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  const storageKey = key === 'activeScenarioId' ? 'active-scenario' : key;
  try {
    await set(storageKey, value, database());
    return true;
  } catch {
    return false;
  }
}
