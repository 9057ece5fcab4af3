import { circle } from '@turf/turf';
import type { LayerData } from '../../data/load';
import { paperMm, pageLayout, type PageSpec } from '../../export/page_layout';
import { jpegPagePdf } from '../../export/pdf';
import { ANALYSIS_COLOURS, ANALYSIS_SOURCES } from '../../layers/analysis_layers';
import { LAYER_DEFINITIONS } from '../../layers/catalog';
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

export interface ExportOptions extends PageSpec {
  title: string;
  format: 'png' | 'pdf';
  legend: boolean;
  scale: boolean;
  northArrow: boolean;
  attribution: boolean;
  date: boolean;
  completenessNote: boolean;
}

type Translate = (key: string) => string;

/**
 * Renders the page the options ask for — the visible layers, the open analysis and the
 * inspected circle, over the view on screen — and returns it as a PNG or PDF file.
 */
export async function exportMapPage(
  options: ExportOptions,
  data: LayerData,
  state: AppState,
  mapSize: { width: number; height: number },
  t: Translate,
  onProgress: (done: number, total: number) => void,
): Promise<{ blob: Blob; fileName: string; width: number; height: number }> {
  const layout = pageLayout(options, options.legend);
  const pixelRatio = options.dpi / 96;
  const result = state.analysisRun.result;
  const analysis =
    state.analysis.open && result?.request.tab === state.analysis.tab ? result : null;
  const inspection = state.inspection.open ? state.inspection.lonLat : null;
  const scenario = state.scenarios.find((s) => s.id === state.activeScenarioId) ?? null;
  const outcome = analysis?.scenarios?.[0] ?? null;
  const printed = await printMap({
    data,
    visibleLayers: state.visibleLayers,
    overlays: {
      [ANALYSIS_SOURCES.served]: analysis?.geometry.served,
      [ANALYSIS_SOURCES.gaps]: analysis?.geometry.gaps,
      [ANALYSIS_SOURCES.catchments]: analysis?.geometry.catchments,
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
    view: { center: state.view.center, zoom: state.view.zoom, ...mapSize },
    width: layout.map.width,
    height: layout.map.height,
    pixelRatio,
    onProgress,
  });
  const lat = (printed.center[1] * Math.PI) / 180;
  const metresPerCssPixel = (40075016.686 * Math.cos(lat)) / (512 * 2 ** printed.zoom);
  const content: PageContent = {
    title: options.title,
    legend: options.legend
      ? {
          heading: t('panel.legend'),
          entries: [
            ...scenarioLegend(scenario !== null, outcome !== null, t),
            ...legendEntries(state, analysis !== null, t),
          ],
        }
      : null,
    legendNotes: [
      ...(analysis ? [analysisNote(state, t)] : []),
      ...(scenario ? [`${t('scenario.title')}：${scenario.name}`] : []),
    ],
    scale: options.scale ? { metresPerPixel: metresPerCssPixel / pixelRatio } : null,
    northArrow: options.northArrow,
    attribution: options.attribution
      ? `${t('export.sources')}${attributionFor(data, state.visibleLayers).join('；')}`
      : null,
    date: options.date
      ? `${t('export.date')}${new Date().toISOString().slice(0, 10)} · 回天地图`
      : null,
    completenessNotes: options.completenessNote ? completenessNotes(data, state, t) : [],
  };
  const page = composePage(layout, printed.canvas, content);
  const base = `huitian-map-${options.paper}-${options.orientation}-${options.dpi}dpi`;
  if (options.format === 'png') {
    return {
      blob: await toBlob(page, 'image/png'),
      fileName: `${base}.png`,
      width: page.width,
      height: page.height,
    };
  }
  const jpeg = new Uint8Array(await (await toBlob(page, 'image/jpeg', 0.92)).arrayBuffer());
  const [wMm, hMm] = paperMm(options);
  const pdf = jpegPagePdf(jpeg, page.width, page.height, wMm, hMm);
  return {
    blob: new Blob([pdf.buffer as ArrayBuffer], { type: 'application/pdf' }),
    fileName: `${base}.pdf`,
    width: page.width,
    height: page.height,
  };
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

function legendEntries(state: AppState, withAnalysis: boolean, t: Translate) {
  const entries = LAYER_DEFINITIONS.filter((d) => state.visibleLayers.includes(d.id))
    .reverse()
    .flatMap((d) => d.legend.map((e) => ({ label: t(e.labelKey), swatch: e.swatch })));
  if (!withAnalysis) return entries;
  const analysis =
    state.analysis.tab === 'schools' && state.analysis.schoolView === 'catchments'
      ? [
          {
            label: t('analysis.legend.catchment'),
            swatch: { type: 'fill' as const, colour: ANALYSIS_COLOURS.catchments[0] },
          },
        ]
      : [
          {
            label: t('analysis.legend.served'),
            swatch: { type: 'fill' as const, colour: ANALYSIS_COLOURS.served },
          },
          {
            label: t('analysis.legend.gap'),
            swatch: { type: 'fill' as const, colour: ANALYSIS_COLOURS.gap },
          },
        ];
  return [...analysis, ...entries];
}

function analysisNote(state: AppState, t: Translate): string {
  const p = state.analysis.parameters;
  const tab = state.analysis.tab;
  const radii =
    tab === 'parks'
      ? `≥${p.largeParkMinAreaM2} m²: ${p.largeRadiusMeters} m; ≥${p.smallParkMinAreaM2} m²: ${p.smallRadiusMeters} m${p.includeForest ? `; ${t('param.includeForest')}` : ''}${p.includeGreenways ? `; ${t('param.greenwayRadiusMeters')} ${p.greenwayRadiusMeters} m` : ''}`
      : tab === 'schools'
        ? `${t('legend.kindergarten')} ${p.kindergartenRadiusMeters} m; ${t('legend.primary')} ${p.primaryRadiusMeters} m; ${t('legend.middle')} ${p.middleRadiusMeters} m`
        : `${p.parkingRadiusMeters} m`;
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
    return [`⚠ ${t(`layer.${layer}`)}：${note}（${units.join('、')}）`];
  });
}
