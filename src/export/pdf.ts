import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, rgb } from 'pdf-lib';

/** One piece of text on the page, in page pixels; `y` is the baseline, from the top. */
export interface PageText {
  text: string;
  x: number;
  y: number;
  size: number;
  bold: boolean;
  colour: string;
  align: 'left' | 'right' | 'center';
}

/** One file of a font cut by Unicode ranges (as web fonts are): its name and what it covers. */
export interface FontSlice {
  name: string;
  ranges: [number, number][];
}

/** Where the page's font comes from: its slices and a loader of one slice as an sfnt file. */
export interface PdfFonts {
  slices: FontSlice[];
  load: (slice: string, bold: boolean) => Promise<Uint8Array>;
}

/** Reads a `{ "[12]": "U+4e00-4e5f,U+4e61" }` table of the slices' Unicode ranges. */
export function parseUnicodeRanges(table: Record<string, string>): FontSlice[] {
  return Object.entries(table).map(([key, value]) => ({
    name: key.replace(/^\[|\]$/g, ''),
    ranges: value.split(',').map((part) => {
      const [low, high] = part.trim().replace(/^U\+/i, '').split('-');
      const from = parseInt(low!, 16);
      return [from, high === undefined ? from : parseInt(high, 16)] as [number, number];
    }),
  }));
}

function sliceFor(slices: FontSlice[], codePoint: number): string | null {
  for (const slice of slices) {
    for (const [from, to] of slice.ranges)
      if (codePoint >= from && codePoint <= to) return slice.name;
  }
  return null;
}

/** The text cut into runs that each one slice of the font can draw. */
export function fontRuns(slices: FontSlice[], text: string): { slice: string; text: string }[] {
  const runs: { slice: string; text: string }[] = [];
  let previous: string | null = null;
  for (const char of text) {
    // A character no slice has stays in the run it is in, drawn as the font's missing glyph.
    const slice: string | undefined =
      sliceFor(slices, char.codePointAt(0)!) ?? previous ?? slices[0]?.name;
    if (slice === undefined) continue;
    const last = runs[runs.length - 1];
    if (last && last.slice === slice) last.text += char;
    else runs.push({ slice, text: char });
    previous = slice;
  }
  return runs;
}

const colour = (hex: string) => {
  const n = parseInt(hex.replace('#', '').slice(0, 6), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
};

/**
 * A one-page PDF: the page image (map, swatches, lines) over the whole page, and every piece of
 * text written over it as real text in the embedded font — subset to the glyphs used, so it is
 * selectable, searchable and small.
 */
export async function pagePdf(page: {
  jpeg: Uint8Array;
  pageMm: [number, number];
  pxPerMm: number;
  texts: PageText[];
  fonts: PdfFonts;
  title: string;
}): Promise<Uint8Array> {
  const pt = (mm: number) => (mm / 25.4) * 72;
  const width = pt(page.pageMm[0]);
  const height = pt(page.pageMm[1]);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(page.title);
  doc.setCreator('回天地图 · Huitian Map');
  doc.setProducer('回天地图 · Huitian Map');
  const pdfPage = doc.addPage([width, height]);
  pdfPage.drawImage(await doc.embedJpg(page.jpeg), { x: 0, y: 0, width, height });
  const fonts = new Map<string, Promise<PDFFont>>();
  const font = (slice: string, bold: boolean) => {
    const key = `${slice}-${bold}`;
    if (!fonts.has(key)) {
      fonts.set(
        key,
        page.fonts.load(slice, bold).then((bytes) => doc.embedFont(bytes, { subset: true })),
      );
    }
    return fonts.get(key)!;
  };
  const toPt = (px: number) => pt(px / page.pxPerMm);
  for (const item of page.texts) {
    const size = toPt(item.size);
    const runs = await Promise.all(
      fontRuns(page.fonts.slices, item.text).map(async (run) => {
        const runFont = await font(run.slice, item.bold);
        return { ...run, font: runFont, width: runFont.widthOfTextAtSize(run.text, size) };
      }),
    );
    const total = runs.reduce((sum, run) => sum + run.width, 0);
    let x =
      toPt(item.x) - (item.align === 'right' ? total : item.align === 'center' ? total / 2 : 0);
    const y = height - toPt(item.y);
    for (const run of runs) {
      pdfPage.drawText(run.text, { x, y, size, font: run.font, color: colour(item.colour) });
      x += run.width;
    }
  }
  return doc.save();
}
