import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DICTIONARY, formatsFor, isStringKey, keyOr, translate } from '../../src/ui/i18n';

const HAN = /[\u3400-\u9fff]/;
const CHINESE_PUNCTUATION = /[，。：；（）、【】《》！？]/;
/** Place names stay Chinese in English text (the search example types one). */
const PLACE_NAMES = /回天|龙跃/g;
/** Names of file formats are the same in both languages. */
const PROPER_NAMES = /^import\.format\./;
/** Entries that name the other language on purpose (the language switch). */
const OTHER_LANGUAGE = new Set(['app.language']);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the dictionary', () => {
  const entries = Object.entries(DICTIONARY);

  it('has Chinese text for every key, never a Latin-only sentence', () => {
    const latinOnly = entries.filter(
      ([key, { zh }]) =>
        !OTHER_LANGUAGE.has(key) &&
        !PROPER_NAMES.test(key) &&
        /[A-Za-z]{3,}\s+[A-Za-z]{2,}/.test(zh) &&
        !HAN.test(zh),
    );
    expect(latinOnly).toEqual([]);
  });

  it('has English text free of Chinese characters and punctuation', () => {
    const mixed = entries.filter(
      ([key, { en }]) =>
        !OTHER_LANGUAGE.has(key) &&
        (HAN.test(en.replace(PLACE_NAMES, '')) || CHINESE_PUNCTUATION.test(en)),
    );
    expect(mixed.map(([key, { en }]) => `${key}: ${en}`)).toEqual([]);
  });

  it('has English for every key with Chinese, and the same placeholders in both', () => {
    for (const [key, { zh, en }] of entries) {
      if (zh) expect(en, key).not.toBe('');
      expect(placeholders(en), key).toEqual(placeholders(zh));
    }
  });

  it('falls back, never prints a key built from data that it lacks', () => {
    expect(isStringKey('status.planned')).toBe(true);
    expect(isStringKey('status.no-such-status')).toBe(false);
    expect(translate('zh', keyOr('status.no-such-status', 'text.unknown'))).toBe('（未知）');
  });

  it('is the only place UI text is written: components call t() with typed keys', () => {
    // A missing key is a type error: the translate function takes only the dictionary's keys.
    const source = readFileSync('src/ui/use_text.ts', 'utf8');
    expect(source).toMatch(/\(key: StringKey\) => string/);
  });
});

describe('numbers and dates in the app language', () => {
  it('writes dates the way each language reads them', () => {
    expect(formatsFor('zh').date('2021-07-02')).toBe('2021年7月2日');
    expect(formatsFor('en').date('2021-07-02')).toBe('2 Jul 2021');
  });

  it('groups thousands and keeps the decimals asked for, in numbers and percentages', () => {
    for (const language of ['zh', 'en'] as const) {
      const f = formatsFor(language);
      expect(f.number(25000)).toBe('25,000');
      expect(f.number(0.5, 2)).toBe('0.50');
      expect(f.percent(0.1234)).toBe('12.3%');
      expect(f.percent(0.5, 0)).toBe('50%');
    }
  });
});
