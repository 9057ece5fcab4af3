import { parseCsvRecords } from '../export/csv';
import type { SchoolLevel } from './schema';

/**
 * How a school's levels are known: `name` from its name or its source's type; `confirmed` by
 * a correction with evidence; `unverified` a correction that only suggests the levels (shown,
 * but counted for no radius unless the planner includes unverified schools).
 */
export const LEVEL_STATUSES = ['name', 'confirmed', 'unverified'] as const;
export type LevelStatus = (typeof LEVEL_STATUSES)[number];

/** One row of the school-levels corrections table. */
export interface SchoolLevelCorrection {
  name: string;
  levels: SchoolLevel[];
  confidence: 'confirmed' | 'unverified';
  evidence: string;
}

const LEVELS: readonly string[] = ['kindergarten', 'primary', 'middle'];

/**
 * Reads the corrections table (`name,levels,confidence,evidence`; levels separated by `;`).
 * Throws on a row that cannot be used: a table of facts is fixed, not guessed around.
 */
export function parseSchoolLevelCorrections(text: string): SchoolLevelCorrection[] {
  const [header, ...rows] = parseCsvRecords(text.replace(/^\uFEFF/, ''), ',').filter(
    (r) => r.length > 1 || r[0] !== '',
  );
  const columns = ['name', 'levels', 'confidence', 'evidence'];
  if (!header || columns.some((c, i) => header[i] !== c)) {
    throw new Error(`school levels: header must be ${columns.join(',')}`);
  }
  return rows.map((row, i) => {
    const [name = '', levelText = '', confidence = '', evidence = ''] = row;
    const levels = levelText.split(';').filter(Boolean);
    const where = `school levels row ${i + 2} (${name})`;
    if (!name.trim()) throw new Error(`${where}: no name`);
    if (levels.length === 0 || levels.some((l) => !LEVELS.includes(l))) {
      throw new Error(`${where}: levels must be ${LEVELS.join(', ')}, not "${levelText}"`);
    }
    if (confidence !== 'confirmed' && confidence !== 'unverified') {
      throw new Error(`${where}: confidence must be confirmed or unverified`);
    }
    if (!evidence.trim()) throw new Error(`${where}: no evidence`);
    return { name: name.trim(), levels: levels as SchoolLevel[], confidence, evidence };
  });
}

/**
 * The levels a school counts for: what it serves, or, for an unverified school when the
 * planner includes unverified schools, its likely levels.
 */
export function countedLevels(
  properties: Record<string, unknown>,
  includeUnverified: boolean,
): SchoolLevel[] {
  const serves = (properties.serves_levels as SchoolLevel[] | undefined) ?? [];
  if (includeUnverified && properties.level_status === 'unverified') {
    return (properties.likely_levels as SchoolLevel[] | undefined) ?? [];
  }
  return serves;
}

/** The highest level a school serves: what its symbol shows. */
export function mainLevel(levels: readonly SchoolLevel[]): SchoolLevel {
  for (const level of ['middle', 'primary', 'kindergarten'] as const) {
    if (levels.includes(level)) return level;
  }
  return 'other';
}
