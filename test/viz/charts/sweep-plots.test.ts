// Sweep charts' helpers (viz/src/charts/sweep-plots.ts).
import { describe, expect, it } from 'vitest';
import { shortNames } from '../../../viz/src/charts/sweep-plots.ts';

describe('sweep parameter names', () => {
  it('shortens paths to their last segment, or two where the last is shared', () => {
    expect(shortNames(['mechanisms.spinoffs.rate', 'mechanisms.entry.rate', 'mechanisms.learning.spillover'])).toEqual(['spinoffs.rate', 'entry.rate', 'spillover']);
  });
});
