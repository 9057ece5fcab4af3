import { kml } from '@tmcw/togeojson';
import type { Feature } from 'geojson';
import { parseXml } from './xml';

/** Placemarks of a KML document, or null when the text is not a KML document. */
export function kmlFeatures(text: string): Feature[] | null {
  const document = parseXml(text);
  if (!document || document.documentElement?.nodeName.toLowerCase().replace(/^.*:/, '') !== 'kml') {
    return null;
  }
  return kml(document).features as Feature[];
}
