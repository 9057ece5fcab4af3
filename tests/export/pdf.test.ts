import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { type PageText, fontRuns, pagePdf, parseUnicodeRanges } from '../../src/export/pdf';
import { woffToSfnt } from '../../src/export/woff';

const FONT_DIR = 'node_modules/@fontsource/noto-sans-sc';
const ranges = JSON.parse(readFileSync(`${FONT_DIR}/unicode.json`, 'utf8')) as Record<
  string,
  string
>;
const slices = parseUnicodeRanges(ranges);
const woff = (slice: string, weight: number) =>
  new Uint8Array(readFileSync(`${FONT_DIR}/files/noto-sans-sc-${slice}-${weight}-normal.woff`));
const fonts = {
  slices,
  load: (slice: string, bold: boolean) => woffToSfnt(woff(slice, bold ? 700 : 400)),
};

/** A 1 × 1 grey baseline JPEG. */
const JPEG = Uint8Array.from(
  atob(
    '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  ),
  (c) => c.charCodeAt(0),
);

describe('WOFF to sfnt', () => {
  it('gives a font with the same glyphs as the WOFF it came from', async () => {
    const source = woff('119', 400);
    const sfnt = await woffToSfnt(source);
    expect(new DataView(sfnt.buffer).getUint32(0)).toBe(0x00010000);
    const fromWoff = fontkit.create(source as Buffer);
    const fromSfnt = fontkit.create(sfnt as Buffer);
    expect(fromSfnt.numGlyphs).toBe(fromWoff.numGlyphs);
    const glyph = (font: typeof fromSfnt) => font.glyphForCodePoint('A'.codePointAt(0)!);
    expect(glyph(fromSfnt).path.toSVG()).toBe(glyph(fromWoff).path.toSVG());
    await expect(woffToSfnt(sfnt)).rejects.toThrow('not a WOFF');
  });
});

describe('font runs', () => {
  it('cuts text where the font slice changes, each run drawn by a slice that has it', () => {
    const text = '公园 ≥5000 m² → 1:25,000';
    const runs = fontRuns(slices, text);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    for (const run of runs) {
      const covered = ranges[`[${run.slice}]`] ?? ranges[run.slice]!;
      for (const char of run.text) {
        const code = char.codePointAt(0)!;
        const inside = covered.split(',').some((part) => {
          const [a, b] = part.replace('U+', '').split('-');
          return code >= parseInt(a!, 16) && code <= parseInt(b ?? a!, 16);
        });
        expect(inside, `${char} in slice ${run.slice}`).toBe(true);
      }
    }
  });
});

describe('PDF with text', () => {
  it('writes title, legend and scale as text that pdftotext reads back', async () => {
    const line = (text: string, y: number, bold = false): PageText => ({
      text,
      x: 100,
      y,
      size: 40,
      bold,
      colour: '#2c2833',
      align: 'left',
    });
    const bytes = await pagePdf({
      jpeg: JPEG,
      pageMm: [297, 210],
      pxPerMm: 300 / 25.4,
      texts: [
        line('回天地区 · 公园绿地800米服务半径覆盖', 200, true),
        line('地铁线路（按站点连线示意，官方配色）', 400),
        line('≥5000 m²: 800 m', 500),
        { ...line('500 m    1:25,000', 2300), align: 'right', x: 3400 },
      ],
      fonts,
      title: '回天地区 · 公园绿地800米服务半径覆盖',
    });
    // A subset: the whole font's slices would be megabytes.
    expect(bytes.length).toBeLessThan(150_000);
    const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
    writeFileSync(join(dir, 'page.pdf'), bytes);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'page.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(text).toContain('公园绿地800米服务半径覆盖');
    expect(text).toContain('地铁线路（按站点连线示意，官方配色）');
    expect(text).toContain('≥5000 m²: 800 m');
    expect(text).toContain('1:25,000');
    const info = execFileSync('pdfinfo', [join(dir, 'page.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.2\d* pts \(A4\)/);
    const fontList = execFileSync('pdffonts', [join(dir, 'page.pdf')], { encoding: 'utf8' });
    // Every font is embedded, with a Unicode map.
    const rows = fontList.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(row).toMatch(/yes\s+\w+\s+yes/);
  });
});
