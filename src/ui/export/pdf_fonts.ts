import unicodeRanges from '../../../node_modules/@fontsource/noto-sans-sc/unicode.json';
import { type PdfFonts, parseUnicodeRanges } from '../../export/pdf';
import { woffToSfnt } from '../../export/woff';

/**
 * Noto Sans SC (SIL Open Font License 1.1) as the web-font package cuts it: about a hundred
 * files by Unicode range, of which a PDF loads only those its text needs.
 */
const FILES = import.meta.glob<string>(
  [
    '../../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-[0-9]*-{400,700}-normal.woff',
    '../../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-latin-{400,700}-normal.woff',
  ],
  { query: '?url', import: 'default' },
);

const fileFor = (slice: string, bold: boolean) =>
  Object.keys(FILES).find((path) =>
    path.endsWith(`/noto-sans-sc-${slice}-${bold ? 700 : 400}-normal.woff`),
  );

export const PDF_FONTS: PdfFonts = {
  slices: parseUnicodeRanges(unicodeRanges as Record<string, string>).filter((slice) =>
    fileFor(slice.name, false),
  ),
  load: async (slice, bold) => {
    const path = fileFor(slice, bold)!;
    const url = await FILES[path]!();
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the font file ${url} could not be loaded`);
    return woffToSfnt(new Uint8Array(await response.arrayBuffer()));
  },
};
