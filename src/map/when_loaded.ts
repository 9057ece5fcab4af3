import type { Map as MapLibreMap } from 'maplibre-gl';

const loaded = new WeakSet<MapLibreMap>();
const styled = new WeakSet<MapLibreMap>();

/**
 * Call once on a new map: remembers when its style (and so every source) has loaded, and when
 * its style's sources and layers were first made.
 */
export function trackLoad(map: MapLibreMap): void {
  map.once('style.load', () => styled.add(map));
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

/**
 * As `whenLoaded`, but as soon as the style's sources exist ('style.load'), not once every
 * source's first tiles are loaded ('load', after the first full frame). For the layers' data:
 * a large import given then is processed by MapLibre's worker while the map's first frames
 * are drawn, not after them. Every update of the layers' sources goes through here, so they
 * apply in the order they were made.
 */
export function whenStyled(map: MapLibreMap, apply: () => void): void {
  if (styled.has(map)) apply();
  else map.once('style.load', apply);
}
