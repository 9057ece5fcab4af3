import {
  type CompletenessStatus,
  type CompletenessTable,
  type LayerCompleteness,
} from '../../src/data/completeness';
import type { AppFeatureCollection } from '../../src/data/schema';
import { UsageError } from './options';

const STATUSES: readonly CompletenessStatus[] = ['covered', 'partial', 'none'];

/** Reads completeness.json as the table it must be, or says what is wrong with it. */
export function asCompletenessTable(value: unknown, path: string): CompletenessTable {
  const fail = (what: string): never => {
    throw new UsageError(`${path}: not a completeness table (${what})`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('expected an object of layers');
  }
  for (const [layer, row] of Object.entries(value as Record<string, unknown>)) {
    const r = row as Partial<LayerCompleteness> | null;
    if (typeof r !== 'object' || r === null) fail(`${layer} is not an object`);
    if (typeof r!.note !== 'string') fail(`${layer}.note is not text`);
    if (typeof r!.units !== 'object' || r!.units === null || Array.isArray(r!.units)) {
      fail(`${layer}.units is not an object of units`);
    }
    for (const [unit, entry] of Object.entries(r!.units!)) {
      if (!STATUSES.includes(entry?.status)) fail(`${layer}.units.${unit}.status`);
      if (typeof entry.count !== 'number' || typeof entry.coverage_share !== 'number') {
        fail(`${layer}.units.${unit} needs a count and a coverage_share`);
      }
    }
  }
  return value as CompletenessTable;
}

/** Features of a layer per unit, by their `subdistrict` (as the data pipeline counts them). */
function countsByUnit(collection: AppFeatureCollection): Map<string, number> {
  const counts = new Map<string, number>();
  for (const feature of collection.features) {
    const unit = feature.properties.subdistrict;
    if (unit) counts.set(unit, (counts.get(unit) ?? 0) + 1);
  }
  return counts;
}

export interface ReconciledCompleteness {
  table: CompletenessTable;
  /** One line per layer whose table row did not match the features present. */
  notices: string[];
}

/**
 * A data folder's completeness table checked against the features it holds. A row whose
 * per-unit counts match the layer file is kept; a missing or stale row (a planner added or
 * replaced a layer, say car parks) is derived from the features present, as the app does for
 * an import: a unit with features is `partial` (or stays `covered`), a unit without is `none`.
 */
export function reconcileCompleteness(
  table: CompletenessTable | null,
  layers: Record<string, AppFeatureCollection | null>,
  unitNames: readonly string[],
): ReconciledCompleteness {
  const reconciled: CompletenessTable = { ...(table ?? {}) };
  const notices: string[] = [];
  for (const [layer, collection] of Object.entries(layers)) {
    if (!collection) continue;
    const present = countsByUnit(collection);
    const row = table?.[layer];
    const units = new Set([...unitNames, ...Object.keys(row?.units ?? {})]);
    const listed = [...units].reduce((sum, u) => sum + (row?.units[u]?.count ?? 0), 0);
    const held = [...units].reduce((sum, u) => sum + (present.get(u) ?? 0), 0);
    const current =
      row && [...units].every((u) => (row.units[u]?.count ?? 0) === (present.get(u) ?? 0));
    if (current) continue;
    const derived: LayerCompleteness['units'] = {};
    for (const unit of units) {
      const count = present.get(unit) ?? 0;
      const old = row?.units[unit];
      derived[unit] = {
        status: count === 0 ? 'none' : old?.status === 'covered' ? 'covered' : 'partial',
        coverage_share: count === 0 ? 0 : (old?.coverage_share ?? 0),
        count,
      };
    }
    const why = row
      ? `completeness.json counts ${listed} features in the units, the folder holds ${held}`
      : 'completeness.json has no row for it';
    reconciled[layer] = {
      note: `derived from the ${held} features present (${why})`,
      note_zh: `按数据目录中的${held}个要素推定（completeness.json 与数据不符）`,
      units: derived,
      // As for an import in the app: known in the units the features are in, and still
      // wherever the table's sources were.
      known_extent: {
        boxes: row?.known_extent?.boxes ?? [],
        units: [...units].filter((u) => (present.get(u) ?? 0) > 0),
      },
    };
    notices.push(`${layer}: ${why}; completeness derived from the features present`);
  }
  return { table: reconciled, notices };
}
