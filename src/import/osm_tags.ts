import type { ImportLayer } from './types';

export type OsmSkipReason = 'private-parking' | 'parking-type' | 'no-layer-tag';

export type OsmMatch =
  { layer: ImportLayer; kind: string } | { layer: null; reason: OsmSkipReason };

const HEALTHCARE_AMENITIES = new Set(['hospital', 'clinic', 'doctors']);
const PUBLIC_PARKING = new Set(['surface', 'multi-storey', 'underground']);
const PRIVATE_ACCESS = new Set(['private', 'no', 'customers', 'residents']);

const tag = (tags: Record<string, unknown>, key: string): string =>
  typeof tags[key] === 'string' ? (tags[key] as string).trim() : '';

/**
 * The app layer an OSM-tagged feature belongs to. Parks are leisure=park and leisure=garden
 * (not playgrounds, which are equipment, nor nature reserves); car parks are public surface,
 * multi-storey or underground parking (untagged parking type counts as surface); healthcare is
 * amenity=hospital/clinic/doctors or any healthcare=*; residential is landuse=residential.
 */
export function osmLayerOf(tags: Record<string, unknown>): OsmMatch {
  const amenity = tag(tags, 'amenity');
  if (amenity === 'school' || amenity === 'kindergarten')
    return { layer: 'schools', kind: amenity };
  if (amenity === 'parking') {
    if (PRIVATE_ACCESS.has(tag(tags, 'access'))) return { layer: null, reason: 'private-parking' };
    const parking = tag(tags, 'parking');
    if (parking !== '' && !PUBLIC_PARKING.has(parking))
      return { layer: null, reason: 'parking-type' };
    return { layer: 'car-parks', kind: 'car-park' };
  }
  if (HEALTHCARE_AMENITIES.has(amenity)) return { layer: 'healthcare', kind: amenity };
  const healthcare = tag(tags, 'healthcare');
  if (healthcare !== '') return { layer: 'healthcare', kind: safeKind(healthcare, 'clinic') };
  const leisure = tag(tags, 'leisure');
  if (leisure === 'park' || leisure === 'garden') return { layer: 'parks', kind: leisure };
  if (tag(tags, 'landuse') === 'residential') return { layer: 'residential', kind: 'residential' };
  return { layer: null, reason: 'no-layer-tag' };
}

/** Kinds are identifiers (the map styles them); anything else becomes the fallback. */
export function safeKind(value: string, fallback: string): string {
  return /^[a-z][a-z0-9_-]{0,40}$/.test(value) ? value : fallback;
}
