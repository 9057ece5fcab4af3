/**
 * WOFF 1.0 to a plain TrueType/OpenType file (W3C WOFF File Format 1.0): each table is
 * inflated with zlib where it was compressed and laid out again behind an sfnt table directory.
 * The PDF writer's font subsetter reads plain sfnt files reliably, WOFF ones not.
 */
export async function woffToSfnt(woff: Uint8Array): Promise<Uint8Array> {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (woff.byteLength < 44 || view.getUint32(0) !== 0x774f4646) {
    throw new Error('not a WOFF 1.0 font');
  }
  const flavor = view.getUint32(4);
  const numTables = view.getUint16(12);
  if (44 + numTables * 20 > woff.byteLength)
    throw new Error('the WOFF table directory is cut short');
  const tables = [];
  for (let i = 0; i < numTables; i++) {
    const at = 44 + i * 20;
    const tag = view.getUint32(at);
    const offset = view.getUint32(at + 4);
    const compLength = view.getUint32(at + 8);
    const origLength = view.getUint32(at + 12);
    const checksum = view.getUint32(at + 16);
    if (offset + compLength > woff.byteLength)
      throw new Error('a WOFF table lies outside the file');
    const stored = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? await inflate(stored) : stored;
    if (data.byteLength !== origLength) throw new Error('a WOFF table inflated to the wrong size');
    tables.push({ tag, checksum, data });
  }
  const headerLength = 12 + numTables * 16;
  const padded = (n: number) => (n + 3) & ~3;
  const total = tables.reduce((sum, t) => sum + padded(t.data.byteLength), headerLength);
  const out = new Uint8Array(total);
  const outView = new DataView(out.buffer);
  const power = 2 ** Math.floor(Math.log2(numTables));
  outView.setUint32(0, flavor);
  outView.setUint16(4, numTables);
  outView.setUint16(6, power * 16);
  outView.setUint16(8, Math.log2(power));
  outView.setUint16(10, numTables * 16 - power * 16);
  let offset = headerLength;
  tables.forEach((table, i) => {
    const at = 12 + i * 16;
    outView.setUint32(at, table.tag);
    outView.setUint32(at + 4, table.checksum);
    outView.setUint32(at + 8, offset);
    outView.setUint32(at + 12, table.data.byteLength);
    out.set(table.data, offset);
    offset += padded(table.data.byteLength);
  });
  return out;
}

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
