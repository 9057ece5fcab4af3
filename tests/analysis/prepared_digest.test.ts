/**
 * The bytes the prepared rows' digest hashes: written item by item, they are the UTF-8 of the
 * JSON text of the whole list, byte for byte, so the digest of the shipped layers is unchanged.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestText, preparedInputsDigest } from '../../src/analysis/prepared_digest';
import { loadShippedLayer } from '../shipped_layer';

const whole = (items: unknown[]) => [...new TextEncoder().encode(JSON.stringify(items))];

describe('digestText', () => {
  it('is the UTF-8 of the JSON text of the whole list', () => {
    const cases: unknown[][] = [
      [],
      [0.5],
      [0.5, ['南京路街道', 'Ölweg', 'a"b\\c\n'], [{ type: 'Point', coordinates: [121.4, 31.2] }]],
      [undefined, () => 1, Symbol('s'), null, -0, NaN, Infinity, 1e-7, 2 ** 60],
      [[], {}, [[1, [2, [3]]]], { a: undefined, b: [undefined] }, '🙂 emoji'],
    ];
    for (const items of cases) expect([...digestText(items)]).toEqual(whole(items));
  });

  it('throws where JSON cannot write an item, as the whole text does', () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(() => JSON.stringify([1n])).toThrow();
    expect(() => digestText([1n])).toThrow();
    expect(() => digestText([cyclic])).toThrow();
  });
});

describe('preparedInputsDigest', () => {
  it('is the SHA-256 of the JSON text of the spacing, the names and the geometries', async () => {
    const units = loadShippedLayer('subdistricts').features as Parameters<
      typeof preparedInputsDigest
    >[0][number][];
    const blocks = loadShippedLayer('residential').features;
    const text = JSON.stringify([
      0.5,
      units.map((u) => u.properties.name),
      units.map((u) => u.geometry),
      blocks.map((b) => b.geometry),
    ]);
    const expected = createHash('sha256').update(text, 'utf8').digest();
    const digest = await preparedInputsDigest(units, blocks, 0.5);
    expect([...digest!]).toEqual([...expected]);
  });
});
