import type { UseStore } from 'idb-keyval';
import {
  type Scenario,
  type ScenarioGeoJson,
  scenarioFromGeoJson,
  scenarioLimitProblem,
  scenarioToGeoJson,
} from '../analysis/scenario';
import { type ScenarioChange, applyScenarioChange } from '../analysis/scenario_change';
import { type CompactFeatures, encodeChunk, CHUNK_SIZE } from './compact_features';
import { type CheckedDataset, checkImportRecord, readCheckedImport } from './import_record';
import { defineLazyFeatures, restoredFeatures } from './lazy_features';
import type { ImportLayer, ImportedDataset } from './imported_data';
import type { AppFeature } from './schema';
import {
  IMPORT_PREFIX,
  type RecordRead,
  type SkippedRecord,
  committed,
  database,
  importKey,
  isRecord,
  request,
  storeGet,
  textOr,
} from './saved_work_store';

export { importKey, type RecordRead, type SkippedRecord };
/**
 * The one persistence layer for what a planner adds, kept in this browser's IndexedDB: one
 * record per import and per scenario (so two tabs saving different things never overwrite each
 * other), a schema version with migrations, and a broadcast to the other tabs after each write.
 * Every record passes a gate when it is read back — the strict scenario reader, and for
 * imports the checks an import passes — so a damaged record is skipped and named, never
 * trusted, and the app always starts.
 */

/** Version 1 kept all imports under one key and all scenarios under another. */
export const SAVED_WORK_VERSION = 2;
const VERSION_KEY = 'version';
const ACTIVE_KEY = 'active-scenario';
const SCENARIO_PREFIX = 'scenario:';
const CHANNEL = 'huitian-map-saved-work';

export const scenarioKey = (id: string) => `${SCENARIO_PREFIX}${id}`;

/** One file's import: the datasets it gave, one per layer, features stored compactly. */
export interface ImportRecord {
  id: string;
  fileName: string;
  mode: ImportedDataset['mode'];
  crs: ImportedDataset['crs'];
  importedAt: string;
  layers: { layer: ImportLayer; features: CompactFeatures }[];
}

/** A scenario in its file form (read back by the same strict reader as a file). */
interface ScenarioRecord {
  revision: number;
  geojson: ScenarioGeoJson;
}

export interface SavedWork {
  imports: ImportedDataset[];
  scenarios: Scenario[];
  activeScenarioId: string | null;
  skipped: SkippedRecord[];
}

const EMPTY: SavedWork = { imports: [], scenarios: [], activeScenarioId: null, skipped: [] };

/** Lets the event loop run between slices of work, so no task holds the page for long. */
export const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

// ---------------------------------------------------------------------------------------------
// Migrations

/**
 * Brings the stored work to SAVED_WORK_VERSION in one transaction. Version 1's arrays are
 * split into one record per import and per scenario; values that cannot be split are kept
 * under a record key of their own, so the restore names them and the planner can remove them.
 */
let migration: Promise<void> | null = null;
function migrate(db: UseStore): Promise<void> {
  // Once per page: writes wait for it, and then run in the order they were asked for.
  migration ??= migrateOnce(db).catch((error: unknown) => {
    migration = null;
    throw error;
  });
  return migration;
}

async function migrateOnce(db: UseStore): Promise<void> {
  await db('readwrite', async (s) => {
    const version: unknown = await request(s.get(VERSION_KEY));
    if (version === SAVED_WORK_VERSION) return;
    const [imports, scenarios]: unknown[] = await Promise.all([
      request(s.get('imports')),
      request(s.get('scenarios')),
    ]);
    if (imports !== undefined) {
      const list = Array.isArray(imports) ? imports : [imports];
      const byId = new Map<string, unknown[]>();
      list.forEach((dataset, i) => {
        const id = isRecord(dataset) && typeof dataset.id === 'string' ? dataset.id : `v1-${i}`;
        byId.set(id, [...(byId.get(id) ?? []), dataset]);
      });
      for (const [id, datasets] of byId) s.put(importRecordFromV1(id, datasets), importKey(id));
      s.delete('imports');
    }
    if (scenarios !== undefined) {
      const list = Array.isArray(scenarios) ? scenarios : [scenarios];
      list.forEach((scenario, i) => {
        const id = isRecord(scenario) && typeof scenario.id === 'string' ? scenario.id : `v1-${i}`;
        s.put(scenarioRecordFromV1(scenario), scenarioKey(id));
      });
      s.delete('scenarios');
    }
    s.put(SAVED_WORK_VERSION, VERSION_KEY);
    await committed(s.transaction);
  });
}

/** A version-1 group of datasets as one record; what does not fit is kept for the gate. */
function importRecordFromV1(id: string, datasets: unknown[]): unknown {
  const first = datasets[0];
  if (!isRecord(first)) return { damaged: first };
  try {
    return {
      id,
      fileName: first.fileName,
      mode: first.mode,
      crs: first.crs,
      importedAt: first.importedAt,
      layers: datasets.map((d) => {
        const dataset = d as Record<string, unknown>;
        return { layer: dataset.layer, features: encodeAll(dataset.features as AppFeature[]) };
      }),
    };
  } catch {
    return { fileName: first.fileName, damaged: datasets };
  }
}

function scenarioRecordFromV1(scenario: unknown): unknown {
  try {
    return { revision: 1, geojson: scenarioToGeoJson(scenario as Scenario) };
  } catch {
    return { revision: 1, geojson: scenario };
  }
}

function encodeAll(features: readonly AppFeature[]): CompactFeatures {
  const chunks = [];
  for (let i = 0; i < features.length; i += CHUNK_SIZE) {
    chunks.push(encodeChunk(features.slice(i, i + CHUNK_SIZE)));
  }
  return { count: features.length, chunks };
}

/** As encodeAll, yielding to the page between chunks. */
export async function encodeFeaturesInSlices(
  features: readonly AppFeature[],
): Promise<CompactFeatures> {
  const chunks = [];
  for (let i = 0; i < features.length; i += CHUNK_SIZE) {
    chunks.push(encodeChunk(features.slice(i, i + CHUNK_SIZE)));
    await yieldToPage();
  }
  return { count: features.length, chunks };
}

// ---------------------------------------------------------------------------------------------
// Reading: every record passes the gate

/**
 * One import record read from storage and through the gate (src/data/import_record.ts). The
 * page passes one that runs in a worker (src/worker/import_record_client.ts); the default
 * runs the gate here, in slices.
 */
export type CheckImport = (
  key: string,
) => Promise<RecordRead<(CheckedDataset & { features?: AppFeature[] })[]>>;
const checkImportHere: CheckImport = (key) => readCheckedImport(key, yieldToPage);

/**
 * One scenario record read from storage and through the strict reader; the page passes one
 * that runs in the restore's worker, the default runs it here.
 */
export type CheckScenario = (key: string) => Promise<RecordRead<Scenario | null>>;

/** Restores everything saved; never throws and never gives up on all for one bad record. */
export async function loadSavedWork(
  checkImport: CheckImport = checkImportHere,
  checkScenario: CheckScenario = readScenario,
): Promise<SavedWork> {
  const db = database();
  if (!db) return EMPTY;
  let keys: IDBValidKey[];
  let active: unknown;
  try {
    await migrate(db);
    [keys, active] = await db('readonly', (s) =>
      Promise.all([request(s.getAllKeys()), request(s.get(ACTIVE_KEY))]),
    );
  } catch {
    return EMPTY;
  }
  const work: SavedWork = { imports: [], scenarios: [], activeScenarioId: null, skipped: [] };
  for (const key of keys) {
    if (typeof key !== 'string') continue;
    if (key.startsWith(IMPORT_PREFIX)) {
      const read = await readImport(key, checkImport);
      if (read.ok) work.imports.push(...read.value);
      else work.skipped.push(read.skipped);
    } else if (key.startsWith(SCENARIO_PREFIX)) {
      const read = await checkScenario(key);
      if (!read.ok) work.skipped.push(read.skipped);
      else if (read.value) work.scenarios.push(read.value);
    }
  }
  work.imports.sort((a, b) => a.importedAt.localeCompare(b.importedAt));
  work.scenarios.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  work.activeScenarioId =
    typeof active === 'string' && work.scenarios.some((s) => s.id === active) ? active : null;
  return work;
}

/**
 * One import record through the gate; no datasets when the record is gone (another tab
 * removed it). The page builds the checked features later (see `restoredFeatures`): once its
 * first map is drawn, a chunk per task, or when they are first read, unless the gate gave them
 * built already.
 */
export async function readImport(
  key: string,
  checkImport: CheckImport = checkImportHere,
): Promise<RecordRead<ImportedDataset[]>> {
  const read = await checkImport(key);
  if (!read.ok) return read;
  const datasets: ImportedDataset[] = read.value.map(({ features, ...checked }) => {
    // Kept to give the map and the analysis without copying.
    if (features) return { ...checked, features };
    const builder = restoredFeatures<AppFeature>(checked.compact);
    return defineLazyFeatures(checked, () => builder.all());
  });
  return { ok: true, value: datasets };
}

/**
 * One scenario record through the strict scenario reader, as a file would go; null when the
 * record is gone (another tab deleted it).
 */
export async function readScenario(key: string): Promise<RecordRead<Scenario | null>> {
  let value: unknown;
  try {
    value = await storeGet(key);
  } catch (error) {
    return skippedScenario(key, key, `unreadable: ${String(error)}`);
  }
  return scenarioFromRecord(key, value);
}

/**
 * The restore's gate for one stored scenario record (undefined when none is stored): the
 * strict scenario reader, and the scenario's own id must be the one its key names. A change
 * is applied to a stored copy only through this same gate (see `storeScenarioChanges`).
 */
function scenarioFromRecord(key: string, value: unknown): RecordRead<Scenario | null> {
  if (value === undefined) return { ok: true, value: null };
  const record = isRecord(value) ? value : {};
  const geojson = isRecord(record.geojson) ? record.geojson : {};
  const head = isRecord(geojson.scenario) ? geojson.scenario : {};
  // A version-1 scenario that could not be converted is kept as it was, name and all.
  const name = textOr(head.name, textOr(geojson.name, key.slice(SCENARIO_PREFIX.length)));
  const read = scenarioFromGeoJson(geojson);
  if (!read.ok) return skippedScenario(key, name, read.message);
  if (scenarioKey(read.scenario.id) !== key) return skippedScenario(key, name, 'id does not match');
  return { ok: true, value: read.scenario };
}

function skippedScenario(key: string, name: string, reason: string): RecordRead<never> {
  return { ok: false, skipped: { key, kind: 'scenario', name, reason } };
}

// ---------------------------------------------------------------------------------------------
// Writing: one record at a time, then the other tabs are told

let channel: BroadcastChannel | null = null;
/**
 * This page's name on the channel. A channel object hears every other object of its name,
 * this page's own included, so the listener below drops what this page wrote: reading it
 * back would only replace the records with equal copies and run the analysis again.
 */
const THIS_PAGE = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
/** Tells the other tabs that this record was written or removed. */
export function broadcast(key: string) {
  if (typeof BroadcastChannel === 'undefined') return;
  channel ??= new BroadcastChannel(CHANNEL);
  channel.postMessage({ key, from: THIS_PAGE });
}

/** Calls `listener` with the key of each record another tab wrote or removed. */
export function onSavedWorkChange(listener: (key: string) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const own = new BroadcastChannel(CHANNEL);
  own.onmessage = (event: MessageEvent<{ key?: unknown; from?: unknown }>) => {
    if (event.data?.from === THIS_PAGE) return;
    if (typeof event.data?.key === 'string') listener(event.data.key);
  };
  return () => own.close();
}

/** The import id of an import record's key, or null for other keys. */
export const importIdOf = (key: string) =>
  key.startsWith(IMPORT_PREFIX) ? key.slice(IMPORT_PREFIX.length) : null;
/** The scenario id of a scenario record's key, or null for other keys. */
export const scenarioIdOf = (key: string) =>
  key.startsWith(SCENARIO_PREFIX) ? key.slice(SCENARIO_PREFIX.length) : null;

async function write(key: string, put: (s: IDBObjectStore) => void): Promise<boolean> {
  const db = database();
  if (!db) return false;
  try {
    await migrate(db);
    await db('readwrite', (s) => {
      put(s);
      return committed(s.transaction);
    });
    broadcast(key);
    return true;
  } catch {
    return false;
  }
}

/** What an import record says besides its layers' features: the file, how and when. */
export type ImportRecordHead = Omit<ImportRecord, 'layers'>;

/**
 * Writes one import record in a transaction of its own, from the thread that holds its
 * features: the import worker that built them (the copy of 200,000 features into storage is
 * then none of the page's tasks), or the page. Throws, having written nothing, when the browser
 * refused. The other tabs are told by the page (see `saveImport`), not here.
 */
export async function putImportRecord(
  head: ImportRecordHead,
  layers: ImportRecord['layers'],
): Promise<void> {
  const db = database();
  if (!db) throw new Error('no IndexedDB');
  await migrate(db);
  const key = importKey(head.id);
  const record: ImportRecord = { ...head, layers };
  await db('readwrite', (s) => {
    s.put(record, key);
    return committed(s.transaction);
  });
}

/**
 * Writes an import record off the page's thread (see `putImportRecord`): true once stored,
 * false when the browser refused, null when it cannot (the next writer is asked). `layers`
 * holds the page's copy of the features; a writer that holds its own copy uses only the names.
 */
export type StoreImportElsewhere = (
  head: ImportRecordHead,
  layers: ImportRecord['layers'],
) => Promise<boolean | null>;

/**
 * Saves one file's datasets (all with the same id) as one record, from each dataset's compact
 * form (encoded here in slices when it has none): by the first of `elsewhere` that can (the
 * import worker, from the chunks it built; a worker given a copy of the page's chunks), else
 * here, only when no writer could (copying every chunk into storage then takes a task of the
 * page's thread: 150 ms at 200,000 points). Resolves with false when the browser refused.
 */
export async function saveImport(
  datasets: readonly ImportedDataset[],
  elsewhere: readonly StoreImportElsewhere[] = [],
): Promise<boolean> {
  const first = datasets[0];
  if (!first) return true;
  const key = importKey(first.id);
  const head: ImportRecordHead = {
    id: first.id,
    fileName: first.fileName,
    mode: first.mode,
    crs: first.crs,
    importedAt: first.importedAt,
  };
  const layers = [];
  for (const d of datasets) {
    layers.push({
      layer: d.layer,
      features: d.compact ?? (await encodeFeaturesInSlices(d.features)),
    });
  }
  for (const write of elsewhere) {
    const stored = await write(head, layers).catch(() => null);
    if (stored === null) continue;
    if (stored) broadcast(key);
    return stored;
  }
  // The write copies every chunk into storage: a task of its own, not the one that
  // confirmed the import and drew it.
  await yieldToPage();
  try {
    await putImportRecord(head, layers);
  } catch {
    return false;
  }
  broadcast(key);
  return true;
}

/** Removes one record (an import, a scenario, or a damaged one of either). */
export function deleteRecord(key: string): Promise<boolean> {
  return write(key, (s) => s.delete(key));
}

/** Whether a stored value passes the restore's gate for its key (none for other kinds). */
async function passesGate(key: string, value: unknown): Promise<boolean> {
  if (key.startsWith(SCENARIO_PREFIX)) return scenarioFromRecord(key, value).ok;
  if (key.startsWith(IMPORT_PREFIX)) return (await checkImportRecord(key, value)).ok;
  return false;
}

/**
 * Removes a record the restore skipped, but only while what is stored under its key still
 * fails the gate, checked in the transaction that deletes it: a good record stored there since
 * (a scenario file of the same id opened in this tab or another) is never deleted. Resolves
 * with true when it deleted the record, false when the key holds a record that passes (or
 * none); throws, having deleted nothing, when the browser refused. The gate runs inside the
 * transaction, so the page gives this to a worker (see `removeDamagedRecord`).
 */
export async function deleteDamagedRecord(key: string): Promise<boolean> {
  const db = database();
  if (!db) throw new Error('no IndexedDB');
  await migrate(db);
  return db('readwrite', async (s) => {
    const stored: unknown = await request(s.get(key));
    if (stored === undefined || (await passesGate(key, stored))) return false;
    s.delete(key);
    await committed(s.transaction);
    return true;
  });
}

/**
 * Removes a damaged record (see `deleteDamagedRecord`, which `remove` runs, in a worker on the
 * page) and tells the other tabs: 'deleted', 'passes' when the key now holds a record that
 * passes the gate (or none) and nothing was deleted, 'refused' when the browser refused.
 */
export async function removeDamagedRecord(
  key: string,
  remove: (key: string) => Promise<boolean> = deleteDamagedRecord,
): Promise<'deleted' | 'passes' | 'refused'> {
  try {
    if (!(await remove(key))) return 'passes';
  } catch {
    return 'refused';
  }
  broadcast(key);
  return 'deleted';
}

export function saveActiveScenario(id: string | null): Promise<boolean> {
  return write(ACTIVE_KEY, (s) => s.put(id, ACTIVE_KEY));
}

/** What storing a list of changes to one scenario did. */
export interface StoredScenarioChanges {
  /** The scenario as now stored; null: deleted, or changes to a scenario that is gone. */
  scenario: Scenario | null;
  /** The key a stored copy that failed the reader was moved to, rather than written over. */
  setAside: string | null;
  /**
   * The changes, by their place in the list, left out because the reader would refuse the
   * scenario with them (over one of its limits, as another tab may have grown the stored copy),
   * each with why. Not the browser's refusal: trying again would not help.
   */
  overLimit: { index: number; reason: string }[];
  /**
   * Some change was to a scenario none is stored of (another tab deleted it): it was not
   * kept, and the scenario was not made again from this tab's copy.
   */
  notFound: boolean;
}

/**
 * Where a stored copy that failed the reader is kept: a scenario key of its own (restored,
 * skipped and named like any damaged record, and removable), unique to the moment it moved.
 */
const setAsideKey = (id: string) =>
  `${scenarioKey(id)}#damaged-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The scenario in its file form, with why the reader would refuse it for its limits. */
function inFileForm(scenario: Scenario | null) {
  const geojson = scenario && scenarioToGeoJson(scenario);
  return { geojson, problem: geojson && scenarioLimitProblem(geojson.features) };
}

/**
 * The changes applied in order; a change that would take the scenario past the reader's limits
 * is left out (the scenario is checked after each change only when it is past them at the end).
 */
function applyWithinLimits(
  base: Scenario | null,
  changes: readonly ScenarioChange[],
): Pick<StoredScenarioChanges, 'scenario' | 'overLimit' | 'notFound'> & {
  geojson: ScenarioGeoJson | null;
} {
  const missing = (s: Scenario | null, c: ScenarioChange) =>
    !s && c.kind !== 'put' && c.kind !== 'delete';
  let scenario = base;
  let notFound = false;
  for (const change of changes) {
    notFound ||= missing(scenario, change);
    scenario = applyScenarioChange(scenario, change);
  }
  const all = inFileForm(scenario);
  if (!all.problem) return { scenario, geojson: all.geojson, overLimit: [], notFound };
  // Only this tab's copy, used when the stored one failed the reader, can be past them itself:
  // nothing made from it is written.
  const past = inFileForm(base).problem;
  if (past) {
    const overLimit = changes.map((_, index) => ({ index, reason: past }));
    return { scenario: base, geojson: null, overLimit, notFound };
  }
  const overLimit: StoredScenarioChanges['overLimit'] = [];
  scenario = base;
  changes.forEach((change, index) => {
    const next = applyScenarioChange(scenario, change);
    const reason = inFileForm(next).problem;
    if (reason) overLimit.push({ index, reason });
    else scenario = next;
  });
  return { scenario, geojson: inFileForm(scenario).geojson, overLimit, notFound };
}

/**
 * Applies a list of changes to one scenario as stored, in the order given, in one transaction:
 * all are stored or, when the browser refuses, none (this tab sends a change made after one
 * that was refused together with it, so a later change is never stored before an earlier one).
 * They apply to the stored copy (which another tab may have changed since this tab read it)
 * once it passed the restore's own gate (`scenarioFromRecord`). When none is stored, only a
 * `put` makes it: any other change is to a scenario another tab deleted, and is not kept
 * (`notFound`) rather than bringing the scenario back from `local`, this tab's copy. A stored
 * copy that fails the gate (damaged, another scenario's, or written by a version with other
 * rules) is never written over, nor shown in this scenario's place: it is moved to a key of its
 * own (`setAside`), which the restore names as a damaged record the planner can remove, and the
 * changes apply to `local`. A change the reader would refuse for its limits is left out
 * (`overLimit`); when all are, nothing is written. Throws, having written nothing, when the
 * browser refused. The reader runs inside the transaction, so the page gives this to a worker
 * (see `changeStoredScenario`).
 */
export async function storeScenarioChanges(
  local: Scenario | null,
  id: string,
  changes: readonly ScenarioChange[],
): Promise<StoredScenarioChanges> {
  const db = database();
  if (!db) throw new Error('no IndexedDB');
  const key = scenarioKey(id);
  await migrate(db);
  return db('readwrite', async (s) => {
    const stored: unknown = await request(s.get(key));
    const record = isRecord(stored) ? stored : null;
    const read = scenarioFromRecord(key, stored);
    const base = read.ok ? read.value : local;
    const { geojson, ...applied } = applyWithinLimits(base, changes);
    if (applied.overLimit.length === changes.length) {
      return { ...applied, scenario: base, setAside: null };
    }
    const setAside = read.ok ? null : setAsideKey(id);
    if (setAside) s.put(stored, setAside);
    if (!geojson) {
      if (stored !== undefined) s.delete(key);
    } else {
      const revision = (typeof record?.revision === 'number' ? record.revision : 0) + 1;
      const out: ScenarioRecord = { revision, geojson };
      s.put(out, key);
    }
    await committed(s.transaction);
    return { ...applied, setAside };
  });
}

/** Where scenario changes are stored: `storeScenarioChanges` here, or in a worker. */
export type StoreScenarioChanges = typeof storeScenarioChanges;

/**
 * Changes one scenario as stored (see `storeScenarioChanges`, which `store` runs, in a worker
 * on the page) and tells the other tabs, of the scenario and of a damaged copy set aside.
 * Resolves with the scenario as now stored, or `failed` with the changes applied to `local`
 * when the browser refused: then nothing was written.
 */
export async function changeStoredScenario(
  local: Scenario | null,
  id: string,
  changes: readonly ScenarioChange[],
  store: StoreScenarioChanges = storeScenarioChanges,
): Promise<StoredScenarioChanges & { failed: boolean }> {
  try {
    const stored = await store(local, id, changes);
    broadcast(scenarioKey(id));
    if (stored.setAside) broadcast(stored.setAside);
    return { failed: false, ...stored };
  } catch {
    const scenario = changes.reduce(applyScenarioChange, local);
    return { failed: true, scenario, setAside: null, overLimit: [], notFound: false };
  }
}
