// The schema of `mechanisms.upgrading`: functional upgrading (up the value chain: design, brand,
// services) and inter-sectoral upgrading (into a related segment of another industry), seed 003's
// third and fourth kinds. Both are off by default. docs/ODD.md §7.20.
import { z } from 'zod';
import { nonNegative, positive, probability, enabled } from './units.ts';

/** Three numbers, one per step up the value chain (into design, brand, services). */
const perStep = (unit: z.ZodNumber, values: [number, number, number]) => z.array(unit).length(3).default(values);

const functionalSchema = z
  .object({
    enabled: enabled(false),
    initial: z.number().int().min(0).max(3).default(0)
      .describe('Function of the initial firms and of every new firm (0 assembly, 1 design, 2 brand, 3 services).'),
    rate: probability.default(0.2).describe('Probability per year that a firm eligible for its next step takes it.'),
    reference: z.enum(['frontier', 'segment']).default('frontier')
      .describe('What capability is measured against: the world technology frontier (the lead firms of the global value chain) or the mean capability of the firm\'s segment (its rank among competitors).'),
    threshold: perStep(positive, [1, 1.3, 1.6])
      .describe('Capability relative to the reference needed for the step into design, brand, services.'),
    minRd: perStep(probability, [0, 0.04, 0.06]).describe('R&D intensity needed for each step.'),
    cost: perStep(nonNegative, [0.5, 1, 1.5])
      .describe('One-off cost of each step per employee, paid from cash (the firm needs that much cash).'),
    valueAdded: z
      .array(positive)
      .length(4)
      .default([1, 1.15, 1.3, 1.45])
      .describe('Value added per unit of output of each function, as a multiple of assembly\'s (the smile curve).'),
    overhead: z.array(nonNegative).length(4).default([0, 0.05, 0.1, 0.15])
      .describe('Overhead of each function per employee per year (design team, brand, service network).'),
  })
  .strict();

const intersectoralSchema = z
  .object({
    enabled: enabled(false),
    rate: nonNegative.default(0.2).describe('Base rate per year of a move into the related segment across the industry border.'),
    threshold: positive.default(1).describe('Capability relative to the segment mean that a firm needs to move.'),
    maxDistance: z.number().int().min(1).default(1)
      .describe('Only firms within this ring distance of the border move (the target is related).'),
    relatedWeight: nonNegative.default(4)
      .describe('λ rises with the region\'s employment share in and next to the target segment: × (1 + w·share).'),
    cost: nonNegative.default(2).describe('One-off cost per employee, paid from cash (the firm needs that much cash).'),
    retained: probability.default(0.9).describe('Share of capability that carries over into the new industry.'),
  })
  .strict();

/** Upgrading (seed 003): functional (up the value chain) and inter-sectoral (into a related industry). */
export const upgradingSchema = z
  .object({
    functional: functionalSchema.prefault({}).describe('Functional upgrading: steps up the value chain from assembly to design, brand, services.'),
    intersectoral: intersectoralSchema.prefault({})
      .describe('Inter-sectoral upgrading: moves into a related segment of another industry (needs segments.industries).'),
  })
  .strict();
