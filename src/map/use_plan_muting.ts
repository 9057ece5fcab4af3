import type { Map as MapLibreMap } from 'maplibre-gl';
import { type RefObject, useEffect } from 'react';
import {
  MOVED_PLAN_LAYERS,
  MUTED_PLAN_BEFORE,
  NORMAL_PLAN_BEFORE,
  PLAN_MUTED_PAINT,
} from '../layers/plan_muting';
import { useAppStore } from '../state/store';
import { setPaintIfChanged } from './style_updates';
import { whenLoaded } from './when_loaded';

/** While an analysis or an inspection is shown, the plan layout sits underneath, faded. */
export function usePlanMuting(
  mapRef: RefObject<MapLibreMap | null>,
  container: RefObject<HTMLDivElement | null>,
): void {
  const muted = useAppStore((s) => s.analysis.open || s.inspection.open);
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    whenLoaded(map, () => {
      // Only what differs is set (see style_updates): on load nothing does, and a paint value
      // set again, even to what is drawn, starts a transition the map draws frame by frame.
      const before = muted ? MUTED_PLAN_BEFORE : NORMAL_PLAN_BEFORE;
      const order = map.getLayersOrder();
      const at = order.indexOf(before);
      const inPlace = MOVED_PLAN_LAYERS.every(
        (id, i) => order[at - MOVED_PLAN_LAYERS.length + i] === id,
      );
      for (const id of MOVED_PLAN_LAYERS) {
        if (!inPlace && map.getLayer(id) && map.getLayer(before)) map.moveLayer(id, before);
      }
      for (const paint of PLAN_MUTED_PAINT) {
        // Opacities the style leaves out are 1, the style specification's default.
        const value = muted ? paint.muted : paint.normal;
        setPaintIfChanged(map, paint.layer, paint.property, value, 1);
      }
      container.current?.setAttribute('data-plan-muted', String(muted));
    });
  }, [mapRef, container, muted]);
}
