import { createStore, type UseStore } from 'idb-keyval';

/**
 * The IndexedDB store saved work is kept in, reachable from the page and from a worker alike
 * (the restore gate reads import records in a worker).
 */
let store: UseStore | null = null;
export function database(): UseStore | null {
  if (typeof indexedDB === 'undefined') return null;
  store ??= createStore('huitian-map', 'saved-work');
  return store;
}

export const request = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });

export const committed = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });

/** One stored value, or undefined when there is none (or no IndexedDB). */
export async function storeGet(key: string): Promise<unknown> {
  const db = database();
  if (!db) return undefined;
  return db('readonly', (s) => request(s.get(key)));
}

export const IMPORT_PREFIX = 'import:';
export const importKey = (id: string) => `${IMPORT_PREFIX}${id}`;

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const textOr = (value: unknown, fallback: string) =>
  typeof value === 'string' && value !== '' ? value.slice(0, 120) : fallback;

/**
 * A record that failed the gate: left out, shown by name, removable. Imports, scenarios and the
 * walking network are kept in IndexedDB; project statuses in localStorage.
 */
export interface SkippedRecord {
  key: string;
  kind: 'import' | 'scenario' | 'network' | 'project-status';
  name: string;
  reason: string;
}

export type RecordRead<T> = { ok: true; value: T } | { ok: false; skipped: SkippedRecord };
