/**
 * Reads a large layer's bytes (written by `featuresBytes` in src/data/layer_text.ts) into a
 * GeoJSON FeatureCollection, in MapLibre's workers (see maplibre-blob-protocol.mjs): pieces
 * one after the other, each four 32-bit words (kind, features, bytes of JSON, bytes of
 * positions), the JSON in UTF-8 padded to 8 bytes, then the positions as 64-bit floats. A
 * piece of kind 1 holds points: the JSON is their properties, the positions [lon, lat] pairs;
 * one of kind 0 holds the features' JSON array. Throws on bytes that are not such pieces.
 */
/* global TextDecoder */
export const LAYER_BYTES_TYPE = 'application/vnd.huitian-map.layer';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** @param {ArrayBuffer} buffer */
export function layerFromBytes(buffer) {
  const features = [];
  let at = 0;
  while (at < buffer.byteLength) {
    if (buffer.byteLength - at < 16) throw new Error('a layer piece is cut short');
    const [kind, count, jsonBytes, positionBytes] = new Uint32Array(buffer, at, 4);
    const json = at + 16;
    const positions = json + jsonBytes + ((8 - (jsonBytes % 8)) % 8);
    const end = positions + positionBytes;
    if (end > buffer.byteLength) throw new Error('a layer piece is cut short');
    const parsed = JSON.parse(utf8.decode(new Uint8Array(buffer, json, jsonBytes)));
    if (!Array.isArray(parsed) || parsed.length !== count) {
      throw new Error('a layer piece does not hold what it says');
    }
    if (kind === 0 && positionBytes === 0) {
      for (const feature of parsed) features.push(feature);
    } else if (kind === 1 && positionBytes === 16 * count) {
      const lonLat = new Float64Array(buffer, positions, 2 * count);
      for (let i = 0; i < count; i++) {
        features.push({
          type: 'Feature',
          properties: parsed[i],
          geometry: { type: 'Point', coordinates: [lonLat[2 * i], lonLat[2 * i + 1]] },
        });
      }
    } else {
      throw new Error('a layer piece does not hold what it says');
    }
    at = end;
  }
  return { type: 'FeatureCollection', features };
}
