import { describe, expect, it } from 'vitest';
import { FeatureCounter } from '../../src/data/feature_count';

/** Counts a text's features with its bytes cut into pieces of `size` (a character may be cut). */
function countInPieces(text: string, size: number): number {
  const bytes = new TextEncoder().encode(text);
  const counter = new FeatureCounter();
  for (let i = 0; i < bytes.length; i += size) counter.add(bytes.subarray(i, i + size));
  return counter.count;
}

// Each text's features as JSON.parse reads them; every other array of objects is not counted.
const texts = [
  '{"type":"FeatureCollection","features":[]}',
  '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{}}]}',
  JSON.stringify({
    type: 'FeatureCollection',
    name: 'a "features": [{}] name with [brackets] and {braces}',
    bbox: [116.2, 40.0, 116.5, 40.2],
    links: [{ rel: 'self' }, { rel: 'next' }],
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [116.33, 40.07] },
        properties: { name: '停车场 "甲" \\ [1]', features: [{ a: 1 }, { b: 2 }] },
      },
      {
        type: 'Feature',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        },
        properties: { nested: { features: [{}, {}, {}] } },
      },
      { type: 'Feature', geometry: null, properties: null },
    ],
    after: [{ features: [{}] }],
  }),
  '[{"features":[{},{}]}]',
  '{"type":"Feature","geometry":null,"properties":{"features":[{}]}}',
];

describe('counting features as the bytes arrive', () => {
  it('counts the objects of the root features array, whatever the pieces', () => {
    for (const text of texts) {
      const value = JSON.parse(text) as { features?: unknown };
      const expected =
        !Array.isArray(value) && Array.isArray(value.features) ? value.features.length : 0;
      for (const size of [1, 2, 3, 7, 64, 1 << 20]) {
        expect(countInPieces(text, size), `${text} in pieces of ${size}`).toBe(expected);
      }
    }
  });

  it('does not take a key written with escapes, nor a string holding the key, for the key', () => {
    expect(countInPieces('{"feat\\u0075res":[{},{}]}', 5)).toBe(0);
    expect(countInPieces('{"x":"features","y":[{},{}]}', 5)).toBe(0);
  });
});
