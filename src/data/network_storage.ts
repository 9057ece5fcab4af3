import { createStore, del, get, set } from 'idb-keyval';
import type { NetworkReport } from '../analysis/network/build';
import type { NetworkEdges } from '../analysis/network/edges';
import { isSnapTolerance } from './limits';

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

const KEY = 'walk-network';
let store: ReturnType<typeof createStore> | null = null;
// The same database as the other saved work, under its own key.
const database = () => (store ??= createStore('huitian-map', 'saved-work'));

/** A saved network as written by this version; anything else is left out. */
export function isStoredNetwork(value: unknown): value is StoredNetwork {
  const n = value as Partial<StoredNetwork> | null;
  return (
    typeof n?.id === 'string' &&
    typeof n.fileName === 'string' &&
    typeof n.lengthM === 'number' &&
    (n.snapToleranceM === undefined || isSnapTolerance(n.snapToleranceM)) &&
    Array.isArray(n.edges?.features) &&
    n.edges.features.every(
      (f) =>
        f?.geometry?.type === 'LineString' &&
        Array.isArray(f.geometry.coordinates) &&
        Number.isInteger(f.properties?.from) &&
        Number.isInteger(f.properties?.to) &&
        [1, 2, 3].includes(f.properties?.direction),
    )
  );
}

export async function loadNetwork(): Promise<StoredNetwork | null> {
  if (typeof indexedDB === 'undefined') return null;
  try {
    const value = await get<unknown>(KEY, database());
    return isStoredNetwork(value) ? value : null;
  } catch {
    return null;
  }
}

/** Saves (or with null, removes) the network; resolves false when the browser refused. */
export async function saveNetwork(network: StoredNetwork | null): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  try {
    if (network) await set(KEY, network, database());
    else await del(KEY, database());
    return true;
  } catch {
    return false;
  }
}
