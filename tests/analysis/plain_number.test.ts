import { describe, expect, it } from 'vitest';
import { readNumberInRange, readPlainNumber } from '../../src/analysis/plain_number';

describe('the strict number reader of flags and links', () => {
  it.each([
    ['600', 600],
    ['0.5', 0.5],
    ['-12.25', -12.25],
    ['007', 7],
  ])('reads the plain decimal %s', (text, value) => {
    expect(readPlainNumber(text)).toBe(value);
  });

  it.each([
    '0x10',
    '0b11',
    '0o7',
    '1e-300',
    '1E3',
    'Infinity',
    'NaN',
    '',
    ' 600',
    '600 ',
    '+600',
    '600.',
    '.5',
    '6_00',
    '６００',
    '1,000',
  ])('refuses %j, which Number() would read', (text) => {
    expect(readPlainNumber(text)).toBeNull();
  });

  it('holds to a range, both ends included', () => {
    const limits = { min: 10, max: 5000 };
    expect(readNumberInRange('10', limits)).toBe(10);
    expect(readNumberInRange('5000', limits)).toBe(5000);
    expect(readNumberInRange('9.99', limits)).toBeNull();
    expect(readNumberInRange('5000.01', limits)).toBeNull();
    expect(readNumberInRange(null, limits)).toBeNull();
  });
});
