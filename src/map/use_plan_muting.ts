import type { Map as MapLibreMap } from 'maplibre-gl';
import { type RefObject, useEffect } from 'react';
import {
  MOVED_PLAN_LAYERS,
  MUTED_PLAN_BEFORE,
  NORMAL_PLAN_BEFORE,
  PLAN_MUTED_PAINT,
} from '../layers/plan_muting';
import { useAppStore } from '../state/store';
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
      const before = muted ? MUTED_PLAN_BEFORE : NORMAL_PLAN_BEFORE;
      for (const id of MOVED_PLAN_LAYERS) {
        if (map.getLayer(id) && map.getLayer(before)) map.moveLayer(id, before);
      }
      for (const paint of PLAN_MUTED_PAINT) {
        if (!map.getLayer(paint.layer)) continue;
        map.setPaintProperty(paint.layer, paint.property, muted ? paint.muted : paint.normal);
      }
      container.current?.setAttribute('data-plan-muted', String(muted));
    });
  }, [mapRef, container, muted]);
}
