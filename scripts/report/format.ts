import type { CoverageParameters, CoverageRow } from '../../src/analysis/coverage_report';

const INDICATORS = ['parks', 'kindergarten', 'primary', 'middle', 'parking'] as const;

const percent = (share: number | null) => (share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`);

export function formatJson(rows: CoverageRow[], parameters: CoverageParameters): string {
  return `${JSON.stringify({ parameters, rows }, null, 2)}\n`;
}

/** CSV with a BOM so that Excel opens the Chinese names correctly. */
export function formatCsv(rows: CoverageRow[]): string {
  const header = [
    'name',
    'residential_area_m2',
    ...INDICATORS.flatMap((k) => [`${k}_covered_m2`, `${k}_share`]),
  ];
  const cell = (v: number | null) => (v === null ? '' : String(Math.round(v * 1e4) / 1e4));
  const lines = rows.map((r) =>
    [
      r.name,
      String(Math.round(r.residential_area_m2)),
      ...INDICATORS.flatMap((k) => [cell(r[k].covered_m2), cell(r[k].share)]),
    ].join(','),
  );
  return `\uFEFF${[header.join(','), ...lines].join('\n')}\n`;
}

export function formatMarkdown(rows: CoverageRow[], p: CoverageParameters): string {
  const lines = [
    `Residential land within the service radius (parks ≥ ${p.largeParkMinAreaM2} m²: ${p.largeRadiusMeters} m, ≥ ${p.smallParkMinAreaM2} m²: ${p.smallRadiusMeters} m${p.includeForest ? ', forest included' : ''}; kindergarten ${p.kindergartenRadiusMeters} m, primary ${p.primaryRadiusMeters} m, middle ${p.middleRadiusMeters} m; parking ${p.parkingRadiusMeters} m)`,
    '',
    '| unit | residential km² | parks | kindergarten | primary | middle | parking |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${(r.residential_area_m2 / 1e6).toFixed(2)} | ${INDICATORS.map((k) => percent(r[k].share)).join(' | ')} |`,
    ),
    '',
    'parking: n/a — no source has public car parks.',
  ];
  return `${lines.join('\n')}\n`;
}
