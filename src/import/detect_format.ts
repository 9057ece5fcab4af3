import type { ImportFormat } from './types';

const BY_EXTENSION: Record<string, ImportFormat> = {
  geojson: 'geojson',
  json: 'geojson',
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
  kml: 'kml',
  zip: 'shapefile',
  osm: 'osm-xml',
};

const SNIFF_BYTES = 64 * 1024;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/**
 * The file's format: zip magic bytes first (whatever the name says), then the extension, then
 * the opening of the content. `.json` can be GeoJSON or Overpass JSON, so it is sniffed too.
 */
export function detectFormat(bytes: Uint8Array, fileName: string): ImportFormat | null {
  if (isZip(bytes)) return 'shapefile';
  const head = new TextDecoder('utf-8')
    .decode(bytes.subarray(0, SNIFF_BYTES))
    .replace(/^\uFEFF/, '');
  const extension = /\.([^./\\]+)$/.exec(fileName.toLowerCase())?.[1] ?? '';
  const byName = BY_EXTENSION[extension];
  if (byName === 'geojson' && /^\s*\{[\s\S]*"elements"\s*:/.test(head)) return 'overpass-json';
  if (byName) return byName;
  return sniffText(head);
}

function sniffText(head: string): ImportFormat | null {
  const start = head.trimStart();
  if (start.startsWith('<')) {
    if (/<osm[\s>]/.test(head)) return 'osm-xml';
    if (/<kml[\s>:]/.test(head)) return 'kml';
    return null;
  }
  if (start.startsWith('{')) {
    if (/"elements"\s*:/.test(head)) return 'overpass-json';
    if (/"type"\s*:/.test(head)) return 'geojson';
  }
  return null;
}
