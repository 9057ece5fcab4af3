/**
 * Hostile and heavy inputs, generated at test time (never committed): self-crossing stars,
 * long survey outlines, zip bombs, huge CSVs, deeply nested JSON.
 */
import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import type { Position } from 'geojson';

/** Near 回龙观: every generated shape lies well inside the area. */
const CENTRE: Position = [116.33, 40.07];

/** A closed star ring of n vertices that crosses itself everywhere (vertex i at i·k turns). */
export function selfCrossingStar(n: number, radius = 0.005): Position[] {
  const ring: Position[] = [];
  const step = Math.floor(n / 2) - 1; // coprime with n for odd n, a crossing star either way
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * ((i * step) % n)) / n;
    ring.push([CENTRE[0]! + radius * Math.cos(a), CENTRE[1]! + radius * Math.sin(a)]);
  }
  ring.push(ring[0]!);
  return ring;
}

/** A valid, wavy closed outline of n vertices (a detailed survey outline of a park). */
export function surveyOutline(n: number, radius = 0.004): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = radius * (1 + 0.2 * Math.sin(a * 40));
    const lon = CENTRE[0]! + r * Math.cos(a);
    const lat = CENTRE[1]! + r * Math.sin(a);
    ring.push([Math.round(lon * 1e9) / 1e9, Math.round(lat * 1e9) / 1e9]);
  }
  ring.push(ring[0]!);
  return ring;
}

/** A scenario file (the app's export format) adding one park with this outline. */
export function scenarioWithPark(ring: Position[]): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    scenario: {
      format: 'huitian-map-scenario',
      version: 1,
      id: 'hostile',
      name: 'hostile park',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    },
    features: [
      {
        type: 'Feature',
        id: 'p1',
        properties: { edit: 'add-park', id: 'p1', name: 'park' },
        geometry: { type: 'Polygon', coordinates: [ring] },
      },
    ],
  });
}

/** Raw deflate of `size` zeros, streamed so the zeros never sit in memory at once. */
export async function deflatedZeros(size: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const block = Buffer.alloc(16 * 1024 * 1024);
  for (let written = 0; written < size; written += block.length) {
    const part = block.subarray(0, Math.min(block.length, size - written));
    if (!deflate.write(part)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
}

/**
 * A zip holding `parks.shp` and `parks.dbf` that inflate to `inflatedBytes` each, with honest
 * sizes in its headers: a zip bomb declared as a Shapefile. `compressed` is the raw deflate of
 * the entry (by default of that many zeros, deflated here).
 */
export function zipBomb(
  inflatedBytes: number,
  compressed: Uint8Array = deflateRawSync(Buffer.alloc(inflatedBytes), { level: 9 }),
): Uint8Array {
  return zipOf(
    ['parks.shp', 'parks.dbf'].map((name) => ({ name, data: compressed, size: inflatedBytes })),
  );
}

/** A zip of already deflated entries (the CRC is left 0; the zip reader does not check it). */
function zipOf(files: { name: string; data: Uint8Array; size: number }[]): Uint8Array {
  const entries = files.map((f) => ({ ...f, name: Buffer.from(f.name) }));
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size >>> 0, 22);
    local.writeUInt16LE(e.name.length, 26);
    parts.push(local, e.name, Buffer.from(e.data));
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.size >>> 0, 24);
    dir.writeUInt16LE(e.name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, e.name);
    offset += 30 + e.name.length + e.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, dirBytes, end]));
}

/**
 * A zipped point Shapefile of n car parks around the centre, written from the ESRI Shapefile
 * specification: `parks.shp` (a 100-byte header, then per point an 8-byte big-endian record
 * header and shape type 1 with x and y as little-endian doubles) and `parks.dbf` (dBase III with
 * one 8-character text field NAME).
 */
export function carParkShapefile(n: number): Uint8Array {
  const shp = Buffer.alloc(100 + n * 28);
  shp.writeInt32BE(9994, 0);
  shp.writeInt32BE(shp.length / 2, 24);
  shp.writeInt32LE(1000, 28);
  shp.writeInt32LE(1, 32);
  const dbfHeader = 32 + 32 + 1;
  const dbf = Buffer.alloc(dbfHeader + n * 9 + 1, 0x20);
  dbf.fill(0, 0, dbfHeader);
  dbf.writeUInt8(0x03, 0);
  dbf.writeUInt32LE(n, 4);
  dbf.writeUInt16LE(dbfHeader, 8);
  dbf.writeUInt16LE(9, 10);
  dbf.write('NAME', 32, 'latin1');
  dbf.write('C', 32 + 11, 'latin1');
  dbf.writeUInt8(8, 32 + 16);
  dbf.writeUInt8(0x0d, 64);
  let [xmin, ymin, xmax, ymax] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    const x = CENTRE[0]! + ((i % 1000) - 500) * 1e-5;
    const y = CENTRE[1]! + ((Math.floor(i / 1000) % 1000) - 500) * 1e-5;
    [xmin, ymin, xmax, ymax] = [
      Math.min(xmin, x),
      Math.min(ymin, y),
      Math.max(xmax, x),
      Math.max(ymax, y),
    ];
    const at = 100 + i * 28;
    shp.writeInt32BE(i + 1, at);
    shp.writeInt32BE(10, at + 4);
    shp.writeInt32LE(1, at + 8);
    shp.writeDoubleLE(x, at + 12);
    shp.writeDoubleLE(y, at + 20);
    dbf.write(`P${i}`.padEnd(8).slice(0, 8), dbfHeader + i * 9 + 1, 'latin1');
  }
  [xmin, ymin, xmax, ymax].forEach((v, k) => shp.writeDoubleLE(v, 36 + 8 * k));
  dbf.writeUInt8(0x1a, dbf.length - 1);
  return zipOf([
    { name: 'parks.shp', data: deflateRawSync(shp), size: shp.length },
    { name: 'parks.dbf', data: deflateRawSync(dbf), size: dbf.length },
  ]);
}

/** A CSV of n car parks around the centre (name, lon, lat, spaces). */
export function carParkCsv(n: number): string {
  const lines = ['name,lon,lat,spaces'];
  for (let i = 0; i < n; i++) {
    const lon = (CENTRE[0]! + ((i % 1000) - 500) * 1e-5).toFixed(6);
    const lat = (CENTRE[1]! + ((Math.floor(i / 1000) % 1000) - 500) * 1e-5).toFixed(6);
    lines.push(`P${i},${lon},${lat},${i % 200}`);
  }
  return lines.join('\n');
}

/** A GeoJSON of n car-park points. */
export function carParkGeoJson(n: number): string {
  const features = [];
  for (let i = 0; i < n; i++) {
    const lon = CENTRE[0]! + ((i % 1000) - 500) * 1e-5;
    const lat = CENTRE[1]! + ((Math.floor(i / 1000) % 1000) - 500) * 1e-5;
    features.push({
      type: 'Feature',
      properties: { name: `P${i}`, spaces: i % 200 },
      geometry: { type: 'Point', coordinates: [lon, lat] },
    });
  }
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** One point feature whose properties nest `levels` objects deep. */
export function nestedPropertiesGeoJson(levels: number): string {
  return (
    '{"type":"FeatureCollection","features":[{"type":"Feature",' +
    `"geometry":{"type":"Point","coordinates":[${CENTRE.join(',')}]},"properties":{"a":` +
    '{"a":'.repeat(levels) +
    '1' +
    '}'.repeat(levels) +
    '}}]}'
  );
}

/** A KML whose one placemark sits inside `levels` nested folders. */
export function nestedFoldersKml(levels: number): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>' +
    '<Folder><name>f</name>'.repeat(levels) +
    `<Placemark><name>p</name><Point><coordinates>${CENTRE.join(',')}</coordinates></Point></Placemark>` +
    '</Folder>'.repeat(levels) +
    '</Document></kml>'
  );
}

/** An OSM XML extract with one node, after an element nested `levels` deep. */
export function nestedOsmXml(levels: number): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><osm version="0.6">' +
    '<bounds>'.repeat(levels) +
    '</bounds>'.repeat(levels) +
    `<node id="1" lat="${CENTRE[1]}" lon="${CENTRE[0]}"><tag k="amenity" v="parking"/></node>` +
    '</osm>'
  );
}
