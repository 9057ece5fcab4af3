import * as turf from '@turf/turf';
import type { IndexedFacility } from '../../analysis/facility_index';
import type { LayerData } from '../../data/load';
import { hasEnglishOnlyName } from '../../data/name_note';
import { type Formats, type StringKey, keyOr } from '../i18n';

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
export function facilityLabel(facility: IndexedFacility, t: Translate, f: Formats): string {
  if (facility.name.trim() !== '') {
    return markedName(facility.name, hasEnglishOnlyName(facility.feature.properties), t);
  }
  const kind = t(keyOr(`facility.kind.${facility.group}`, 'text.unknown'));
  const area = facility.feature.properties.area_m2;
  if (typeof area === 'number' && area > 0) {
    return t('facility.unnamedWithArea')
      .replace('{kind}', kind)
      .replace('{ha}', f.number(area / 1e4, area < 1e4 ? 2 : 1));
  }
  return t('facility.unnamed').replace('{kind}', kind);
}

/**
 * A name as the UI shows it: a name the source gives only in English carries a note, in
 * every list, table and label, that no verified Chinese name is known.
 */
export function markedName(name: string, englishOnly: boolean, t: Translate): string {
  return englishOnly ? `${name}${t('facility.englishOnlyMark')}` : name;
}
