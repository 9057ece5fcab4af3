import * as turf from '@turf/turf';
import type { IndexedFacility } from '../../analysis/facility_index';
import type { LayerData } from '../../data/load';
import { type StringKey, keyOr } from '../i18n';

type Translate = (key: StringKey) => string;

/**
 * The place a point stands for, in the words a resident would use: the named compound (小区)
 * it lies in, else its community, else nothing (the sub-district is shown beside it).
 */
export function placeNameAt(data: LayerData, lonLat: [number, number]): string | null {
  for (const layer of ['residential', 'communities'] as const) {
    const found = data.layers[layer].features.find(
      (f) =>
        typeof f.properties.name === 'string' &&
        f.properties.name !== '' &&
        f.geometry &&
        (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon') &&
        turf.booleanPointInPolygon(lonLat, f as never),
    );
    if (found) return String(found.properties.name);
  }
  return null;
}

/**
 * A facility's name, or for an unnamed one what it is and, where known, how large it is
 * ("未命名公园（约 1.2 公顷）"), never a bare group name.
 */
export function facilityLabel(facility: IndexedFacility, t: Translate): string {
  if (facility.name.trim() !== '') return facility.name;
  const kind = t(keyOr(`facility.kind.${facility.group}`, 'text.unknown'));
  const area = facility.feature.properties.area_m2;
  if (typeof area === 'number' && area > 0) {
    return t('facility.unnamedWithArea')
      .replace('{kind}', kind)
      .replace('{ha}', (area / 1e4).toFixed(area < 1e4 ? 2 : 1));
  }
  return t('facility.unnamed').replace('{kind}', kind);
}
