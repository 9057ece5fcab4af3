import type { Feature, Geometry } from 'geojson';

/**
 * The SHA-256 of everything the prepared rows of an area are made from: the row spacing, the
 * units' names and geometries in the order given (sorted as the analysis sorts them), and the
 * residential blocks' geometries in order, written as JSON text. Rows prepared ahead of time
 * (public/geo/prepared-rows.bin) are used only where the digest of the inputs actually given
 * equals the one they were made from.
 *
 * JSON text names every number exactly (the shortest text that reads back as it), except that
 * -0 is written as 0 and NaN and the infinities as null: `data:prepare` makes a file only of
 * layers with no such number (see `digestibleExactly`), so inputs whose text equals theirs
 * hold the very same numbers. The engine writes the text and hashes it, which is far cheaper
 * before anything is optimised than walking every vertex here.
 *
 * Null where it cannot be taken (no SubtleCrypto: not a secure context; a value JSON cannot
 * write): the caller then prepares the rows itself.
 */
export async function preparedInputsDigest(
  units: readonly Feature<Geometry, { name: string }>[],
  blocks: readonly Feature<Geometry>[],
  rowSpacingM: number,
): Promise<Uint8Array | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = digestText([
      rowSpacingM,
      units.map((u) => u.properties.name),
      units.map((u) => u.geometry),
      blocks.map((b) => b.geometry),
    ]);
  } catch {
    return null;
  }
  return new Uint8Array(await subtle.digest('SHA-256', bytes));
}

/**
 * The UTF-8 bytes of `JSON.stringify(items)` (items with no `toJSON` of their own), written item
 * by item: the geometries' text is then all one-byte characters, which the engine writes and
 * encodes faster than the text of the whole (made two-byte throughout by the units' Chinese
 * names). An array's JSON text is its items' texts joined by commas in brackets, with null for
 * an item JSON cannot write.
 */
export function digestText(items: readonly unknown[]): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const parts = items.map((item, i) =>
    encoder.encode(`${i === 0 ? '[' : ','}${JSON.stringify(item) ?? 'null'}`),
  );
  if (parts.length === 0) parts.push(encoder.encode('['));
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 1));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  bytes[at] = 0x5d; // ]
  return bytes;
}

/**
 * True where every number in the geometries is finite and not 0 (so not -0): the numbers JSON
 * text tells apart from every other. Real coordinates of the area are never 0.
 */
export function digestibleExactly(geometries: readonly (Geometry | null)[]): boolean {
  const exact = (c: unknown): boolean =>
    Array.isArray(c) ? c.every(exact) : typeof c === 'number' && Number.isFinite(c) && c !== 0;
  return geometries.every(
    (g) =>
      g !== null &&
      (g.type === 'GeometryCollection' ? digestibleExactly(g.geometries) : exact(g.coordinates)),
  );
}

/** Two digests equal byte for byte. */
export function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
