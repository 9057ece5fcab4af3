import { LAYER_IDS, type LayerId, isLayerId } from '../data/layers';

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

function parseNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** Parses `zoom/lat/lon`; null when malformed or outside the area. */
export function parseView(text: string | null): MapView | null {
  if (!text) return null;
  const parts = text.split('/');
  if (parts.length !== 3) return null;
  const [zoom, lat, lon] = parts.map(parseNumber);
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
    return { view: null, layers: null, language: null };
  }
  return {
    view: parseView(params.get('map')),
    layers: parseLayers(params.get('layers')),
    language: parseLanguage(params.get('lang')),
  };
}

/** Serialises the state into a hash; zoom to 2 decimals and positions to 5 (~1 m). */
export function serializeHash(state: {
  view: MapView;
  layers: readonly LayerId[];
  language: Language;
}): string {
  const { view, layers, language } = state;
  const parts = [
    `map=${view.zoom.toFixed(2)}/${view.center[1].toFixed(5)}/${view.center[0].toFixed(5)}`,
    `layers=${LAYER_IDS.filter((id) => layers.includes(id)).join(',')}`,
  ];
  if (language !== 'zh') parts.push(`lang=${language}`);
  return `#${parts.join('&')}`;
}
