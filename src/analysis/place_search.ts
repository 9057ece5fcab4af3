import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { hasEnglishOnlyName } from '../data/name_note';
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
  /**
   * Set on residential land the data leaves unnamed, found through the community it lies in
   * (`name` is then that community's name): the data names no compound there.
   */
  unnamedIn?: string;
  /** Set when the source gives only an English name (no verified Chinese name). */
  englishOnlyName?: boolean;
  /** A metro station's lines (an interchange is one place with every line). */
  lines?: string[];
  /** A school's levels: those it serves, or its likely ones when they are unverified. */
  levels?: string[];
  levelStatus?: string;
}

/** What a search result says beside the name: a station's lines, a school's levels. */
function placeFacts(properties: Record<string, unknown>): Partial<Place> {
  if (Array.isArray(properties.lines)) return { lines: properties.lines as string[] };
  if (!Array.isArray(properties.serves_levels)) return {};
  const unverified = properties.level_status === 'unverified';
  const levels = (unverified ? properties.likely_levels : properties.serves_levels) as string[];
  return { levels: levels ?? [], levelStatus: String(properties.level_status ?? 'name') };
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

/**
 * Lower case, no spaces or brackets, full-width letters and digits made half-width and Chinese
 * numerals made Arabic (一区 → 1区, 十二 → 12), so 龙跃苑1区 and 龙跃苑一区 have one key.
 */
export function normaliseName(text: string): string {
  return arabicNumerals(
    text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)),
  )
    .replace(/[\s·•・\-—_()（）]/g, '')
    .toLowerCase();
}

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Chinese numerals to Arabic: 一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二〇二一 → 2021. */
export function arabicNumerals(text: string): string {
  return text.replace(/[零〇一二三四五六七八九十]+/g, (run) => {
    const tens = /^([一二三四五六七八九]?)十([一二三四五六七八九]?)$/.exec(run);
    if (tens)
      return String((tens[1] ? DIGITS[tens[1]]! : 1) * 10 + (tens[2] ? DIGITS[tens[2]]! : 0));
    return [...run].map((c) => (c === '十' ? '10' : String(DIGITS[c]))).join('');
  });
}

/**
 * Every named place, once per name and kind (a street's pieces become one entry); and, for a
 * community whose residential land the data leaves wholly unnamed, that land as one entry.
 */
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
        ...placeFacts(feature.properties),
        ...(hasEnglishOnlyName(feature.properties) ? { englishOnlyName: true } : {}),
      });
    }
  }
  return [...places.values(), ...unnamedResidential(layers.communities, layers.residential)];
}

/**
 * Residential land in 天通苑 has no compound names in any source, so 天通西苑 would find only
 * communities. Each community holding unnamed residential land and no named compound gets one
 * entry at its largest piece of that land, named by the community.
 */
function unnamedResidential(
  communities: AppFeatureCollection | undefined,
  residential: AppFeatureCollection | undefined,
): Place[] {
  if (!communities || !residential) return [];
  const areas = communities.features.filter(
    (c) => c.geometry.type === 'Polygon' || c.geometry.type === 'MultiPolygon',
  );
  const named = new Set<string>();
  const largest = new Map<string, { area: number; point: [number, number] }>();
  for (const land of residential.features) {
    const point = turf.pointOnFeature(land).geometry.coordinates as [number, number];
    const community = areas.find((c) =>
      turf.booleanPointInPolygon(point, c.geometry as Polygon | MultiPolygon),
    );
    if (!community) continue;
    const name = community.properties.name.trim();
    if (!name) continue;
    if (land.properties.name.trim()) {
      named.add(name);
      continue;
    }
    const area = Number(land.properties.area_m2) || turf.area(land);
    if ((largest.get(name)?.area ?? -1) < area) largest.set(name, { area, point });
  }
  const places: Place[] = [];
  for (const community of areas) {
    const name = community.properties.name.trim();
    const land = largest.get(name);
    if (!land || named.has(name)) continue;
    largest.delete(name);
    places.push({
      id: `unnamed-residential-${String(community.properties.id)}`,
      name,
      kind: 'compound',
      detail: 'residential',
      subdistrict: community.properties.subdistrict,
      lonLat: land.point,
      key: normaliseName(name),
      unnamedIn: name,
    });
  }
  return places;
}

/** Sort key that puts 一区 before 二区 and 2区 before 10区. */
const orderKey = (name: string) => arabicNumerals(name).replace(/\d+/g, (d) => d.padStart(4, '0'));

/**
 * How many characters a query may get wrong and still find a place: none under 3 characters
 * (5 letters in Latin), one up to 6, two beyond.
 */
function allowedTypos(query: string, latin: boolean): number {
  const length = [...query].length;
  if (length < (latin ? 5 : 3)) return 0;
  return length <= 6 ? 1 : 2;
}

/**
 * The fewest single-character insertions, deletions or substitutions that turn the query into
 * some part of the key (approximate substring matching: a match may start anywhere).
 */
export function substringDistance(query: string, key: string): number {
  const q = [...query];
  const k = [...key];
  let previous = new Array<number>(k.length + 1).fill(0);
  for (let i = 1; i <= q.length; i++) {
    const current = [i];
    for (let j = 1; j <= k.length; j++) {
      const substitution = previous[j - 1]! + (q[i - 1] === k[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1));
    }
    previous = current;
  }
  return Math.min(...previous);
}

/** The fewest characters to replace (none added or dropped) so some part of the key is the query. */
export function substitutionDistance(query: string, key: string): number {
  const q = [...query];
  const k = [...key];
  let best = q.length;
  for (let start = 0; start + q.length <= k.length; start++) {
    let wrong = 0;
    for (let i = 0; i < q.length && wrong < best; i++) if (q[i] !== k[start + i]) wrong++;
    best = Math.min(best, wrong);
  }
  return best;
}

/**
 * How well a place matches: 0 the exact name, 1 a name starting with the query, 2 a name
 * containing it, 3 a name that sounds the same (the query's pinyin inside the name's), 4 and
 * more a name with one (or two) characters wrong; null when it does not match. A short query
 * may only have characters replaced: with a character dropped, 龙越苑 would match any 龙苑.
 */
function matchScore(
  place: Place,
  q: string,
  latin: boolean,
  queryPinyin: string | null,
): number | null {
  const keys = latin ? [place.key, place.initials, place.pinyin] : [place.key];
  let score: number | null = null;
  for (const key of keys) {
    if (!key) continue;
    const at = key.indexOf(q);
    if (at >= 0) score = Math.min(score ?? 2, key === q ? 0 : at === 0 ? 1 : 2);
  }
  if (score !== null) return score;
  if (queryPinyin && place.pinyin?.includes(queryPinyin)) return 3;
  const typos = allowedTypos(q, latin);
  if (typos === 0) return null;
  const distance = [...q].length < 5 ? substitutionDistance : substringDistance;
  let best = Infinity;
  for (const key of keys) if (key) best = Math.min(best, distance(q, key));
  return best <= typos ? 3 + best : null;
}

/** Scores from here on are near matches, shown only when nothing matches as typed. */
const NEAR = 3;

/**
 * Places matching the query, best first (see matchScore), near matches only when nothing
 * matches as typed; within a score, by kind
 * (communities, compounds, stations, facilities, streets) and in natural order. Latin queries
 * also match pinyin and initials; a Chinese query's toneless pinyin (`queryPinyin`, when the
 * pinyin dictionary is loaded) finds names written with a same-sounding character.
 */
export function searchPlaces(
  places: Place[],
  query: string,
  limit = 10,
  queryPinyin: string | null = null,
): Place[] {
  const q = normaliseName(query);
  if (!q) return [];
  const latin = /^[a-z]+$/.test(q);
  const sound = !latin && [...q].length >= 3 && queryPinyin ? normaliseName(queryPinyin) : null;
  const scored: { place: Place; score: number }[] = [];
  for (const place of places) {
    const score = matchScore(place, q, latin, sound);
    if (score !== null) scored.push({ place, score });
  }
  const direct = scored.some((s) => s.score < NEAR);
  return scored
    .filter((s) => !direct || s.score < NEAR)
    .sort(
      (a, b) =>
        a.score - b.score ||
        PLACE_KINDS.indexOf(a.place.kind) - PLACE_KINDS.indexOf(b.place.kind) ||
        orderKey(a.place.name).localeCompare(orderKey(b.place.name)),
    )
    .slice(0, limit)
    .map((s) => s.place);
}
