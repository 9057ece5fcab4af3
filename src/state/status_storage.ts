import {
  STATUS_STORAGE_KEY,
  type StatusOverride,
  type StatusOverrides,
  readStoredStatus,
  readStoredStatuses,
  splitVersion1,
  statusKey,
  skippedStatus,
} from '../data/project_status';
import type { RecordRead, SkippedRecord } from '../data/saved_work_store';

/**
 * Project statuses in this browser's localStorage, one key per project: a tab writes only the
 * status it changed, so two tabs never erase each other's, and each tab hears the other's
 * writes through the `storage` event.
 */
const storage = (): Storage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // Storage disabled.
  }
};

/** Moves version 1's one object to one key per project (keys already written win). */
function migrateVersion1(s: Storage): SkippedRecord | null {
  const text = s.getItem(STATUS_STORAGE_KEY);
  if (text === null) return null;
  const entries = splitVersion1(text);
  if (!entries) {
    const read = skippedStatus(STATUS_STORAGE_KEY, STATUS_STORAGE_KEY, 'not an object of statuses');
    return read.ok ? null : read.skipped;
  }
  for (const [id, value] of entries) {
    if (s.getItem(statusKey(id)) === null) s.setItem(statusKey(id), value);
  }
  s.removeItem(STATUS_STORAGE_KEY);
  return null;
}

/** Every stored status through the gate; never throws. */
export function loadStatuses(): { overrides: StatusOverrides; skipped: SkippedRecord[] } {
  const s = storage();
  if (!s) return { overrides: {}, skipped: [] };
  let version1: SkippedRecord | null = null;
  try {
    version1 = migrateVersion1(s);
  } catch {
    // Storage full: the entries left in version 1 are moved on a later start.
  }
  try {
    const entries: [string, string | null][] = [];
    for (let i = 0; i < s.length; i++) {
      const key = s.key(i);
      if (key !== null) entries.push([key, s.getItem(key)]);
    }
    const read = readStoredStatuses(entries);
    return { ...read, skipped: version1 ? [version1, ...read.skipped] : read.skipped };
  } catch {
    return { overrides: {}, skipped: [] };
  }
}

/** One project's stored status through the gate. */
export function readStatus(key: string): RecordRead<StatusOverride | null> {
  try {
    return readStoredStatus(key, storage()?.getItem(key) ?? null);
  } catch {
    return { ok: true, value: null };
  }
}

/** Writes (or with null, removes) one project's status; false when the browser refused. */
export function writeStatus(id: string, override: StatusOverride | null): boolean {
  return writeKey(statusKey(id), override && JSON.stringify(override));
}

/** Removes a stored status record (a damaged one included); false when the browser refused. */
export const removeStatusRecord = (key: string) => writeKey(key, null);

function writeKey(key: string, text: string | null): boolean {
  const s = storage();
  if (!s) return false;
  try {
    if (text === null) s.removeItem(key);
    else s.setItem(key, text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Calls `listener` with each localStorage key another tab changed, or null when it cleared
 * them all. The `storage` event fires only in the other tabs, never in the writer.
 */
export function onStoredStatusChange(listener: (key: string | null) => void): () => void {
  if (typeof window === 'undefined') return () => {};
  const handle = (event: StorageEvent) => {
    if (event.storageArea === storage()) listener(event.key);
  };
  window.addEventListener('storage', handle);
  return () => window.removeEventListener('storage', handle);
}
