import type { AppFeatureCollection } from '../data/schema';

/** What the data can say next to the plan's headline targets (existing stock, not change). */
export interface MeasuredStock {
  /** Main roads located in the seven units, km. */
  mainRoadsKm: number;
  /** Kindergartens and primary and middle schools located in the seven units. */
  schools: number;
  /** Public car parks in the data, or null when no data has them. */
  carParks: number | null;
}

export function measuredStock(layers: {
  roads: AppFeatureCollection;
  schools: AppFeatureCollection;
  carParks: AppFeatureCollection | null;
}): MeasuredStock {
  const inArea = (f: { properties: { subdistrict: string | null } }) =>
    f.properties.subdistrict !== null;
  return {
    mainRoadsKm:
      layers.roads.features
        .filter(inArea)
        .reduce((s, f) => s + Number(f.properties.length_m ?? 0), 0) / 1000,
    schools: layers.schools.features.filter(
      (f) => inArea(f) && (f.properties.serves_levels as string[]).length > 0,
    ).length,
    carParks: layers.carParks?.features.length ? layers.carParks.features.length : null,
  };
}
