import { PROJECT_STATUSES, type ProjectStatus } from './plan_tasks';
import { csvDocument } from '../export/csv';
import type { AppFeature } from './schema';
import type { RecordRead, SkippedRecord } from './saved_work_store';

/** A planner's update of a project's status, kept in this browser only. */
export interface StatusOverride {
  status: ProjectStatus;
  /** ISO date (YYYY-MM-DD) the status holds from. */
  date: string;
  note: string;
}

export type StatusOverrides = Record<string, StatusOverride>;

/**
 * Version 1 kept every status under this one key, written whole from one tab's memory, so two
 * tabs erased each other's statuses. It is read only to move its entries to version 2.
 */
export const STATUS_STORAGE_KEY = 'huitian-map.project-status.v1';
/** Version 2: one key per project, so a tab writes only the status it changed. */
export const STATUS_KEY_PREFIX = 'huitian-map.project-status.v2:';
export const statusKey = (id: string) => `${STATUS_KEY_PREFIX}${id}`;
/** The project id of a status key, or null for other keys. */
export const statusIdOf = (key: string) =>
  key.startsWith(STATUS_KEY_PREFIX) ? key.slice(STATUS_KEY_PREFIX.length) : null;

const isDate = (value: unknown) =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(value));

export function isValidOverride(value: unknown): value is StatusOverride {
  const v = value as StatusOverride;
  return (
    typeof v === 'object' &&
    v !== null &&
    (PROJECT_STATUSES as readonly string[]).includes(v.status) &&
    isDate(v.date) &&
    typeof v.note === 'string'
  );
}

export function skippedStatus(key: string, name: string, reason: string): RecordRead<never> {
  return { ok: false, skipped: { key, kind: 'project-status', name, reason } };
}

/**
 * One stored status through the gate: the status, null when there is none, or the record
 * skipped and named (by its project id) when it is not a status this version wrote.
 */
export function readStoredStatus(
  key: string,
  text: string | null,
): RecordRead<StatusOverride | null> {
  const id = statusIdOf(key) ?? key;
  if (text === null) return { ok: true, value: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return skippedStatus(key, id, 'not JSON');
  }
  if (id === '') return skippedStatus(key, key, 'no project id');
  if (!isValidOverride(value)) return skippedStatus(key, id, 'not a project status');
  return { ok: true, value: { status: value.status, date: value.date, note: value.note } };
}

/**
 * Version 1's one object split into one stored text per project, damaged entries included
 * (the gate names them when they are read). Null when the text is not an object of entries.
 */
export function splitVersion1(text: string): [id: string, text: string][] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  return Object.entries(parsed).map(([id, value]) => [id, JSON.stringify(value) ?? 'null']);
}

/**
 * Statuses read from stored (key, text) pairs: good ones kept, damaged ones skipped and named.
 * Keys of other things are ignored.
 */
export function readStoredStatuses(entries: Iterable<[string, string | null]>): {
  overrides: StatusOverrides;
  skipped: SkippedRecord[];
} {
  const good: [string, StatusOverride][] = [];
  const skipped: SkippedRecord[] = [];
  for (const [key, text] of entries) {
    const id = statusIdOf(key);
    if (id === null) continue;
    const read = readStoredStatus(key, text);
    if (!read.ok) skipped.push(read.skipped);
    else if (read.value) good.push([id, read.value]);
  }
  // fromEntries defines own properties, so an id such as "__proto__" stays a plain key.
  return { overrides: Object.fromEntries(good), skipped };
}

/** The overrides with one project's status set, or with null removed, as a new object. */
export function withStatus(
  overrides: StatusOverrides,
  id: string,
  override: StatusOverride | null,
): StatusOverrides {
  const entries = Object.entries(overrides).filter(([other]) => other !== id);
  return Object.fromEntries(override ? [...entries, [id, override]] : entries);
}

/** The projects with the planner's statuses applied (marked `status_edited`). */
export function applyStatusOverrides(
  features: AppFeature[],
  overrides: StatusOverrides,
): AppFeature[] {
  return features.map((feature) => {
    const override = overrides[feature.properties.id];
    if (!override) return feature;
    return {
      ...feature,
      properties: {
        ...feature.properties,
        status: override.status,
        status_date: override.date,
        status_note: override.note,
        status_edited: true,
      },
    };
  });
}

const CSV_COLUMNS = [
  'id',
  'task',
  'kind',
  'name',
  'name_en',
  'status',
  'status_date',
  'status_note',
  'accuracy',
  'subdistrict',
  'plan_words',
] as const;

/** CSV with a BOM so that Excel opens the Chinese text correctly. */
export function projectsCsv(features: AppFeature[]): string {
  const rows = features.map((f) => CSV_COLUMNS.map((c) => f.properties[c]));
  return csvDocument([], [...CSV_COLUMNS], rows);
}

export function projectsGeoJson(features: AppFeature[]): string {
  return `${JSON.stringify({ type: 'FeatureCollection', features }, null, 1)}\n`;
}
