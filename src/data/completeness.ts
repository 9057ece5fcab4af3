/** How completely a source layer covers one sub-district. */
export type CompletenessStatus = 'covered' | 'partial' | 'none';

export interface UnitCompleteness {
  status: CompletenessStatus;
  /** Share of the unit's area inside the extent its sources cover (0–1). */
  coverage_share: number;
  /** Features of the layer located in the unit. */
  count: number;
}

export interface LayerCompleteness {
  /** What is known to be missing, in English and in Chinese. */
  note: string;
  note_zh: string;
  /** What the data pipeline corrected in the layer, why, and from which source. */
  changes?: string[];
  units: Record<string, UnitCompleteness>;
}

/** public/geo/completeness.json: layer (or facility type without a layer) → unit → status. */
export type CompletenessTable = Record<string, LayerCompleteness>;

export const COVERED_SHARE = 0.95;
export const PARTIAL_SHARE = 0.2;

export function completenessStatus(coverageShare: number): CompletenessStatus {
  if (coverageShare >= COVERED_SHARE) return 'covered';
  if (coverageShare >= PARTIAL_SHARE) return 'partial';
  return 'none';
}

/** The completeness-table row each coverage indicator rests on. */
export const INDICATOR_DATA_LAYER = {
  parks: 'parks',
  kindergarten: 'schools',
  primary: 'schools',
  middle: 'schools',
  parking: 'car-parks',
} as const;

export type CoverageIndicator = keyof typeof INDICATOR_DATA_LAYER;

const STATUS_ORDER: CompletenessStatus[] = ['covered', 'partial', 'none'];

/**
 * How complete the facility data behind an indicator is for the named units: the worst status
 * among them (a whole-area figure is only as complete as its weakest unit). A layer missing
 * from the table counts as `none`.
 */
export function indicatorCompleteness(
  table: CompletenessTable | null,
  indicator: CoverageIndicator,
  units: readonly string[],
): CompletenessStatus {
  const row = table?.[INDICATOR_DATA_LAYER[indicator]];
  let worst = 0;
  for (const unit of units) {
    const status = row?.units[unit]?.status ?? 'none';
    worst = Math.max(worst, STATUS_ORDER.indexOf(status));
  }
  return STATUS_ORDER[worst]!;
}

/** Units whose car-park data is at least partial, so parking can be measured there. */
export function parkingMeasurableUnits(table: CompletenessTable | null): string[] {
  const row = table?.['car-parks'];
  if (!row) return [];
  return Object.entries(row.units)
    .filter(([, unit]) => unit.status !== 'none')
    .map(([name]) => name);
}
