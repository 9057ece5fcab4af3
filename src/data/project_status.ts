import { PROJECT_STATUSES, type ProjectStatus } from './plan_tasks';
import { csvDocument } from '../export/csv';
import type { AppFeature } from './schema';

/** A planner's update of a project's status, kept in this browser only. */
export interface StatusOverride {
  status: ProjectStatus;
  /** ISO date (YYYY-MM-DD) the status holds from. */
  date: string;
  note: string;
}

export type StatusOverrides = Record<string, StatusOverride>;

export const STATUS_STORAGE_KEY = 'huitian-map.project-status.v1';

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

/** Reads stored overrides; anything malformed is dropped, never thrown. */
export function parseStoredOverrides(text: string | null): StatusOverrides {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter(([, v]) => isValidOverride(v)),
    ) as StatusOverrides;
  } catch {
    return {};
  }
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
