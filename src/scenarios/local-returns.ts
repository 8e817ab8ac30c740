// The schema of `mechanisms.localReturns`: Marshall's local increasing returns (labour pooling,
// shared specialised suppliers, knowledge spillover from many and varied local sources, and
// founding rates that rise with local related activity). Every channel's strength defaults to 0,
// and `enabled` to false: the classic scenarios stay as they were. docs/ODD.md §7.19.
import { z } from 'zod';
import { count, nonNegative, positive, probability, enabled } from './units.ts';

export const localReturnsSchema = z
  .object({
    enabled: enabled(false),
    relatedDistance: count.default(1)
      .describe('Ring distance within which another firm counts as related (same skills, suppliers, ideas).'),
    halfEmployment: positive.default(100)
      .describe('E½: related employment of the other local firms at which a firm has half the maximal advantage.'),
    labourPooling: nonNegative.default(0)
      .describe('Labour pooling: output per employee × (1 + labourPooling·φ), φ = E/(E + E½).'),
    sharedSuppliers: probability.default(0)
      .describe('Shared specialised suppliers: land and fixed costs × (1 − sharedSuppliers·φ).'),
    knowledge: nonNegative.default(0)
      .describe('Knowledge spillover: relative capability gain per year, κ·A·ψ·(1 + diversityWeight·H).'),
    halfSources: positive.default(10)
      .describe('n½: other related local firms at which the knowledge gain is half its maximum (ψ = n/(n + n½)).'),
    diversityWeight: nonNegative.default(0).describe('Weight of the diversity H (0..1) of the related local sources (Jacobs).'),
    founding: nonNegative.default(0).describe('Spin-off probability × (1 + founding·φ): founders among many related firms.'),
    localEntry: nonNegative.default(0)
      .describe('Local startups per year per employee exposed to related activity (Σ e·φ of the region).'),
  })
  .strict();

export type LocalReturns = z.infer<typeof localReturnsSchema>;
