import * as turf from '@turf/turf';
import { type FacilityIndex, createFacilityIndex } from '../../analysis/facility_index';
import { type ResidentialIndex, createResidentialIndex } from '../../analysis/inspection';
import { sinusoidalProjection } from '../../analysis/local_projection';
import { type Place, buildPlaces, withPinyin } from '../../analysis/place_search';
import type { LayerData } from '../../data/load';

export interface InspectionData {
  facilities: FacilityIndex;
  residential: ResidentialIndex;
  places: Place[];
}

const cache = new WeakMap<LayerData, Map<boolean, InspectionData>>();

/**
 * The indexes behind inspection and search, built once per loaded data set and per choice of
 * counting unverified schools (they then join the level they likely serve).
 */
export function inspectionData(data: LayerData, includeUnverifiedSchools = false): InspectionData {
  const byChoice = cache.get(data) ?? new Map<boolean, InspectionData>();
  cache.set(data, byChoice);
  let built = byChoice.get(includeUnverifiedSchools);
  if (!built) {
    const [west, , east] = turf.bbox(data.layers.subdistricts);
    const { layers } = data;
    built = {
      facilities: createFacilityIndex(
        {
          parks: layers.parks,
          greenways: layers.greenways,
          schools: layers.schools,
          healthcare: layers.healthcare,
          'car-parks': layers['car-parks'],
          'metro-stations': layers['metro-stations'],
        },
        sinusoidalProjection((west + east) / 2),
        { includeUnverifiedSchools },
      ),
      residential: createResidentialIndex(layers.residential),
      places: placesOf(data),
    };
    byChoice.set(includeUnverifiedSchools, built);
  }
  return built;
}

const placesCache = new WeakMap<LayerData, Place[]>();

/** The places search finds, built once per data set (without the inspection's indexes). */
export function placesOf(data: LayerData): Place[] {
  let places = placesCache.get(data);
  if (!places) placesCache.set(data, (places = buildPlaces(data.layers)));
  return places;
}

/** The places with pinyin keys, and the function that gave them (for the query's pinyin). */
export interface PinyinPlaces {
  places: Place[];
  syllables: (text: string) => string[];
}

const pinyinCache = new WeakMap<LayerData, Promise<PinyinPlaces>>();

/** The places with pinyin keys; the pinyin dictionary is loaded only when first needed. */
export function placesWithPinyin(data: LayerData): Promise<PinyinPlaces> {
  let loading = pinyinCache.get(data);
  if (!loading) {
    loading = import('pinyin-pro').then(({ pinyin }) => {
      const syllables = (text: string) => pinyin(text, { toneType: 'none', type: 'array' });
      return { places: withPinyin(placesOf(data), syllables), syllables };
    });
    pinyinCache.set(data, loading);
  }
  return loading;
}
