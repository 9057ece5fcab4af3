/** How completely a source layer covers one sub-district. */
export type CompletenessStatus = 'covered' | 'partial' | 'none';

export interface UnitCompleteness {
  status: CompletenessStatus;
  /** Share of the unit's area inside the extent its sources cover (0–1). */
  coverage_share: number;
  /** Features of the layer located in the unit. */
  count: number;
}

/**
 * Where a layer's data is known to be complete: the boxes (west, south, east, north, WGS-84)
 * its sources cover, and whole units an import covers. Residential land outside it that no
 * known facility serves is unknown, not a gap.
 */
export interface KnownExtent {
  boxes: number[][];
  units: string[];
}

export interface LayerCompleteness {
  /** What is known to be missing, in English and in Chinese. */
  note: string;
  note_zh: string;
  /** What the data pipeline corrected in the layer, why, and from which source. */
  changes?: string[];
  units: Record<string, UnitCompleteness>;
  /** Absent in older data: the layer then counts as known everywhere. */
  known_extent?: KnownExtent;
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

/** The facility layers coverage rests on, whose known extent decides gap or unknown. */
export const FACILITY_LAYERS = ['parks', 'schools', 'car-parks', 'healthcare'] as const;
export type FacilityLayer = (typeof FACILITY_LAYERS)[number];
/** Per facility layer, where its data is known complete; an absent layer: everywhere. */
export type KnownExtents = Partial<Record<FacilityLayer, KnownExtent>>;

export function knownExtents(table: CompletenessTable | null): KnownExtents {
  const extents: KnownExtents = {};
  for (const layer of FACILITY_LAYERS) {
    const extent = table?.[layer]?.known_extent;
    if (extent) extents[layer] = extent;
  }
  return extents;
}

/** True when a point (in the named unit) lies where the layer's data is known complete. */
export function isKnownAt(
  extent: KnownExtent | undefined,
  [lon, lat]: readonly [number, number],
  unit: string | null,
): boolean {
  if (!extent) return true;
  if (unit !== null && extent.units.includes(unit)) return true;
  return extent.boxes.some(([w, s, e, n]) => lon >= w! && lon <= e! && lat >= s! && lat <= n!);
}
