import { bbox, circle } from '@turf/turf';
import type { FeatureCollection } from 'geojson';
import { type Map as MapLibreMap, Marker } from 'maplibre-gl';
import { type RefObject, useEffect, useRef } from 'react';
import { INSPECTION_SOURCE, NETWORK_REACH_SOURCE } from '../layers/inspection_layers';
import { useAppStore } from '../state/store';
import { setSourceData } from './source_data';
import { whenLoaded } from './when_loaded';

/** Draws the inspected point as a draggable marker with its service circle. */
export function useInspectionOverlay(mapRef: RefObject<MapLibreMap | null>): void {
  const open = useAppStore((s) => s.inspection.open);
  const lonLat = useAppStore((s) => s.inspection.lonLat);
  const radiusM = useAppStore((s) => s.inspection.radiusM);
  const markerRef = useRef<Marker | null>(null);
  const networkReach = useAppStore((s) => s.networkReach);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const reach: FeatureCollection | null =
      open && networkReach.length > 0
        ? { type: 'FeatureCollection', features: networkReach }
        : null;
    whenLoaded(map, () => setSourceData(map, NETWORK_REACH_SOURCE, reach));
  }, [mapRef, open, networkReach]);
  const fittedRef = useRef<string | null>(null);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const apply = () => {
      if (!open || !lonLat) {
        fittedRef.current = null;
        setSourceData(map, INSPECTION_SOURCE, null);
        markerRef.current?.remove();
        markerRef.current = null;
        return;
      }
      const ring = circle(lonLat, radiusM, { units: 'meters', steps: 96 });
      setSourceData(map, INSPECTION_SOURCE, { type: 'FeatureCollection', features: [ring] });
      // A new point or radius: show the whole circle, zooming in from an overview or out.
      const shown = `${lonLat.join(',')}:${radiusM}`;
      if (fittedRef.current !== shown) {
        fittedRef.current = shown;
        const [west, south, east, north] = bbox(ring);
        map.fitBounds([west, south, east, north], { padding: 48, maxZoom: 17, duration: 400 });
      }
      if (!markerRef.current) {
        const marker = new Marker({ draggable: true, color: '#5b3f8c' }).setLngLat(lonLat);
        marker.getElement().dataset.testid = 'inspection-marker';
        marker.on('dragend', () => {
          const { lng, lat } = marker.getLngLat();
          useAppStore.getState().inspectAt([lng, lat]);
        });
        marker.addTo(map);
        markerRef.current = marker;
      } else markerRef.current.setLngLat(lonLat);
    };
    whenLoaded(map, apply);
  }, [mapRef, open, lonLat, radiusM]);

  useEffect(
    () => () => {
      markerRef.current?.remove();
      markerRef.current = null;
    },
    [],
  );
}
