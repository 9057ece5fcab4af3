import type { Map as MapLibreMap } from 'maplibre-gl';
import { NO_DATA_PATTERN, noDataPatternImage } from '../layers/analysis_layers';

/** Gives a map the no-data hatching (the style has no sprite, so the image is added here). */
export function installNoDataPattern(map: MapLibreMap): void {
  const add = () => {
    if (!map.hasImage(NO_DATA_PATTERN)) map.addImage(NO_DATA_PATTERN, noDataPatternImage());
  };
  map.on('styleimagemissing', (event: { id: string }) => {
    if (event.id === NO_DATA_PATTERN) add();
  });
  // At once, before the style has loaded: added on load, the new image would cost the loaded
  // map one more frame before it is idle.
  add();
  map.on('load', add);
}
