import { createStore, get, set } from 'idb-keyval';
import type { Scenario } from '../analysis/scenario';
import type { ImportedDataset } from './imported_data';

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
      imports: Array.isArray(imports) ? imports : [],
      scenarios: Array.isArray(scenarios) ? scenarios : [],
      activeScenarioId: typeof activeScenarioId === 'string' ? activeScenarioId : null,
    };
  } catch {
    return EMPTY;
  }
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
