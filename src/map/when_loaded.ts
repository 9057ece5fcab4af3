import type { Map as MapLibreMap } from 'maplibre-gl';

const loaded = new WeakSet<MapLibreMap>();

/** Call once on a new map: remembers when its style (and so every source) has loaded. */
export function trackLoad(map: MapLibreMap): void {
  map.once('load', () => loaded.add(map));
}

/**
 * Runs `apply` now if the map has loaded, else on load, so that updates apply in the order
 * they were made. `isStyleLoaded()` is no guide: it can turn true before 'load' fires (an
 * update applied then would be overwritten by an older one queued for 'load') and false
 * again while sources fetch.
 */
export function whenLoaded(map: MapLibreMap, apply: () => void): void {
  if (loaded.has(map)) apply();
  else map.once('load', apply);
}
