import * as turf from '@turf/turf';
import type { AppFeatureCollection } from '../data/schema';

/** What a resident can search for, in the order results of equal match are shown. */
export const PLACE_KINDS = ['community', 'compound', 'metro', 'facility', 'street'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export interface Place {
  id: string;
  name: string;
  kind: PlaceKind;
  /** The feature's own kind (park, hospital, …) for facilities. */
  detail: string;
  subdistrict: string | null;
  /** A point on the feature, to centre the map and place the home. */
  lonLat: [number, number];
  /** The search key: the name normalised. */
  key: string;
  /** Toneless pinyin of the name, and its initials (`longyuey…`, `lyy…`), when added. */
  pinyin?: string;
  initials?: string;
}

/** Turns Chinese text into toneless pinyin syllables (supplied by a pinyin library). */
export type PinyinSyllables = (text: string) => string[];

/** Adds pinyin and initials keys, so that "lyy" or "longyue" find 龙跃苑. */
export function withPinyin(places: Place[], syllables: PinyinSyllables): Place[] {
  return places.map((place) => {
    const parts = syllables(place.name).map((p) => normaliseName(p));
    return { ...place, pinyin: parts.join(''), initials: parts.map((p) => p[0] ?? '').join('') };
  });
}

const SOURCES: [layer: string, kind: PlaceKind][] = [
  ['communities', 'community'],
  ['residential', 'compound'],
  ['metro-stations', 'metro'],
  ['parks', 'facility'],
  ['schools', 'facility'],
  ['healthcare', 'facility'],
  ['car-parks', 'facility'],
  ['roads', 'street'],
];

/** Lower case, no spaces, full-width letters and digits made half-width. */
export function normaliseName(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s·•・\-—_()（）]/g, '')
    .toLowerCase();
}

/** Every named place, once per name and kind (a street's pieces become one entry). */
export function buildPlaces(layers: Record<string, AppFeatureCollection | undefined>): Place[] {
  const places = new Map<string, Place>();
  for (const [layer, kind] of SOURCES) {
    for (const feature of layers[layer]?.features ?? []) {
      const name = feature.properties.name.trim();
      if (!name) continue;
      const key = `${kind}:${name}`;
      if (places.has(key)) continue;
      const point = turf.pointOnFeature(feature).geometry.coordinates as [number, number];
      places.set(key, {
        id: String(feature.properties.id),
        name,
        kind,
        detail: feature.properties.kind,
        subdistrict: feature.properties.subdistrict,
        lonLat: point,
        key: normaliseName(name),
      });
    }
  }
  return [...places.values()];
}

const NUMERALS: Record<string, string> = {
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
  十: '10',
};
/** Sort key that puts 一区 before 二区 and 2区 before 10区. */
const orderKey = (name: string) =>
  name
    .replace(/[一二三四五六七八九十]/g, (c) => NUMERALS[c]!)
    .replace(/\d+/g, (d) => d.padStart(4, '0'));

/**
 * Places whose name (or, for Latin letters, pinyin or initials) contains the query: exact first, then names starting with it, then
 * the rest; within each, by kind (communities, compounds, stations, facilities, streets) and
 * in natural order.
 */
export function searchPlaces(places: Place[], query: string, limit = 10): Place[] {
  const q = normaliseName(query);
  if (!q) return [];
  const scored: { place: Place; score: number }[] = [];
  const latin = /^[a-z]+$/.test(q);
  for (const place of places) {
    const keys = latin ? [place.key, place.initials, place.pinyin] : [place.key];
    let score = Infinity;
    for (const key of keys) {
      if (!key) continue;
      const at = key.indexOf(q);
      if (at >= 0) score = Math.min(score, key === q ? 0 : at === 0 ? 1 : 2);
    }
    if (score < Infinity) scored.push({ place, score });
  }
  return scored
    .sort(
      (a, b) =>
        a.score - b.score ||
        PLACE_KINDS.indexOf(a.place.kind) - PLACE_KINDS.indexOf(b.place.kind) ||
        orderKey(a.place.name).localeCompare(orderKey(b.place.name)),
    )
    .slice(0, limit)
    .map((s) => s.place);
}
