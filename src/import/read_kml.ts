import { kml } from '@tmcw/togeojson';
import type { Feature } from 'geojson';
import { type XmlRead, parseXmlWithinLimits } from './xml';

/** Placemarks of a KML document, the limit it broke, or null when it is not a KML document. */
export function kmlFeatures(text: string): XmlRead<Feature[]> {
  const parsed = parseXmlWithinLimits(text);
  if (!parsed || 'limit' in parsed) return parsed;
  const { document } = parsed;
  if (document.documentElement?.nodeName.toLowerCase().replace(/^.*:/, '') !== 'kml') {
    return null;
  }
  return kml(document).features as Feature[];
}
