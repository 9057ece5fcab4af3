/** CSV helpers: quoted cells, a BOM for Excel, and `#` metadata lines above the header. */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n#]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvDocument(metadata: string[], header: string[], rows: unknown[][]): string {
  const lines = [
    ...metadata.map((line) => `# ${line.replace(/\n/g, ' ')}`),
    header.join(','),
    ...rows.map((row) => row.map(csvCell).join(',')),
  ];
  return `\uFEFF${lines.join('\n')}\n`;
}

/** Parses what csvDocument writes (for tests and re-import): metadata, header, rows. */
export function parseCsvDocument(text: string) {
  const lines = text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\n');
  const metadata = lines.filter((l) => l.startsWith('# ')).map((l) => l.slice(2));
  const [header, ...rows] = lines.filter((l) => !l.startsWith('# ')).map(splitCsvLine);
  return { metadata, header: header ?? [], rows };
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}
