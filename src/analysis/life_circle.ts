import type { FacilityGroup, FacilityHit } from './facility_index';

/** One item of the 5/10/15-minute life circles, with the distance it asks for. */
export interface LifeCircleItem {
  key: 'kindergarten' | 'primary' | 'middle' | 'park' | 'health' | 'metro';
  group: FacilityGroup;
  radiusM: number;
  /** The life circle (minutes of walking) the item belongs to. */
  minutes: 5 | 10 | 15;
  /** Where the radius comes from (shown to the resident). */
  source: string;
  /** True when the radius is this app's reading, not a number the standard states. */
  assumed: boolean;
}

export const LIFE_CIRCLE_ITEMS: LifeCircleItem[] = [
  {
    key: 'kindergarten',
    group: 'kindergarten',
    radiusM: 300,
    minutes: 5,
    source: 'GB 50180',
    assumed: false,
  },
  {
    key: 'primary',
    group: 'primary',
    radiusM: 500,
    minutes: 10,
    source: 'GB 50180',
    assumed: false,
  },
  {
    key: 'park',
    group: 'park',
    radiusM: 500,
    minutes: 10,
    source: 'GB/T 51346-2019 §4.3.4',
    assumed: false,
  },
  {
    key: 'middle',
    group: 'middle',
    radiusM: 1000,
    minutes: 15,
    source: 'GB 50180',
    assumed: false,
  },
  {
    key: 'health',
    group: 'health',
    radiusM: 1000,
    minutes: 15,
    source: 'GB 50180-2018',
    assumed: true,
  },
  {
    key: 'metro',
    group: 'metro',
    radiusM: 1000,
    minutes: 15,
    source: 'GB 50180-2018',
    assumed: true,
  },
];

export interface LifeCircleCheck {
  item: LifeCircleItem;
  /**
   * Met: the nearest facility is within the radius. Null (no data) when the data has none at
   * all, or none within the radius where the data for that kind is not known complete.
   */
  met: boolean | null;
  nearest: FacilityHit | null;
}

/**
 * How a home meets each life-circle item, from the nearest facility of each kind. `known`
 * says whether the home lies where the data for an item's kind is known complete: elsewhere
 * a facility within reach still meets the item, but none found is no data, not a failure.
 */
export function lifeCircleChecks(
  nearest: Record<FacilityGroup, FacilityHit | null>,
  known: (key: LifeCircleItem['key']) => boolean = () => true,
): LifeCircleCheck[] {
  return LIFE_CIRCLE_ITEMS.map((item) => {
    const hit = nearest[item.group];
    const met = hit ? hit.distanceM <= item.radiusM : null;
    return { item, nearest: hit, met: met === true || known(item.key) ? met : null };
  });
}
