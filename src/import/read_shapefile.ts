import type { Feature } from 'geojson';
import shp from 'shpjs';

export type ShapefileRead =
  { ok: true; features: Feature[] } | { ok: false; reason: 'no-shp' | 'failed'; detail: string };

/**
 * Features of a zipped shapefile. shpjs reads the .prj and reprojects to WGS-84 longitude and
 * latitude, and the .cpg for the text encoding; a zip with several layers yields several
 * collections, merged here in order.
 */
export async function shapefileFeatures(bytes: Uint8Array): Promise<ShapefileRead> {
  if (!hasEndOfCentralDirectory(bytes)) {
    return { ok: false, reason: 'failed', detail: 'damaged or truncated zip' };
  }
  try {
    const result = await shp(ownBuffer(bytes));
    const collections = Array.isArray(result) ? result : [result];
    return {
      ok: true,
      features: collections.flatMap((c) => (Array.isArray(c.features) ? c.features : [])),
    };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: /no layers/i.test(detail) ? 'no-shp' : 'failed', detail };
  }
}

/** The bytes as a whole ArrayBuffer, copied only when they are a view into a larger one. */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
}

/**
 * Whether the zip ends with its directory record, where a zip reader starts. The unzip used by
 * shpjs searches for it without a bound and never returns on a short zip that lacks it (a
 * truncated download), so such files are refused here first.
 */
export function hasEndOfCentralDirectory(bytes: Uint8Array): boolean {
  const last = bytes.length - 22;
  const first = Math.max(0, last - 0xffff);
  for (let i = last; i >= first; i--) {
    if (
      bytes[i] === 0x50 &&
      bytes[i + 1] === 0x4b &&
      bytes[i + 2] === 0x05 &&
      bytes[i + 3] === 0x06
    ) {
      return true;
    }
  }
  return false;
}
