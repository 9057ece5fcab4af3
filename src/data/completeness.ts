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
