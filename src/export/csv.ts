import Papa from 'papaparse';

/**
 * The one CSV writer and reader of the app, the report and the data pipeline (papaparse).
 * Cells are quoted as RFC 4180 says; a BOM lets Excel read the Chinese text; `#` metadata lines
 * above the header are quoted one-cell rows, so a comma in a name cannot split them into cells.
 */

/** A cell a spreadsheet would run as a formula, or treat as a control sequence. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal: a negative number is data, not a formula. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * The text written for one cell. Text beginning with `=`, `+`, `-` (unless it is a number),
 * `@`, a tab or a carriage return gets a leading `'`, which spreadsheets show as text and never
 * evaluate (OWASP's advice against CSV injection).
 */
export function csvCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

const unparse = (rows: string[][], quotes: boolean) =>
  Papa.unparse(rows, { newline: '\n', quotes, escapeFormulae: false });

/** A CSV table with a BOM: the header, then the rows, every cell neutralised and quoted as needed. */
export function csvDocument(metadata: string[], header: string[], rows: unknown[][]): string {
  const parts = [
    ...(metadata.length > 0
      ? [
          unparse(
            metadata.map((line) => [`# ${line.replace(/[\r\n]+/g, ' ')}`]),
            true,
          ),
        ]
      : []),
    unparse(
      [header, ...rows].map((row) => row.map(csvCellText)),
      false,
    ),
  ];
  return `\uFEFF${parts.join('\n')}\n`;
}

/** Every record of a CSV text; blank lines are kept as one empty cell (spreadsheet rows). */
export function parseCsvRecords(text: string, delimiter?: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const { data } = Papa.parse<string[]>(body, {
    delimiter: delimiter ?? ',',
    skipEmptyLines: false,
  });
  // A final line break ends the last record; it does not start an empty one.
  if (/\r?\n$|\r$/.test(body) && data.length > 0) {
    const last = data[data.length - 1]!;
    if (last.length === 1 && last[0] === '') data.pop();
  }
  return data;
}

/** Reads what csvDocument writes: metadata (without `# `), header and rows. */
export function parseCsvDocument(text: string) {
  const records = parseCsvRecords(text).filter((r) => !(r.length === 1 && r[0] === ''));
  let start = 0;
  const metadata: string[] = [];
  while (
    start < records.length &&
    records[start]!.length === 1 &&
    records[start]![0]!.startsWith('# ')
  ) {
    metadata.push(records[start]![0]!.slice(2));
    start++;
  }
  const [header, ...rows] = records.slice(start);
  return { metadata, header: header ?? [], rows };
}
