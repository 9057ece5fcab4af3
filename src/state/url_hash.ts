import { ANALYSIS_TABS, type AnalysisTab } from '../analysis/analysis_run';
import {
  type CoverageParameters,
  DEFAULT_COVERAGE_PARAMETERS,
  INCLUDE_FOREST_NAME,
  INCLUDE_GREENWAYS_NAME,
  PARAMETER_LIMITS,
  PARAMETER_NAMES,
  UNVERIFIED_SCHOOLS_LINK_NAME,
  parameterProblems,
} from '../analysis/coverage_parameters';
import { readNumberInRange, readPlainNumber } from '../analysis/plain_number';
import { SERVED_SCHOOL_LEVELS, type ServedSchoolLevel } from '../analysis/coverage_report';
import { LAYER_IDS, type LayerId, isLayerId } from '../data/layers';
import { type AnalysisSettings, DEFAULT_ANALYSIS_SETTINGS } from './analysis_settings';
import { isValidRadius, parseLonLat } from './inspection_settings';
import { type ScenarioParam, parseScenarioParam } from './scenario_link';

export type Language = 'zh' | 'en';

export interface MapView {
  /** [longitude, latitude] in WGS-84. */
  center: [number, number];
  zoom: number;
}

/** What the URL hash carries: the map view, the visible layers and the UI language. */
export interface HashState {
  view: MapView | null;
  layers: LayerId[] | null;
  language: Language | null;
  /** The open analysis panel and its parameters, or null when the link has none. */
  analysis: AnalysisSettings | null;
  /** The inspected point (`at=lon,lat`) and radius (`r=metres`); null when absent or bad. */
  inspection: { lonLat: [number, number]; radiusM: number | null } | null;
  /** The plan task a link points to (`task=1`…`23`), or null. */
  task: number | null;
  /** The plan project whose panel is open (`project=ID`), or null. */
  project: string | null;
  /** The applied scenario (`scenario=…`, see scenario_link), or null for the data as it is. */
  scenario: ScenarioParam | null;
  /** Parts of the link that were present but unusable, so the UI can say so. */
  ignored: ('at' | 'r')[];
  /** Analysis parameters present but unusable (their defaults are used), as written. */
  ignoredParameters: IgnoredParameter[];
}

export interface IgnoredParameter {
  name: string;
  value: string;
}

/** The view must stay around the 回天 area; anything else in a link is ignored. */
export const VIEW_LIMITS = {
  minZoom: 9,
  maxZoom: 19,
  west: 115.9,
  east: 116.8,
  south: 39.8,
  north: 40.35,
} as const;

/** Parses `zoom/lat/lon`; null when malformed or outside the area. */
export function parseView(text: string | null): MapView | null {
  if (!text) return null;
  const parts = text.split('/');
  if (parts.length !== 3) return null;
  const [zoom, lat, lon] = parts.map(readPlainNumber);
  if (zoom === null || lat === null || lon === null) return null;
  if (zoom === undefined || lat === undefined || lon === undefined) return null;
  if (zoom < VIEW_LIMITS.minZoom || zoom > VIEW_LIMITS.maxZoom) return null;
  if (lon < VIEW_LIMITS.west || lon > VIEW_LIMITS.east) return null;
  if (lat < VIEW_LIMITS.south || lat > VIEW_LIMITS.north) return null;
  return { center: [lon, lat], zoom };
}

/** Parses a comma-separated layer list; unknown names are dropped, an empty list is allowed. */
export function parseLayers(text: string | null): LayerId[] | null {
  if (text === null) return null;
  const names = text.split(',').filter((n) => n.length > 0);
  const known = names.filter(isLayerId);
  if (names.length > 0 && known.length === 0) return null;
  return LAYER_IDS.filter((id) => known.includes(id));
}

export function parseLanguage(text: string | null): Language | null {
  return text === 'zh' || text === 'en' ? text : null;
}

/** Parses a location hash (`#map=…&layers=…&lang=…`). Bad values become null, never throw. */
export function parseHash(hash: string): HashState {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(hash.replace(/^#/, ''));
  } catch {
    return {
      view: null,
      layers: null,
      language: null,
      analysis: null,
      inspection: null,
      task: null,
      project: null,
      scenario: null,
      ignored: [],
      ignoredParameters: [],
    };
  }
  const at = params.get('at');
  const r = params.get('r');
  const lonLat = parseLonLat(at);
  const radius = readPlainNumber(r);
  const radiusM = radius !== null && isValidRadius(radius) ? radius : null;
  const ignored: HashState['ignored'] = [];
  if (at !== null && lonLat === null) ignored.push('at');
  if (r !== null && radiusM === null) ignored.push('r');
  const analysis = parseAnalysis(params);
  return {
    view: parseView(params.get('map')),
    layers: parseLayers(params.get('layers')),
    language: parseLanguage(params.get('lang')),
    analysis: analysis?.settings ?? null,
    inspection: lonLat ? { lonLat, radiusM } : null,
    task: parseTask(params.get('task')),
    project: parseProject(params.get('project')),
    scenario: parseScenarioParam(params.get('scenario')),
    ignored,
    ignoredParameters: analysis?.ignored ?? [],
  };
}

export const TASK_COUNT = 23;

/** A task number 1–23, or null. */
export function parseTask(text: string | null): number | null {
  if (!text || !/^\d{1,2}$/.test(text)) return null;
  const task = Number(text);
  return task >= 1 && task <= TASK_COUNT ? task : null;
}

/** A plan project id (`plan-project-3-479e272a`), or null; whether it exists is checked later. */
export function parseProject(text: string | null): string | null {
  return text && /^[a-z0-9-]{1,64}$/.test(text) ? text : null;
}

/**
 * `analysis=parks|schools|parking`, `level=…`, `catchments=1` and parameters under the
 * report's flag names (`park-radius=600`), read by the report's strict number reader. A bad
 * parameter is not used: its default stands and it is listed in `ignored` for the notice.
 */
export function parseAnalysis(
  params: URLSearchParams,
): { settings: AnalysisSettings; ignored: IgnoredParameter[] } | null {
  const tab = params.get('analysis');
  if (!(ANALYSIS_TABS as readonly string[]).includes(tab ?? '')) return null;
  const level = params.get('level');
  const parameters: CoverageParameters = { ...DEFAULT_COVERAGE_PARAMETERS };
  const ignored: IgnoredParameter[] = [];
  for (const [name, key] of Object.entries(PARAMETER_NAMES)) {
    const text = params.get(name);
    if (text === null) continue;
    const value = readNumberInRange(text, PARAMETER_LIMITS[key]);
    if (value === null) ignored.push({ name, value: text });
    else parameters[key] = value;
  }
  parameters.includeForest = params.get(INCLUDE_FOREST_NAME) === '1';
  parameters.includeGreenways = params.get(INCLUDE_GREENWAYS_NAME) === '1';
  parameters.includeUnverifiedSchools = params.get(UNVERIFIED_SCHOOLS_LINK_NAME) === '1';
  if (parameterProblems(parameters).smallParkMinAreaM2) {
    for (const [name, key] of [
      ['small-park-min-area', 'smallParkMinAreaM2'],
      ['park-min-area', 'largeParkMinAreaM2'],
    ] as const) {
      ignored.push({ name, value: String(parameters[key]) });
      parameters[key] = DEFAULT_COVERAGE_PARAMETERS[key];
    }
  }
  return {
    settings: {
      open: true,
      tab: tab as AnalysisTab,
      parameters,
      schoolLevel: (SERVED_SCHOOL_LEVELS as readonly string[]).includes(level ?? '')
        ? (level as ServedSchoolLevel)
        : DEFAULT_ANALYSIS_SETTINGS.schoolLevel,
      schoolView: params.get('catchments') === '1' ? 'catchments' : 'coverage',
    },
    ignored,
  };
}

function serializeAnalysis(analysis: AnalysisSettings): string[] {
  if (!analysis.open) return [];
  const parts = [`analysis=${analysis.tab}`];
  if (analysis.schoolLevel !== DEFAULT_ANALYSIS_SETTINGS.schoolLevel) {
    parts.push(`level=${analysis.schoolLevel}`);
  }
  if (analysis.schoolView === 'catchments') parts.push('catchments=1');
  for (const [name, key] of Object.entries(PARAMETER_NAMES)) {
    const value = analysis.parameters[key];
    if (value !== DEFAULT_COVERAGE_PARAMETERS[key]) parts.push(`${name}=${value}`);
  }
  if (analysis.parameters.includeForest) parts.push(`${INCLUDE_FOREST_NAME}=1`);
  if (analysis.parameters.includeGreenways) parts.push(`${INCLUDE_GREENWAYS_NAME}=1`);
  if (analysis.parameters.includeUnverifiedSchools) {
    parts.push(`${UNVERIFIED_SCHOOLS_LINK_NAME}=1`);
  }
  return parts;
}

/** Serialises the state into a hash; zoom to 2 decimals and positions to 5 (~1 m). */
export function serializeHash(state: {
  view: MapView;
  layers: readonly LayerId[];
  language: Language;
  analysis?: AnalysisSettings;
  inspection?: { lonLat: [number, number] | null; radiusM: number } | null;
  task?: number | null;
  project?: string | null;
  /** A `scenario=` value (from scenario_link), written last as it is the longest. */
  scenario?: string | null;
}): string {
  const { view, layers, language, analysis, inspection, task, project, scenario } = state;
  const parts = [
    `map=${view.zoom.toFixed(2)}/${view.center[1].toFixed(5)}/${view.center[0].toFixed(5)}`,
    `layers=${LAYER_IDS.filter((id) => layers.includes(id)).join(',')}`,
  ];
  if (language !== 'zh') parts.push(`lang=${language}`);
  if (analysis) parts.push(...serializeAnalysis(analysis));
  if (task) parts.push(`task=${task}`);
  if (inspection?.lonLat) {
    const [lon, lat] = inspection.lonLat;
    parts.push(`at=${lon.toFixed(5)},${lat.toFixed(5)}`, `r=${Math.round(inspection.radiusM)}`);
  }
  if (project) parts.push(`project=${project}`);
  if (scenario) parts.push(`scenario=${scenario}`);
  return `#${parts.join('&')}`;
}
