import { describe, expect, it } from 'vitest';
import { csvField, csvText, formatInt, formatNumber, jsonNumber, parseDecimal } from '../../src/io/format.ts';

describe('formatNumber', () => {
  it('writes every real at full precision: the shortest text that reads back to the same double', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(formatNumber(2 / 3)).toBe('0.6666666666666666');
    expect(formatNumber(1252034.02)).toBe('1252034.02');
    expect(formatNumber(0.25)).toBe('0.25');
    expect(formatNumber(1e-7)).toBe('1e-7');
    expect(formatNumber(1e21)).toBe('1e+21');
    for (const x of [Math.PI, 1 / 3, 123456.789e-12, -5e-324, 1.7976931348623157e308]) expect(Number(formatNumber(x))).toBe(x);
  });

  it('writes whole numbers as reals (7.0), so a column is float64 whatever its values', () => {
    expect(formatNumber(0)).toBe('0.0');
    expect(formatNumber(-0)).toBe('0.0');
    expect(formatNumber(42)).toBe('42.0');
    expect(formatNumber(-7)).toBe('-7.0');
    expect(formatNumber(123456789012)).toBe('123456789012.0');
  });

  it('spells non-finite values as pandas, polars, R and DuckDB read them', () => {
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('inf');
    expect(formatNumber(-Infinity)).toBe('-inf');
  });

  it('formatInt writes integers as digits and refuses anything else', () => {
    expect(formatInt(40)).toBe('40');
    expect(formatInt(-0)).toBe('0');
    expect(() => formatInt(0.5)).toThrow(/not an integer/);
  });

  it('parseDecimal reads plain decimal and exponent notation only', () => {
    expect([parseDecimal('3'), parseDecimal('-0.5'), parseDecimal('.5'), parseDecimal('1e-3'), parseDecimal('7.0')]).toEqual([3, -0.5, 0.5, 0.001, 7]);
    for (const bad of ['', ' ', '0x10', 'inf', 'NaN', '1,5', '1e', 'five']) expect(parseDecimal(bad)).toBeNaN();
  });

  it('jsonNumber keeps the value, null when not finite', () => {
    expect(jsonNumber(2 / 3)).toBe(2 / 3);
    expect(jsonNumber(NaN)).toBeNull();
    expect(jsonNumber(-Infinity)).toBeNull();
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
