import { describe, expect, it } from 'vitest';
import { csvField, csvText, formatNumber, roundNumber } from '../../src/io/format.ts';

describe('formatNumber', () => {
  it('prints integers exactly', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(-7)).toBe('-7');
    expect(formatNumber(123456789012)).toBe('123456789012');
  });

  it('rounds other numbers to 6 significant digits without float noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(2 / 3)).toBe('0.666667');
    expect(formatNumber(1234567.89)).toBe('1234570');
    expect(formatNumber(0.25)).toBe('0.25');
    expect(formatNumber(-1.0000001)).toBe('-1');
  });

  it('spells non-finite values as R and pandas read them', () => {
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('Inf');
    expect(formatNumber(-Infinity)).toBe('-Inf');
  });

  it('roundNumber gives the printed value, null when not finite', () => {
    expect(roundNumber(2 / 3)).toBe(0.666667);
    expect(roundNumber(NaN)).toBeNull();
    expect(String(roundNumber(0.1 + 0.2))).toBe(formatNumber(0.1 + 0.2));
  });
});

describe('csv', () => {
  it('quotes only fields that need it', () => {
    expect(csvField('north')).toBe('north');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });

  it('joins a header and rows with a final newline', () => {
    expect(csvText(['a', 'b'], ['1,2', '3,4'])).toBe('a,b\n1,2\n3,4\n');
    expect(csvText(['a'], [])).toBe('a\n');
  });
});
