import type { Feature } from 'geojson';
import osmtogeojson from 'osmtogeojson';
import { type XmlRead, parseXmlWithinLimits } from './xml';

/**
 * Features of an OSM XML document (or the limit it broke, or null). osmtogeojson takes a DOM; it tells XML from JSON with
 * `instanceof XMLDocument` where that global exists (pages), which an xmldom document fails,
 * so the DOM is turned into the equivalent Overpass JSON first and read the same way
 * everywhere.
 */
export function osmXmlFeatures(text: string): XmlRead<Feature[]> {
  const parsed = parseXmlWithinLimits(text);
  if (parsed && 'limit' in parsed) return parsed;
  const root = parsed?.document.documentElement;
  if (!root || root.nodeName !== 'osm') return null;
  const elements: Record<string, unknown>[] = [];
  for (const child of Array.from(root.childNodes)) {
    if (child.nodeType !== 1) continue;
    const element = child as unknown as XmlElement;
    const type = element.nodeName;
    if (type !== 'node' && type !== 'way' && type !== 'relation') continue;
    const out: Record<string, unknown> = { type, id: Number(element.getAttribute('id')) };
    if (type === 'node') {
      out.lat = Number(element.getAttribute('lat'));
      out.lon = Number(element.getAttribute('lon'));
    }
    const tags: Record<string, string> = {};
    const nodes: number[] = [];
    const members: Record<string, unknown>[] = [];
    for (const part of Array.from(element.childNodes)) {
      if (part.nodeType !== 1) continue;
      const item = part as unknown as XmlElement;
      if (item.nodeName === 'tag')
        tags[item.getAttribute('k') ?? ''] = item.getAttribute('v') ?? '';
      else if (item.nodeName === 'nd') nodes.push(Number(item.getAttribute('ref')));
      else if (item.nodeName === 'member') {
        members.push({
          type: item.getAttribute('type'),
          ref: Number(item.getAttribute('ref')),
          role: item.getAttribute('role') ?? '',
        });
      }
    }
    out.tags = tags;
    if (type === 'way') out.nodes = nodes;
    if (type === 'relation') out.members = members;
    elements.push(out);
  }
  return overpassFeatures({ elements });
}

interface XmlElement {
  nodeName: string;
  nodeType: number;
  childNodes: ArrayLike<XmlElement>;
  getAttribute(name: string): string | null;
}

/** Features of Overpass JSON (`{"elements": [...]}`), tags flattened into the properties. */
export function overpassFeatures(value: unknown): Feature[] | null {
  if (
    typeof value !== 'object' ||
    value === null ||
    !Array.isArray((value as { elements?: unknown }).elements)
  ) {
    return null;
  }
  return osmtogeojson(value, { flatProperties: true }).features as Feature[];
}
