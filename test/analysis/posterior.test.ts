// posterior.csv: the reader takes the last generation and normalises its weights, and every
// malformed file is an error naming the file, what was expected and what was found; systematic
// resampling draws each particle ⌊K·w⌋ or ⌈K·w⌉ times, the same draws for the same key.
import { afterAll, describe, expect, it } from 'vitest';
import { drawPosterior, readPosterior, PosteriorError } from '../../src/analysis/posterior.ts';
import { workspace } from '../cli/fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());

const GOOD = `generation,particle,weight,distance,mechanisms.entry.rate,mechanisms.spinoffs.rate
0,0,0.5,2.1,9,0.5
0,1,0.5,2.3,8,0.4
1,10,2,1.1,1.5,0.05
1,11,1,,2.5,0.01
1,12,1,NaN,3,0.02
`;

describe('readPosterior', () => {
  it('reads a file of more rows than a function call takes arguments (250,000)', () => {
    const rows = Array.from({ length: 250_000 }, (_, k) => `${k < 125_000 ? 0 : 1},${k},1,1,${k}`);
    const p = readPosterior(ws.file('big.csv', ['generation,particle,weight,distance,mechanisms.entry.rate', ...rows].join('\n') + '\n'));
    expect(p.generation).toBe(1);
    expect(p.particles).toHaveLength(125_000);
  });

  it('reads the largest generation, weights normalised, particle ids from the file', () => {
    const p = readPosterior(ws.file('good.csv', GOOD));
    expect(p.params).toEqual(['mechanisms.entry.rate', 'mechanisms.spinoffs.rate']);
    expect(p.generation).toBe(1);
    expect(p.particles).toEqual([[1.5, 0.05], [2.5, 0.01], [3, 0.02]]);
    expect(p.weights).toEqual([0.5, 0.25, 0.25]);
    expect(p.ids).toEqual([10, 11, 12]);
    expect(p.lines).toEqual([4, 5, 6]);
    expect(p.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts a file without particle and distance columns (ids = position) and CRLF line ends', () => {
    const p = readPosterior(ws.file('bare.csv', 'generation,weight,a.b\r\n0,1,2\r\n0,3,4\r\n'));
    expect(p.ids).toEqual([0, 1]);
    expect(p.weights).toEqual([0.25, 0.75]);
  });

  const bad: [string, string, RegExp][] = [
    ['empty', '', /empty\.csv: expected a header generation,particle,weight,distance,<scenario paths…>, found an empty file/],
    ['header only', 'generation,particle,weight,distance,a.b\n', /expected at least one particle row below the header, found only the header/],
    ['no weight column', 'generation,particle,a.b\n0,0,1\n', /line 1: expected .*\(a "weight" column\), found columns generation, particle, a\.b/],
    ['no parameter', 'generation,particle,weight,distance\n0,0,1,1\n', /line 1: expected at least one parameter column .*, found only generation, particle, weight, distance/],
    ['non-numeric value', 'generation,weight,a.b\n0,1,2\n0,1,high\n', /line 3, column "a\.b": expected a number \(the parameter's value\), found "high"/],
    ['empty value', 'generation,weight,a.b\n0,1,\n', /line 2, column "a\.b": expected a number .*, found an empty field/],
    ['negative weight', 'generation,weight,a.b\n0,-1,2\n', /line 2, column "weight": expected a weight ≥ 0, found -1/],
    ['short row', 'generation,weight,a.b\n0,1\n', /line 2: expected 3 fields as in the header, found 2/],
    ['all weights 0', 'generation,weight,a.b\n0,1,2\n1,0,2\n1,0,3\n', /generation 1: expected some particle with a weight above 0, found all 2 weights 0/],
    ['bad generation', 'generation,weight,a.b\n1.5,1,2\n', /column "generation": expected a generation number/],
  ];
  for (const [what, text, message] of bad) {
    it(`rejects ${what}`, () => {
      const file = ws.file(`${what.replaceAll(' ', '-')}.csv`, text);
      expect(() => readPosterior(file)).toThrow(PosteriorError);
      expect(() => readPosterior(file)).toThrow(message);
    });
  }

  it('a missing file', () => {
    expect(() => readPosterior(ws.file('x', '') + '-none.csv')).toThrow(/-none\.csv: expected a posterior\.csv file \(written by clusterlab calibrate\), found no such file/);
  });
});

describe('drawPosterior (systematic resampling)', () => {
  const posterior = { particles: [[1], [2], [3], [4]], weights: [0.5, 0, 0.3, 0.2], ids: [7, 8, 9, 10] };

  it('draws each particle ⌊K·w⌋ or ⌈K·w⌉ times, never one of weight 0', () => {
    for (const key of ['a', 'b', 'c', 'd']) {
      const draws = drawPosterior(posterior, 10, key);
      const count = (id: number) => draws.filter((d) => d.particle === id).length;
      expect([count(7), count(8), count(9), count(10)]).toEqual([5, 0, 3, 2]);
    }
    const seven = drawPosterior(posterior, 7, 'e');
    const n7 = seven.filter((d) => d.particle === 7).length;
    expect(n7 === 3 || n7 === 4).toBe(true);
    expect(seven.every((d) => d.particle !== 8)).toBe(true);
    expect(seven.map((d) => d.values[0])).toEqual(seven.map((d) => d.index + 1));
  });

  it('the same key gives the same draws; another key may not', () => {
    const many = { particles: Array.from({ length: 50 }, (_, i) => [i]), weights: new Array(50).fill(0.02), ids: Array.from({ length: 50 }, (_, i) => i) };
    expect(drawPosterior(many, 7, 'k')).toEqual(drawPosterior(many, 7, 'k'));
    const lists = ['k', 'l', 'm', 'n', 'o'].map((key) => drawPosterior(many, 7, key).map((d) => d.particle).join(','));
    expect(new Set(lists).size).toBeGreaterThan(1);
  });
});
