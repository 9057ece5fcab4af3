import { inflateSync } from 'node:zlib';

/** A rectangle of an image, in pixels from its top left corner. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Pixels as RGBA bytes, row after row. */
export interface Pixels {
  width: number;
  height: number;
  rgba: Uint8Array;
}

const SIGNATURE = '\x89PNG\r\n\x1a\n';

/** Channels per pixel of the 8-bit colour types (greyscale, RGB, grey + alpha, RGBA). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** Width and height from a PNG's header. */
export function pngSize(png: Buffer): [number, number] {
  if (png.subarray(0, 8).toString('latin1') !== SIGNATURE) throw new Error('not a PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

/** The predictor of PNG filter type 4 (Paeth): the neighbour closest to a + b − c. */
function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decodes a PNG as browsers write it and pdftoppm does: 8 bits per channel, greyscale or
 * RGB with or without alpha, not interlaced. Anything else is refused, not guessed at.
 */
export function decodePng(png: Buffer): Pixels {
  const [width, height] = pngSize(png);
  const bitDepth = png[24];
  const colourType = png[25]!;
  const interlace = png[28];
  const channels = CHANNELS[colourType];
  if (bitDepth !== 8 || channels === undefined || interlace !== 0) {
    throw new Error(`PNG not read here: depth ${bitDepth}, colour type ${colourType}`);
  }
  const data: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    if (type === 'IDAT') data.push(png.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  const filtered = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = filtered[y * (stride + 1)];
    const line = filtered.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? rows[row + i - channels]! : 0;
      const up = y > 0 ? rows[row - stride + i]! : 0;
      const upLeft = y > 0 && i >= channels ? rows[row - stride + i - channels]! : 0;
      const predicted =
        filter === 0
          ? 0
          : filter === 1
            ? left
            : filter === 2
              ? up
              : filter === 3
                ? (left + up) >> 1
                : filter === 4
                  ? paeth(left, up, upLeft)
                  : NaN;
      if (Number.isNaN(predicted)) throw new Error(`PNG row ${y}: unknown filter ${filter}`);
      rows[row + i] = (line[i]! + predicted) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    const grey = channels < 3;
    rgba[p * 4] = rows[s]!;
    rgba[p * 4 + 1] = grey ? rows[s]! : rows[s + 1]!;
    rgba[p * 4 + 2] = grey ? rows[s]! : rows[s + 2]!;
    rgba[p * 4 + 3] = channels === 4 ? rows[s + 3]! : channels === 2 ? rows[s + 1]! : 255;
  }
  return { width, height, rgba };
}

const decoded = new WeakMap<Buffer, Pixels>();

/** The pixels of a region of a PNG (decoded once per buffer); the region must lie inside it. */
export function pngRegion(png: Buffer, region: Rect): Pixels {
  let image = decoded.get(png);
  if (!image) decoded.set(png, (image = decodePng(png)));
  const { x, y, width, height } = region;
  if (x < 0 || y < 0 || x + width > image.width || y + height > image.height) {
    throw new Error(`region ${JSON.stringify(region)} outside ${image.width} × ${image.height}`);
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let row = 0; row < height; row++) {
    const from = ((y + row) * image.width + x) * 4;
    rgba.set(image.rgba.subarray(from, from + width * 4), row * width * 4);
  }
  return { width, height, rgba };
}
