import { circle } from '@turf/turf';
import type { LayerData } from '../../data/load';
import type { AnalysisRequest, AnalysisResult } from '../../analysis/analysis_run';
import { analysisRadius, fill } from '../../export/map_title';
import { northArrowBox, paperMm, pageLayout, type PageSpec } from '../../export/page_layout';
import {
  type Bounds,
  boundsOf,
  printView,
  scaleDenominator,
  viewBounds,
} from '../../export/print_view';
import { ANALYSIS_COLOURS, ANALYSIS_SOURCES } from '../../layers/analysis_layers';
import { LAYER_DEFINITIONS } from '../../layers/catalog';
import { layerLegendRows } from '../../layers/legend';
import { INSPECTION_SOURCE } from '../../layers/inspection_layers';
import {
  SCENARIO_COLOURS,
  SCENARIO_SOURCES,
  scenarioEditFeatures,
} from '../../layers/scenario_layers';
import { attributionFor } from '../../map/attribution';
import { printMap } from '../../map/print_map';
import type { AppState } from '../../state/store';
import { type PageContent, composePage } from './compose_page';
import { type Formats, type StringKey, formatsFor } from '../i18n';

/** What the page shows: the view on screen, the whole area or one sub-district. */
export type ExportExtent =
  { type: 'view' } | { type: 'area' } | { type: 'subdistrict'; name: string };

export interface ExportOptions extends PageSpec {
  title: string;
  extent: ExportExtent;
  format: 'png' | 'pdf';
  legend: boolean;
  scale: boolean;
  northArrow: boolean;
  attribution: boolean;
  date: boolean;
  completenessNote: boolean;
}

type Translate = (key: StringKey) => string;

/** The ground bounds of an extent; the view on screen is `mapSize` CSS pixels. */
export function extentBounds(
  extent: ExportExtent,
  data: LayerData,
  state: AppState,
  mapSize: { width: number; height: number },
): Bounds {
  if (extent.type === 'view') return viewBounds(state.view.center, state.view.zoom, mapSize);
  const units = data.layers.subdistricts.features.filter(
    (f) => extent.type === 'area' || f.properties.name === extent.name,
  );
  return (
    boundsOf(
      units.map((f) => (f.geometry && 'coordinates' in f.geometry ? f.geometry.coordinates : [])),
    ) ?? viewBounds(state.view.center, state.view.zoom, mapSize)
  );
}

/** The place an extent names, for the title: a sub-district, or the whole area in the UI language. */
export function extentPlace(extent: ExportExtent, state: AppState, t: Translate): string {
  if (extent.type === 'subdistrict') return extent.name;
  if (extent.type === 'view' && state.selection.type === 'subdistrict') return state.selection.name;
  return t('area.whole');
}

/**
 * Renders the page the options ask for — the visible layers, the open analysis and the
 * inspected circle, over the extent chosen — and returns it as a PNG or PDF file.
 */
export async function exportMapPage(
  options: ExportOptions,
  data: LayerData,
  state: AppState,
  mapSize: { width: number; height: number },
  t: Translate,
  onProgress: (done: number, total: number) => void,
): Promise<{ blob: Blob; fileName: string; width: number; height: number }> {
  const { layout, printed, content } = await renderPage(
    options,
    data,
    state,
    mapSize,
    t,
    onProgress,
  );
  const base = `huitian-map-${options.paper}-${options.orientation}-${options.dpi}dpi`;
  if (options.format === 'png') {
    const { canvas: page } = composePage(layout, printed, content);
    return {
      blob: await toBlob(page, 'image/png'),
      fileName: `${base}.png`,
      width: page.width,
      height: page.height,
    };
  }
  // The PDF's text is real text over an image of everything else.
  const { canvas: page, texts } = composePage(layout, printed, content, false);
  const jpeg = new Uint8Array(await (await toBlob(page, 'image/jpeg', 0.92)).arrayBuffer());
  const [{ pagePdf }, { PDF_FONTS }] = await Promise.all([
    import('../../export/pdf'),
    import('./pdf_fonts'),
  ]);
  const pdf = await pagePdf({
    jpeg,
    pageMm: paperMm(options),
    pxPerMm: layout.pxPerMm,
    texts,
    fonts: PDF_FONTS,
    title: options.title,
  });
  return {
    blob: new Blob([pdf.buffer as ArrayBuffer], { type: 'application/pdf' }),
    fileName: `${base}.pdf`,
    width: page.width,
    height: page.height,
  };
}

/** The page as a picture at the options' resolution, for a preview. */
export async function previewPage(
  options: ExportOptions,
  data: LayerData,
  state: AppState,
  mapSize: { width: number; height: number },
  t: Translate,
): Promise<HTMLCanvasElement> {
  const { layout, printed, content } = await renderPage(options, data, state, mapSize, t, () => {});
  return composePage(layout, printed, content).canvas;
}

async function renderPage(
  options: ExportOptions,
  data: LayerData,
  state: AppState,
  mapSize: { width: number; height: number },
  t: Translate,
  onProgress: (done: number, total: number) => void,
) {
  const f = formatsFor(state.language);
  const layout = pageLayout(options, options.legend);
  const view = printView(
    extentBounds(options.extent, data, state, mapSize),
    layout.map,
    options.dpi,
    mapSize,
  );
  const result = state.analysisRun.result;
  const analysis =
    state.analysis.open && result?.request.tab === state.analysis.tab ? result : null;
  const inspection = state.inspection.open ? state.inspection.lonLat : null;
  const scenario = state.scenarios.find((s) => s.id === state.activeScenarioId) ?? null;
  const outcome = analysis?.scenarios?.[0] ?? null;
  const printed = await printMap({
    data,
    visibleLayers: state.visibleLayers,
    language: state.language,
    planMuted: analysis !== null || inspection !== null,
    overlays: {
      [ANALYSIS_SOURCES.served]: analysis?.geometry.served,
      [ANALYSIS_SOURCES.gaps]: analysis?.geometry.gaps,
      [ANALYSIS_SOURCES.unknown]: analysis?.geometry.unknown,
      [ANALYSIS_SOURCES.catchments]: analysis?.geometry.catchments,
      [ANALYSIS_SOURCES.networkGaps]: analysis?.network?.gaps,
      [SCENARIO_SOURCES.edits]: scenario ? scenarioEditFeatures(scenario, data) : null,
      [SCENARIO_SOURCES.newlyServed]: outcome?.newlyServed,
      [SCENARIO_SOURCES.lostService]: outcome?.lostService,
      [INSPECTION_SOURCE]: inspection
        ? {
            type: 'FeatureCollection',
            features: [
              circle(inspection, state.inspection.radiusM, { units: 'meters', steps: 96 }),
            ],
          }
        : null,
    },
    view,
    width: layout.map.width,
    height: layout.map.height,
    keepClear: options.northArrow
      ? [northArrowBox({ ...layout.map, x: 0, y: 0 }, layout.pxPerMm)]
      : [],
    onProgress,
  });
  const content: PageContent = {
    title: options.title,
    legend: options.legend
      ? {
          heading: t('panel.legend'),
          entries: [
            ...scenarioLegend(scenario !== null, outcome !== null, t),
            ...legendEntries(state, data, analysis, t),
          ],
        }
      : null,
    legendNotes: [
      ...(analysis ? [analysisNote(analysis.request, t, f)] : []),
      ...(scenario ? [`${t('scenario.title')}${t('punct.colon')}${scenario.name}`] : []),
    ],
    scale: options.scale
      ? {
          metresPerPixel: view.metresPerPixel,
          denominator: scaleDenominator(view.metresPerPixel, options.dpi),
          fraction: `1:${f.number(scaleDenominator(view.metresPerPixel, options.dpi))}`,
        }
      : null,
    northArrow: options.northArrow,
    attribution: options.attribution
      ? `${t('export.sources')}${attributionFor(data, state.visibleLayers, state.language).join(t('punct.semicolon'))}`
      : null,
    date: options.date ? `${t('export.date')}${f.date(localToday())} · ${t('app.title')}` : null,
    completenessNotes: options.completenessNote ? completenessNotes(data, state, t) : [],
  };
  return { layout, printed, content };
}

function toBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the page could not be encoded'))),
      type,
      quality,
    ),
  );
}

function scenarioLegend(withEdits: boolean, withOutcome: boolean, t: Translate) {
  const fill = (colour: string) => ({ type: 'fill' as const, colour });
  return [
    ...(withOutcome
      ? [
          { label: t('scenario.legend.newlyServed'), swatch: fill(SCENARIO_COLOURS.newlyServed) },
          { label: t('scenario.legend.lostService'), swatch: fill(SCENARIO_COLOURS.lostService) },
        ]
      : []),
    ...(withEdits
      ? [
          {
            label: t('scenario.legend.added'),
            swatch: { type: 'circle' as const, colour: SCENARIO_COLOURS.added },
          },
          {
            label: t('scenario.legend.removed'),
            swatch: { type: 'circle' as const, colour: SCENARIO_COLOURS.removed },
          },
        ]
      : []),
  ];
}

function legendEntries(
  state: AppState,
  data: LayerData,
  analysis: AnalysisResult | null,
  t: Translate,
) {
  const entries = LAYER_DEFINITIONS.filter((d) => state.visibleLayers.includes(d.id))
    .reverse()
    .flatMap((d) => layerLegendRows(d, data.layers, t, state.language));
  if (!analysis) return entries;
  const request = analysis.request;
  const network = analysis.network;
  // As on screen: the gaps along the walking network, naming the network they were measured on.
  const networkGaps = network?.gaps
    ? [
        {
          label: t('analysis.legend.networkGap').replace('{name}', network.source.name),
          swatch: { type: 'fill' as const, colour: ANALYSIS_COLOURS.networkGap },
        },
      ]
    : [];
  const measured = analysisRadius(request, t);
  const analysisEntries =
    request.tab === 'schools' && request.schoolView === 'catchments'
      ? [
          {
            label: t('analysis.legend.catchment'),
            swatch: { type: 'fill' as const, colour: ANALYSIS_COLOURS.catchments[0] },
          },
        ]
      : [
          {
            label: fill(t('export.legendServed'), measured),
            swatch: { type: 'fill' as const, colour: ANALYSIS_COLOURS.served },
          },
          {
            label: fill(t('export.legendGap'), measured),
            swatch: { type: 'fill' as const, colour: ANALYSIS_COLOURS.gap },
          },
          {
            label: t('analysis.legend.unknown'),
            swatch: { type: 'fill' as const, colour: ANALYSIS_COLOURS.unknown, hatched: true },
          },
          ...networkGaps,
        ];
  return [...analysisEntries, ...entries];
}

function analysisNote(request: AnalysisRequest, t: Translate, f: Formats): string {
  const p = request.parameters;
  const m = (metres: number) => `${f.number(metres)} m`;
  const m2 = (area: number) => `≥${f.number(area)} m²`;
  const tab = request.tab;
  const radii =
    tab === 'parks'
      ? `${m2(p.largeParkMinAreaM2)}: ${m(p.largeRadiusMeters)}; ${m2(p.smallParkMinAreaM2)}: ${m(p.smallRadiusMeters)}${p.includeForest ? `; ${t('param.includeForest')}` : ''}${p.includeGreenways ? `; ${t('param.greenwayRadiusMeters')} ${m(p.greenwayRadiusMeters)}` : ''}`
      : tab === 'schools'
        ? `${t('legend.kindergarten')} ${m(p.kindergartenRadiusMeters)}; ${t('legend.primary')} ${m(p.primaryRadiusMeters)}; ${t('legend.middle')} ${m(p.middleRadiusMeters)}`
        : m(p.parkingRadiusMeters);
  return `${t('analysis.title')} · ${t(`analysis.tab.${tab}`)}: ${radii}`;
}

function completenessNotes(data: LayerData, state: AppState, t: Translate): string[] {
  return state.visibleLayers.flatMap((layer) => {
    const entry = data.completeness[layer];
    if (!entry) return [];
    const units = Object.entries(entry.units)
      .filter(([, u]) => u.status !== 'covered')
      .map(([n]) => n);
    if (units.length === 0) return [];
    const note = state.language === 'zh' ? entry.note_zh : entry.note;
    const open = state.language === 'en' ? ` ${t('punct.open')}` : t('punct.open');
    return [
      `⚠ ${t(`layer.${layer}`)}${t('punct.colon')}${note}${open}${units.join(t('punct.list'))}${t('punct.close')}`,
    ];
  });
}

/** Today in the browser's own time zone, as YYYY-MM-DD. */
function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
