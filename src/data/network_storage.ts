import { createStore, del, get, set } from 'idb-keyval';
import type { NetworkReport } from '../analysis/network/build';
import type { NetworkEdges } from '../analysis/network/edges';
import { isSnapTolerance } from './limits';
import { broadcast } from './saved_work';
import { type RecordRead, textOr } from './saved_work_store';

/** A walking network the planner imported, kept in this browser until removed. */
export interface StoredNetwork {
  id: string;
  fileName: string;
  importedAt: string;
  crs: string;
  edges: NetworkEdges;
  report: NetworkReport;
  lengthM: number;
  /** Metres within which plain lines were joined; absent for OSM ways (and older records). */
  snapToleranceM?: number;
}

/** The network's record key, beside the saved imports and scenarios. */
export const NETWORK_KEY = 'walk-network';
let store: ReturnType<typeof createStore> | null = null;
// The same database as the other saved work, under its own key.
const database = () => (store ??= createStore('huitian-map', 'saved-work'));

const isPosition = (p: unknown) =>
  Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);

/** Why a stored value is not a network this version wrote, or null when it is one. */
export function networkProblem(value: unknown): string | null {
  const n = value as Partial<StoredNetwork> | null;
  if (typeof n !== 'object' || n === null) return 'not a network record';
  for (const field of ['id', 'fileName', 'importedAt', 'crs'] as const) {
    if (typeof n[field] !== 'string') return `no ${field}`;
  }
  if (!Number.isFinite(n.lengthM)) return 'no length';
  if (n.snapToleranceM !== undefined && !isSnapTolerance(n.snapToleranceM)) {
    return 'snap tolerance out of range';
  }
  if (!Array.isArray(n.edges?.features)) return 'no edges';
  const bad = n.edges.features.findIndex(
    (f) =>
      f?.geometry?.type !== 'LineString' ||
      !Array.isArray(f.geometry.coordinates) ||
      f.geometry.coordinates.length < 2 ||
      !f.geometry.coordinates.every(isPosition) ||
      !Number.isInteger(f.properties?.from) ||
      !Number.isInteger(f.properties?.to) ||
      ![1, 2, 3].includes(f.properties?.direction),
  );
  return bad === -1 ? null : `edge ${bad + 1} is not a line of the network`;
}

/** A saved network as written by this version; anything else is left out. */
export function isStoredNetwork(value: unknown): value is StoredNetwork {
  return networkProblem(value) === null;
}

/**
 * The saved network through the gate: the network, null when none is kept, or the record
 * skipped and named (by its file name) when it is damaged. Never throws.
 */
export async function loadNetwork(): Promise<RecordRead<StoredNetwork | null>> {
  if (typeof indexedDB === 'undefined') return { ok: true, value: null };
  let value: unknown;
  try {
    value = await get<unknown>(NETWORK_KEY, database());
  } catch (error) {
    return skippedNetwork(NETWORK_KEY, `unreadable: ${String(error)}`);
  }
  if (value === undefined) return { ok: true, value: null };
  const problem = networkProblem(value);
  if (problem === null) return { ok: true, value: value as StoredNetwork };
  const fileName = (value as { fileName?: unknown } | null)?.fileName;
  return skippedNetwork(textOr(fileName, NETWORK_KEY), problem);
}

function skippedNetwork(name: string, reason: string): RecordRead<never> {
  return { ok: false, skipped: { key: NETWORK_KEY, kind: 'network', name, reason } };
}

/** Saves (or with null, removes) the network; resolves false when the browser refused. */
export async function saveNetwork(network: StoredNetwork | null): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  try {
    if (network) await set(NETWORK_KEY, network, database());
    else await del(NETWORK_KEY, database());
    broadcast(NETWORK_KEY);
    return true;
  } catch {
    return false;
  }
}
