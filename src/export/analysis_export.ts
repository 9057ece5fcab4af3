import type { AnalysisResult, Indicator } from '../analysis/analysis_run';
import { WHOLE_AREA_NAME } from '../analysis/coverage_report';
import { type CompletenessTable, indicatorCompleteness } from '../data/completeness';
import type { SourceInfo } from '../data/load';
import type { NetworkSource, NetworkTableFigure } from '../analysis/network_run';
import { csvDocument } from './csv';

/** What every exported file says about itself: what, when, with which parameters and data. */
export interface ExportContext {
  generatedAt: string;
  sources: Record<string, SourceInfo>;
  /** The source keys behind the export (looked up in `sources`). */
  sourceKeys: string[];
}

const TAB_INDICATORS: Record<AnalysisResult['request']['tab'], Indicator[]> = {
  parks: ['parks'],
  schools: ['kindergarten', 'primary', 'middle'],
  parking: ['parking'],
};

export function attributionLine(context: ExportContext): string {
  return context.sourceKeys
    .map((key) => context.sources[key])
    .filter((s): s is SourceInfo => Boolean(s))
    .map((s) => `${s.attribution} (${s.licence})`)
    .join('; ');
}

function metadata(result: AnalysisResult, context: ExportContext): string[] {
  return [
    `回天地图 coverage analysis: ${result.request.tab}`,
    `generated ${context.generatedAt}`,
    `parameters ${JSON.stringify(result.request.parameters)}`,
    ...(result.scenarios ?? []).map(
      (s, i) => `scenario ${i + 1}: ${s.scenarioName} (columns scenario${i + 1}_*)`,
    ),
    ...(result.network ? [networkSourceLine(result.network.source)] : []),
    `sources ${attributionLine(context)}`,
  ];
}

/** Every figure measured along a walking network names the network it was measured on. */
export function networkSourceLine(source: NetworkSource): string {
  return `walking network (columns *_network_*): ${source.name}, ${(source.lengthM / 1000).toFixed(1)} km, imported ${source.importedAt}`;
}

/** no-data: no facility data; not-reached: the network reaches none of the row's land. */
const networkState = (f: NetworkTableFigure | undefined) =>
  !f ? '' : f.noData ? 'no-data' : f.notReached ? 'not-reached' : 'measured';

const roundedShare = (share: number | null | undefined) =>
  share === null || share === undefined ? '' : Math.round(share * 1e4) / 1e4;

/** The tab's table: one row per unit and one for the whole area, with data completeness. */
export function analysisTableCsv(
  result: AnalysisResult,
  completeness: CompletenessTable,
  context: ExportContext,
): string {
  const indicators = TAB_INDICATORS[result.request.tab];
  const units = result.rows.filter((r) => r.name !== WHOLE_AREA_NAME).map((r) => r.name);
  const header = [
    'name',
    'residential_area_m2',
    ...indicators.flatMap((k) => [
      `${k}_covered_m2`,
      `${k}_share`,
      `${k}_data`,
      // The land the share is over (covered / this = share), and what is not known of it.
      `${k}_residential_area_m2`,
      `${k}_unknown_m2`,
      `${k}_lower_bound`,
      `${k}_no_data`,
      `${k}_measured_units`,
      ...(result.network
        ? [
            `${k}_network_covered_m2`,
            `${k}_network_share`,
            `${k}_network_reached_m2`,
            `${k}_network_state`,
            `${k}_network_lower_bound`,
            `${k}_network_source`,
          ]
        : []),
    ]),
    // Each scenario's share after its edits, and the change from the data's own share.
    ...(result.scenarios ?? []).flatMap((_, i) =>
      indicators.flatMap((k) => [
        `scenario${i + 1}_${k}_share`,
        `scenario${i + 1}_${k}_change`,
        ...(result.network ? [`scenario${i + 1}_${k}_network_share`] : []),
      ]),
    ),
  ];
  const rows = result.rows.map((row, r) => [
    row.name,
    Math.round(row.residentialAreaM2),
    ...indicators.flatMap((k) => {
      const figure = row.figures[k];
      return [
        figure?.coveredM2 === null || figure?.coveredM2 === undefined
          ? ''
          : Math.round(figure.coveredM2),
        roundedShare(figure?.share),
        indicatorCompleteness(completeness, k, row.name === WHOLE_AREA_NAME ? units : [row.name]),
        !figure || figure.noData
          ? ''
          : Math.round(figure.residentialAreaM2 ?? row.residentialAreaM2),
        figure ? Math.round(figure.unknownM2) : '',
        figure ? String(figure.lowerBound) : '',
        figure ? String(figure.noData) : '',
        (figure?.measuredUnits ?? (figure && !figure.noData ? [row.name] : [])).join(';'),
        ...(result.network
          ? networkCells(result.network.rows[r]?.figures[k], result.network.source)
          : []),
      ];
    }),
    ...(result.scenarios ?? []).flatMap((scenario) =>
      indicators.flatMap((k) => {
        const before = row.figures[k]?.share;
        const after = scenario.rows[r]?.figures[k]?.share;
        const change =
          before === null || before === undefined || after === null || after === undefined
            ? null
            : after - before;
        return [
          roundedShare(after),
          roundedShare(change),
          ...(result.network ? [roundedShare(scenario.network?.[r]?.figures[k]?.share)] : []),
        ];
      }),
    ),
  ]);
  return csvDocument(metadata(result, context), header, rows);
}

function networkCells(f: NetworkTableFigure | undefined, source: NetworkSource) {
  return [
    f?.coveredM2 === null || f?.coveredM2 === undefined ? '' : Math.round(f.coveredM2),
    roundedShare(f?.share),
    f ? Math.round(f.reachedM2) : '',
    networkState(f),
    f ? String(f.lowerBound) : '',
    source.name,
  ];
}

/** What the map draws for the result, with its properties, and the export's metadata. */
export function analysisGeoJson(result: AnalysisResult, context: ExportContext): string {
  const tagged = (
    collection: { features: { type: 'Feature'; geometry: unknown; properties: unknown }[] } | null,
    layer: string,
  ) =>
    (collection?.features ?? []).map((f) => ({
      ...f,
      properties: { ...(f.properties as object), layer },
    }));
  const features = [
    ...tagged(result.geometry.served, 'served'),
    ...tagged(result.geometry.gaps, result.request.tab === 'parking' ? 'beyond-radius' : 'gap'),
    ...tagged(result.geometry.unknown, 'no-data'),
    ...tagged(result.geometry.catchments, 'catchment'),
    ...tagged(result.network?.gaps ?? null, 'network-gap'),
    ...(result.scenarios?.[0]
      ? [
          ...tagged(result.scenarios[0].newlyServed, 'scenario-newly-served'),
          ...tagged(result.scenarios[0].lostService, 'scenario-lost-service'),
        ]
      : []),
  ];
  return `${JSON.stringify({
    type: 'FeatureCollection',
    metadata: {
      title: `回天地图 coverage analysis: ${result.request.tab}`,
      generated: context.generatedAt,
      request: result.request,
      scenario: result.scenarios?.[0]?.scenarioName ?? null,
      sources: attributionLine(context),
      ...(result.network ? { walking_network: networkSourceLine(result.network.source) } : {}),
    },
    features,
  })}\n`;
}
