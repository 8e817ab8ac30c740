// The progress display: a line per 10 % off a terminal, a throttled bar on one, nothing when quiet.
import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration } from '../../src/cli/progress.ts';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('progress', () => {
  it('not a terminal: one line per 10 %, with runs per second', () => {
    const c = clock();
    let text = '';
    const p = createProgress({ label: 'batch', write: (s) => (text += s), tty: false, now: c.now });
    p.update(0, 0, 1000);
    for (let done = 1; done <= 1000; done++) {
      c.advance(10);
      p.update(done, 0, 1000);
    }
    p.finish();
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[3]).toBe('batch: 40 % (400/1000 runs, 100.0 runs/s)');
    expect(lines[9]).toBe('batch: 100 % (1000/1000 runs, 100.0 runs/s)');
  });

  it('resumed: no line for what was already on disk; the rate counts this session only', () => {
    const c = clock();
    let text = '';
    const p = createProgress({ label: 'sweep', write: (s) => (text += s), tty: false, now: c.now });
    p.update(45, 0, 100);
    c.advance(1000);
    p.update(49, 1, 100);
    expect(text).toBe('sweep: 50 % (50/100 runs, 1 failed, 5.0 runs/s)\n');
  });

  it('terminal: redraws in place at most 10 times a second, ends the line', () => {
    const c = clock();
    let text = '';
    const p = createProgress({ label: 'batch', write: (s) => (text += s), tty: true, now: c.now, width: 10 });
    p.update(0, 0, 100);
    for (let done = 1; done <= 100; done++) {
      c.advance(20); // 50 results a second
      p.update(done, 0, 100);
    }
    p.finish();
    const draws = text.split('\r').filter((s) => s !== '');
    expect(draws.length).toBeLessThanOrEqual(2 + Math.ceil((100 * 20) / 100));
    expect(draws.length).toBeGreaterThan(10);
    expect(draws.at(-1)).toBe('batch [##########] 100/100 runs  50.0 runs/s  ETA 0 s\x1b[K\n');
    expect(draws[5]).toMatch(/^batch \[#*\.*\] \d+\/100 runs {2}50\.0 runs\/s {2}ETA \d+ s\x1b\[K$/);
  });

  it('quiet: nothing', () => {
    let text = '';
    const p = createProgress({ label: 'batch', write: (s) => (text += s), tty: true, quiet: true });
    p.update(5, 0, 10);
    p.update(10, 0, 10);
    p.finish();
    expect(text).toBe('');
  });

  it('formats durations', () => {
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(125)).toBe('2 min 05 s');
    expect(formatDuration(7322)).toBe('2 h 02 min');
    expect(formatDuration(NaN)).toBe('?');
  });
});
