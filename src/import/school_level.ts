import type { SchoolLevel } from '../data/schema';

export interface SchoolLevels {
  level: SchoolLevel;
  serves_levels: SchoolLevel[];
}

const KINDERGARTEN: SchoolLevels = { level: 'kindergarten', serves_levels: ['kindergarten'] };
const PRIMARY: SchoolLevels = { level: 'primary', serves_levels: ['primary'] };
const MIDDLE: SchoolLevels = { level: 'middle', serves_levels: ['middle'] };
// A nine-year school is filed as a middle school that also serves primary pupils, as in the
// shipped schools layer.
const NINE_YEAR: SchoolLevels = { level: 'middle', serves_levels: ['primary', 'middle'] };
const OTHER: SchoolLevels = { level: 'other', serves_levels: [] };

/**
 * The levels a school's name or level column names: 幼儿园, 小学, 中学/初中/完全中学,
 * 九年一贯/一贯制 (primary and middle), 高中 alone (other, it serves no compulsory level), or the
 * English words. Null when the text names none.
 */
export function schoolLevelFromText(text: string): SchoolLevels | null {
  const t = text.toLowerCase();
  if (/九年|一贯|中小学/.test(t) || /nine[- ]year/.test(t)) return clone(NINE_YEAR);
  if (/幼儿园|托儿所|kindergarten|nursery/.test(t)) return clone(KINDERGARTEN);
  if (/小学|primary|elementary/.test(t)) return clone(PRIMARY);
  if (/完全中学|初中|初级中学|middle|junior/.test(t)) return clone(MIDDLE);
  if (/高中|高级中学|high school|senior/.test(t)) return clone(OTHER);
  if (/中学/.test(t)) return clone(MIDDLE);
  return null;
}

/** Levels from OSM `isced:level` ("0", "1", "2", "1;2", "2-3"...), or null. */
export function schoolLevelFromIsced(value: unknown): SchoolLevels | null {
  if (typeof value !== 'string') return null;
  const digits = new Set(value.match(/\d/g) ?? []);
  if (digits.has('1') && digits.has('2')) return clone(NINE_YEAR);
  if (digits.has('1')) return clone(PRIMARY);
  if (digits.has('2')) return clone(MIDDLE);
  if (digits.has('0')) return clone(KINDERGARTEN);
  if (digits.has('3')) return clone(OTHER);
  return null;
}

export function schoolLevelFromOption(option: 'kindergarten' | 'primary' | 'middle'): SchoolLevels {
  return { level: option, serves_levels: [option] };
}

export const OTHER_SCHOOL: SchoolLevels = OTHER;

function clone(levels: SchoolLevels): SchoolLevels {
  return { level: levels.level, serves_levels: [...levels.serves_levels] };
}
