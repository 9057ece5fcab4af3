import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  arabicNumerals,
  buildPlaces,
  normaliseName,
  searchPlaces,
  substringDistance,
  withPinyin,
} from '../../src/analysis/place_search';
import type { AppFeatureCollection } from '../../src/data/schema';

const load = (layer: string) =>
  JSON.parse(readFileSync(`public/geo/${layer}.geojson`, 'utf8')) as AppFeatureCollection;

const places = buildPlaces({
  communities: load('communities'),
  residential: load('residential'),
  'metro-stations': load('metro-stations'),
  parks: load('parks'),
  schools: load('schools'),
  healthcare: load('healthcare'),
  roads: load('roads'),
});

describe('numerals and width', () => {
  it('reads Chinese numerals as Arabic ones', () => {
    expect(arabicNumerals('龙跃苑一区')).toBe('龙跃苑1区');
    expect(arabicNumerals('十区')).toBe('10区');
    expect(arabicNumerals('十二区')).toBe('12区');
    expect(arabicNumerals('二十三中')).toBe('23中');
    expect(arabicNumerals('二〇二一年')).toBe('2021年');
  });

  it('gives full-width, Arabic and Chinese spellings one key', () => {
    const key = normaliseName('龙跃苑一区');
    expect(normaliseName('龙跃苑1区')).toBe(key);
    expect(normaliseName('龙跃苑１区')).toBe(key);
    expect(normaliseName('龙跃苑 １ 区')).toBe(key);
  });
});

describe('near matches', () => {
  it('measures the fewest edits to any part of a name', () => {
    expect(substringDistance('龙越苑', '龙跃苑一区')).toBe(1);
    expect(substringDistance('龙跃苑', '龙跃苑一区')).toBe(0);
    expect(substringDistance('龙苑', '龙跃苑一区')).toBe(1);
    expect(substringDistance('天通西', '龙跃苑一区')).toBe(3);
  });

  it('finds 龙跃苑一区 from 龙跃苑1区 first', () => {
    expect(searchPlaces(places, '龙跃苑1区')[0]!.name).toMatch(/^龙跃苑一区/);
    expect(searchPlaces(places, '龙跃苑１区').map((p) => p.name)).toContain('龙跃苑一区');
  });

  it('finds 龙跃苑一区 among the one-character typos of 龙越苑, without the pinyin dictionary', () => {
    const names = searchPlaces(places, '龙越苑', 100).map((p) => p.name);
    expect(names).toContain('龙跃苑一区');
    // 龙博苑 is as near in writing; nothing with a character dropped (华龙苑) comes in.
    expect(names).toContain('龙博苑社区');
    expect(names.some((n) => n.startsWith('华龙苑'))).toBe(false);
    // An exact match hides the near ones.
    expect(searchPlaces(places, '龙跃苑', 100).every((p) => p.name.includes('龙跃苑'))).toBe(true);
  });

  it('does not let a two-character query match by one character', () => {
    expect(searchPlaces(places, '龙越')).toEqual([]);
    expect(searchPlaces(places, '不存在的地名')).toEqual([]);
  });

  it('ranks a same-sounding name before other one-character typos', async () => {
    const { pinyin } = await import('pinyin-pro');
    const syllables = (text: string) => pinyin(text, { toneType: 'none', type: 'array' });
    const withSound = withPinyin(places, syllables);
    // 越 and 跃 are both "yue": 龙跃苑 comes before 龙博苑 and 龙泽苑, within the ten shown.
    const typo = searchPlaces(withSound, '龙越苑', 10, syllables('龙越苑').join(''));
    expect(typo.map((p) => p.name)).toContain('龙跃苑一区');
    expect(typo.every((p) => p.name.includes('龙跃苑'))).toBe(true);
    // Two wrong characters of the same sound still find it.
    const query = '龙越园一区';
    expect(searchPlaces(places, query).map((p) => p.name)).not.toContain('龙跃苑一区');
    const found = searchPlaces(withSound, query, 10, syllables(query).join(''));
    expect(found[0]!.name).toMatch(/^龙跃苑一区/);
  });
});

describe('compounds of 天通苑', () => {
  it('finds residential land for 天通西苑, 天通东苑 and 天通北苑, not only communities', () => {
    for (const query of ['天通西苑', '天通东苑', '天通北苑']) {
      const results = searchPlaces(places, query);
      expect(results.some((p) => p.kind === 'community')).toBe(true);
      const land = results.filter((p) => p.kind === 'compound');
      expect(land.length).toBeGreaterThan(0);
      // The data has no compound names there: each entry says which community it lies in.
      for (const place of land) expect(place.unnamedIn).toBe(place.name);
    }
  });

  it('adds no unnamed entry where the community has named compounds', () => {
    const compounds = searchPlaces(places, '龙跃苑').filter((p) => p.kind === 'compound');
    expect(compounds.every((p) => p.unnamedIn === undefined)).toBe(true);
  });
});

describe('names the source gives only in English', () => {
  it('flags exactly the schools whose name has no Chinese character, and no other place', () => {
    const latinSchools = load('schools')
      .features.map((f) => f.properties.name)
      .filter((name) => name && !/[\u3400-\u9fff]/.test(name));
    expect(latinSchools).toHaveLength(6);
    const flagged = places.filter((p) => p.englishOnlyName).map((p) => p.name);
    expect(flagged.sort()).toEqual([...latinSchools].sort());
  });
});
