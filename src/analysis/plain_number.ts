/**
 * The one reader of numbers typed by a person outside the app: report flags and link
 * parameters. Only a plain decimal counts — digits with an optional minus and fraction, as a
 * planner writes it — so `0x10`, `0b11`, `1e-300`, `Infinity`, `+5`, ` 5` or `5.` are refused
 * instead of being read as 16, 3, almost 0 or the like by JavaScript's `Number`.
 */
const PLAIN_DECIMAL = /^-?\d{1,12}(\.\d{1,12})?$/;

export function readPlainNumber(text: string | null | undefined): number | null {
  if (text === null || text === undefined || !PLAIN_DECIMAL.test(text)) return null;
  return Number(text);
}

/** A plain decimal inside [min, max], or null. */
export function readNumberInRange(
  text: string | null | undefined,
  limits: { min: number; max: number },
): number | null {
  const value = readPlainNumber(text);
  return value !== null && value >= limits.min && value <= limits.max ? value : null;
}
