import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng, pngRegion, pngSize } from './png_region';

/** One PNG chunk: length, type, data, CRC of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A PNG written by hand from the specification (section 9, filter types): each row filtered
 * with the given type, predicting from the raw bytes to the left (a), above (b), above left (c).
 */
function encode(
  rows: number[][],
  channels: number,
  colourType: number,
  filters: number[],
  { bitDepth = 8, interlace = 0 } = {},
): Buffer {
  const width = rows[0]!.length / channels;
  const lines = rows.map((row, y) => {
    const above = rows[y - 1];
    const out = row.map((x, i) => {
      const a = i >= channels ? row[i - channels]! : 0;
      const b = above ? above[i]! : 0;
      const c = above && i >= channels ? above[i - channels]! : 0;
      const p = a + b - c;
      const nearest =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predicted = [0, a, b, Math.floor((a + b) / 2), nearest][filters[y]!]!;
      return (x - predicted + 256) % 256;
    });
    return [filters[y]!, ...out];
  });
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(rows.length, 4);
  header.set([bitDepth, colourType, 0, 0, interlace], 8);
  return Buffer.concat([
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(lines.flat()))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Five rows of three RGBA pixels whose bytes differ from their neighbours in every direction,
// one row per filter type.
const RGBA_ROWS = [
  [10, 200, 30, 255, 250, 5, 60, 128, 0, 255, 255, 0],
  [99, 1, 240, 255, 3, 177, 90, 64, 255, 0, 12, 200],
  [128, 128, 128, 128, 0, 0, 0, 0, 201, 17, 88, 255],
  [7, 250, 133, 9, 222, 45, 11, 250, 60, 60, 200, 30],
  [255, 255, 255, 255, 1, 2, 3, 4, 140, 90, 250, 111],
];

describe('reading pixels out of a PNG', () => {
  it('undoes each of the five row filters of an RGBA image', () => {
    const png = encode(RGBA_ROWS, 4, 6, [0, 1, 2, 3, 4]);
    expect(pngSize(png)).toEqual([3, 5]);
    const image = decodePng(png);
    expect([...image.rgba]).toEqual(RGBA_ROWS.flat());
  });

  it("breaks the Paeth filter's ties as the specification does: left, then above, then above left", () => {
    // Second row, second byte: left 10, above 25, above left 20 (left and above left tie);
    // fourth byte: left 10, above 40, above left 20 (above and above left tie).
    const grey = [
      [20, 25, 20, 40],
      [10, 77, 10, 99],
    ];
    expect([...decodePng(encode(grey, 1, 0, [0, 4])).rgba].filter((_, i) => i % 4 === 0)).toEqual(
      grey.flat(),
    );
  });

  it('reads RGB and greyscale images as opaque RGBA', () => {
    const rgb = [
      [1, 2, 3, 200, 100, 50],
      [9, 8, 7, 0, 255, 128],
    ];
    expect([...decodePng(encode(rgb, 3, 2, [4, 3])).rgba]).toEqual([
      1, 2, 3, 255, 200, 100, 50, 255, 9, 8, 7, 255, 0, 255, 128, 255,
    ]);
    expect([...decodePng(encode([[7, 240]], 1, 0, [1])).rgba]).toEqual([
      7, 7, 7, 255, 240, 240, 240, 255,
    ]);
  });

  it('cuts out a region, and refuses one that reaches outside the image', () => {
    const png = encode(RGBA_ROWS, 4, 6, [2, 2, 2, 2, 2]);
    const region = pngRegion(png, { x: 1, y: 3, width: 2, height: 2 });
    expect(region.width).toBe(2);
    expect(region.height).toBe(2);
    expect([...region.rgba]).toEqual([
      ...RGBA_ROWS[3]!.slice(4, 12),
      ...RGBA_ROWS[4]!.slice(4, 12),
    ]);
    expect(() => pngRegion(png, { x: 2, y: 0, width: 2, height: 1 })).toThrow(/outside/);
  });

  it('refuses what it does not read rather than guess: 16 bits, interlaced, not a PNG', () => {
    expect(() => decodePng(encode([[0, 0]], 1, 0, [0], { bitDepth: 16 }))).toThrow(/depth 16/);
    expect(() => decodePng(encode(RGBA_ROWS, 4, 6, [0, 0, 0, 0, 0], { interlace: 1 }))).toThrow();
    expect(() => decodePng(Buffer.from('GIF89a and more bytes to fill a header'))).toThrow(
      /not a PNG/,
    );
  });
});
