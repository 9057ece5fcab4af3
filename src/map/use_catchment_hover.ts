import { type Map as MapLibreMap, type MapLayerMouseEvent, Popup } from 'maplibre-gl';
import { type RefObject, useEffect } from 'react';
import { useAppStore } from '../state/store';
import { translate } from '../ui/i18n';
import { whenLoaded } from './when_loaded';

const LAYER = 'analysis-catchments-fill';

/** Hover (or a tap, on a phone) on a nearest-school area names its school and the distance. */
export function useCatchmentHover(mapRef: RefObject<MapLibreMap | null>): void {
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const popup = new Popup({
      closeButton: false,
      closeOnClick: false,
      className: 'catchment-popup',
    });
    const show = (event: MapLayerMouseEvent) => {
      const properties = event.features?.[0]?.properties;
      if (!properties) return;
      const language = useAppStore.getState().language;
      const name = properties.school_name
        ? `${String(properties.school_name)}${properties.school_name_english_only ? translate(language, 'facility.englishOnlyMark') : ''}`
        : translate(language, 'schools.unnamed');
      const text = translate(language, 'schools.catchmentHover')
        .replace('{school}', name)
        .replace('{distance}', String(properties.distance_m));
      popup.setLngLat(event.lngLat).setText(text).addTo(map);
      popup.getElement().dataset.testid = 'catchment-popup';
      map.getCanvas().style.cursor = 'help';
    };
    const hide = () => {
      popup.remove();
      map.getCanvas().style.cursor = '';
    };
    whenLoaded(map, () => {
      map.on('mousemove', LAYER, show);
      map.on('click', LAYER, show);
      map.on('mouseleave', LAYER, hide);
    });
    return () => {
      map.off('mousemove', LAYER, show);
      map.off('click', LAYER, show);
      map.off('mouseleave', LAYER, hide);
      popup.remove();
    };
  }, [mapRef]);
}
