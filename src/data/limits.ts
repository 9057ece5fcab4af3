import { readNumberInRange } from '../analysis/plain_number';

/**
 * Every limit on outside input, in one place: imported files, scenario files, what is restored
 * from the browser's storage, and the report CLI's `--scenario` all pass these checks. Each
 * refusal names the limit and the input's own figure, in Chinese and English.
 */
export const LIMITS = {
  /** Bytes of a file as picked (imports and scenario files). */
  fileBytes: 100 * 1024 * 1024,
  /** Bytes an archive may inflate to, all entries together; inflating stops there. */
  inflatedBytes: 300 * 1024 * 1024,
  /** Features (or CSV rows) in one import. */
  featuresPerImport: 250_000,
  /** Positions in one feature's geometry. */
  verticesPerFeature: 100_000,
  /** Positions in one file, all features together. */
  verticesPerFile: 2_000_000,
  /** Levels of nested arrays and objects in a JSON text (GeoJSON needs about eight). */
  nestingDepth: 64,
  /** Levels of nested elements in an XML text (KML and OSM need about a dozen). */
  xmlNestingDepth: 64,
  /** Edits in one scenario. */
  editsPerScenario: 10_000,
} as const;

export type LimitName = keyof typeof LIMITS;

/**
 * The snap tolerance of a walking network built from plain lines, metres: ends and crossings
 * closer than this are joined. 0 joins only lines that meet exactly. 20 m is about the width
 * of a street with its pavements: a larger gap is more often two streets that really do not
 * meet (a wall, a fence, a canal between them) than a drawing slip, and joining across it
 * would invent walks that do not exist.
 */
export const SNAP_TOLERANCE_LIMITS = { min: 0, max: 20 } as const;
export const DEFAULT_SNAP_TOLERANCE_M = 2;

/** A snap tolerance as the worker receives it: a finite number of metres within the limits. */
export function isSnapTolerance(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= SNAP_TOLERANCE_LIMITS.min &&
    value <= SNAP_TOLERANCE_LIMITS.max
  );
}

/** A snap tolerance as typed: a plain decimal within the limits, or null. */
export function readSnapTolerance(text: string): number | null {
  return readNumberInRange(text, SNAP_TOLERANCE_LIMITS);
}

/** An input over one of the limits: which limit, and the input's figure. */
export interface LimitExceeded {
  limit: LimitName;
  /** The input's figure: exact, or where counting stopped when `stoppedEarly`. */
  found: number;
  /** Counting stopped once past the limit: the input holds at least `found`, maybe more. */
  stoppedEarly?: boolean;
}

const LABELS: Record<LimitName, { zh: string; en: string; unit: (n: number) => string }> = {
  fileBytes: { zh: '文件大小', en: 'file size', unit: megabytes },
  inflatedBytes: { zh: '压缩包解压后大小', en: 'inflated archive size', unit: megabytes },
  featuresPerImport: { zh: '每次导入的要素数', en: 'features per import', unit: count },
  verticesPerFeature: { zh: '单个要素的顶点数', en: 'vertices per feature', unit: count },
  verticesPerFile: { zh: '单个文件的顶点数', en: 'vertices per file', unit: count },
  nestingDepth: { zh: 'JSON 嵌套层数', en: 'JSON nesting depth', unit: count },
  xmlNestingDepth: { zh: 'XML 嵌套层数', en: 'XML nesting depth', unit: count },
  editsPerScenario: { zh: '方案的编辑数', en: 'edits per scenario', unit: count },
};

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** "JSON 嵌套层数超过上限 64（此文件：至少 65）" and its English twin. */
export function limitMessage(problem: LimitExceeded, lang: 'zh' | 'en'): string {
  const label = LABELS[problem.limit];
  const limit = label.unit(LIMITS[problem.limit]);
  const found = label.unit(problem.found);
  // Only a count that stopped early is a lower bound; an exact figure of limit + 1 is exact.
  const atLeast = problem.stoppedEarly === true;
  return lang === 'zh'
    ? `${label.zh}超过上限 ${limit}（此文件：${atLeast ? '至少 ' : ''}${found}）`
    : `${label.en} over the limit of ${limit} (this file: ${atLeast ? 'at least ' : ''}${found})`;
}

/** Both languages, for places without a language setting (the CLI, worker details). */
export function limitMessageBoth(problem: LimitExceeded): string {
  return `${limitMessage(problem, 'zh')} / ${limitMessage(problem, 'en')}`;
}

/** The limit's refusal for an exactly counted figure, or null when it is within. */
export function exceeds(limit: LimitName, found: number): LimitExceeded | null {
  return found > LIMITS[limit] ? { limit, found } : null;
}

/** The same for a count that stops once past the limit: the input holds at least `found`. */
export function exceedsStoppedCount(limit: LimitName, found: number): LimitExceeded | null {
  return found > LIMITS[limit] ? { limit, found, stoppedEarly: true } : null;
}

/**
 * The deepest nesting of arrays and objects in a JSON text, counted without parsing it and
 * stopping as soon as it passes `max` (returns max + 1 then). Brackets inside strings are
 * skipped. Engines parse deep JSON but overflow their stack later (structured clone, recursive
 * walks), so this runs before JSON.parse.
 */
export function jsonNestingDepth(text: string, max: number = LIMITS.nestingDepth): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > max) return max + 1;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/** The nesting limit's refusal for a JSON text, or null when it is within. */
export function jsonNestingProblem(text: string): LimitExceeded | null {
  return exceedsStoppedCount('nestingDepth', jsonNestingDepth(text));
}

/**
 * JSON.parse behind the nesting limit: the value, or the limit it broke, or null when the
 * text is not JSON.
 */
export function parseJsonWithinLimits(
  text: string,
): { ok: true; value: unknown } | { ok: false; limit: LimitExceeded | null } {
  const deep = jsonNestingProblem(text);
  if (deep) return { ok: false, limit: deep };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, limit: null };
  }
}

/**
 * Positions in a GeoJSON geometry's coordinates, counted without recursion and stopping once
 * past `max`. Anything that is not a position list counts as nothing.
 */
export function countPositions(geometry: unknown, max: number): number {
  if (typeof geometry !== 'object' || geometry === null) return 0;
  const g = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  const stack: unknown[] = [];
  if (g.type === 'GeometryCollection' && Array.isArray(g.geometries)) {
    for (const part of g.geometries as unknown[]) {
      if (typeof part === 'object' && part !== null) {
        stack.push((part as { coordinates?: unknown }).coordinates);
      }
    }
  } else stack.push(g.coordinates);
  let n = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    if (!Array.isArray(value)) continue;
    if (value.length > 0 && typeof value[0] === 'number') {
      if (++n > max) return n;
      continue;
    }
    // Deeper than any geometry: not coordinates (the JSON nesting limit bounds this anyway).
    if (stack.length > LIMITS.verticesPerFile) return n;
    for (const item of value) stack.push(item);
  }
  return n;
}

/**
 * The first limit a list of features breaks: their number, positions in one feature (named by
 * its index from 0), or positions in all of them.
 */
export function featureListProblem(
  features: readonly { geometry?: unknown }[],
): (LimitExceeded & { featureIndex?: number }) | null {
  const many = exceeds('featuresPerImport', features.length);
  if (many) return many;
  let total = 0;
  for (let i = 0; i < features.length; i++) {
    const n = countPositions(features[i]?.geometry, LIMITS.verticesPerFeature);
    // countPositions stops once past the limit; the features after this one go uncounted.
    if (n > LIMITS.verticesPerFeature)
      return { limit: 'verticesPerFeature', found: n, stoppedEarly: true, featureIndex: i };
    total += n;
    if (total > LIMITS.verticesPerFile)
      return { limit: 'verticesPerFile', found: total, stoppedEarly: true };
  }
  return null;
}
