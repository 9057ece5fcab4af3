const NAME_KEYS = ['name', '名称', 'title', 'NAME', 'name:zh', 'Name', 'TITLE', '名字'];
export const AREA_KEYS = ['area_m2', 'area', '面积', '面积_m2', '占地面积'];
export const SPACES_KEYS = ['spaces', '车位', '车位数', '泊位', '泊位数', 'capacity'];
export const LEVEL_KEYS = ['level', '学段', '类型', 'type', '学校类型'];

/** The value under the first of `keys` the properties hold (exact key, then any case). */
export function valueOf(properties: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const key of keys) {
    if (Object.hasOwn(properties, key) && properties[key] !== null && properties[key] !== '') {
      return properties[key];
    }
  }
  const lower = new Map(Object.keys(properties).map((k) => [k.trim().toLowerCase(), k]));
  for (const key of keys) {
    const actual = lower.get(key.toLowerCase());
    if (actual !== undefined && properties[actual] !== null && properties[actual] !== '') {
      return properties[actual];
    }
  }
  return undefined;
}

/** The feature's name as plain text (never interpreted), or '' when it has none. */
export function nameOf(properties: Record<string, unknown>): string {
  const value = valueOf(properties, NAME_KEYS);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/** A finite number from a number or a numeric string ("1,234.5" allowed), else null. */
export function parseNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(/(\d),(?=\d{3}\b)/g, '$1');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return null;
  const number = Number(text);
  return Number.isFinite(number) ? number : null;
}

/** A count of parking spaces: a non-negative integer, or null when absent or unreadable. */
export function parseSpaces(value: unknown): number | null {
  const number = parseNumber(value);
  return number !== null && Number.isInteger(number) && number >= 0 && number <= 1_000_000
    ? number
    : null;
}

/**
 * The schema properties followed by the file's own properties. A file key that names a schema
 * key is kept as `original_<key>`; nothing in the schema is ever overwritten. Keys are defined
 * as own data properties, so a key such as `__proto__` stays data too.
 */
export function withOriginalProperties<T extends Record<string, unknown>>(
  schema: T,
  original: Record<string, unknown>,
): T {
  const out = { ...schema } as Record<string, unknown>;
  for (const [key, value] of Object.entries(original)) {
    const target = Object.hasOwn(out, key) ? `original_${key}` : key;
    if (Object.hasOwn(out, target)) continue;
    Object.defineProperty(out, target, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out as T;
}
