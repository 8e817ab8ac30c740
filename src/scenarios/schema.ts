// The scenario schema: one zod schema for every file a user writes. Parsing fills in the
// documented defaults, so the engine only ever sees a complete, validated `Scenario`.
// Rates are per year; the engine converts them with `ticksPerYear`. docs/SCENARIOS.md mirrors this.
import { z } from 'zod';
import { FIRM_KINDS, FIRM_ROLES } from '../engine/firms.ts';
import { mechanismsSchema } from './mechanisms.ts';
import { promotionOrgSchema, tiesOutputSchema } from './networks.ts';
import { leverSchema } from './levers.ts';
import { targetSchema } from './targets.ts';
import { CONTROL_CHARACTERS, count, intRange, label, nonNegative, positive, probability, range } from './units.ts';
import { LIMITS } from './limits.ts';


/** World demand of a segment over its product life cycle (per year, in capability·employees). */
export const demandCurveSchema = z
  .object({
    base: nonNegative.default(0).describe('Demand that is always there.'),
    peak: nonNegative.default(1000).describe('Demand added by the life cycle at its height.'),
    midYear: z.number().default(10).describe('Year at which the rising (logistic) part is half-way.'),
    growth: positive.default(0.4).describe('Logistic growth rate of the rising part, per year.'),
    declineYear: z.number().nullable().default(null)
      .describe('Year from which the life-cycle part decays exponentially; null: never.'),
    declineRate: nonNegative.default(0.1).describe('Exponential decay rate after `declineYear`, per year.'),
  })
  .strict();
export type DemandCurve = z.infer<typeof demandCurveSchema>;

/** A per-segment override: only the fields given replace those of `segments.demand`. */
const segmentDemandSchema = z
  .object({
    segment: count.describe('The segment (0..segments.count − 1) whose demand curve this overrides.'),
    base: nonNegative.optional().describe('Demand that is always there (default: segments.demand.base).'),
    peak: nonNegative.optional().describe('Demand added by the life cycle at its height (default: segments.demand.peak).'),
    midYear: z.number().optional().describe('Year at which the rising part is half-way (default: segments.demand.midYear).'),
    growth: positive.optional().describe('Logistic growth rate of the rising part, per year (default: segments.demand.growth).'),
    declineYear: z.number().nullable().optional()
      .describe('Year from which the life-cycle part decays; null: never (default: segments.demand.declineYear).'),
    declineRate: nonNegative.optional().describe('Decay rate after declineYear, per year (default: segments.demand.declineRate).'),
  })
  .strict();

const segmentsSchema = z
  .object({
    count: z.number().int().min(1).max(LIMITS.segments).default(12).describe(`Number of segments on the technology ring (at most ${LIMITS.segments}).`),
    demand: demandCurveSchema.prefault({})
      .describe('World demand of every segment over its life cycle, per year in capability·employees, unless `perSegment` overrides it.'),
    perSegment: z.array(segmentDemandSchema).default([]).describe('Per-segment overrides of the demand curve.'),
    outsideSupply: nonNegative.default(0)
      .describe('Supply from outside the modelled regions, per segment (capability·employees per year).'),
    industries: z.array(z.number().int().min(1)).min(1).optional()
      .describe('Industries as consecutive blocks of segments on the ring, by their sizes (summing to `count`), starting at segment 0; omitted: the whole ring is one industry.'),
  })
  .strict()
  .superRefine((s, ctx) => {
    const sizes = s.industries;
    if (sizes === undefined || sizes.reduce((a, b) => a + b, 0) === s.count) return;
    ctx.addIssue({
      code: 'custom', path: ['industries'], input: sizes,
      message: `expected industry sizes that sum to segments.count (${s.count})`,
    });
  });

const regionSchema = z
  .object({
    name: label.describe('The region\'s name, unique; levers, firms, targets and outputs refer to it.'),
    x: z.number().default(0).describe('East–west position in km (ignored when `distances` is given).'),
    y: z.number().default(0).describe('North–south position in km (ignored when `distances` is given).'),
    province: label.optional().describe('Administrative unit for barriers; defaults to the region\'s own name.'),
    wage: positive.default(1).describe('Base wage per employee per year (before labour-market tightness).'),
    landCost: nonNegative.default(0).describe('Land cost per employee per year.'),
    labourPool: positive.default(1e6).describe('Skilled-labour pool (workers).'),
    labourGrowth: z.number().default(0).describe('Growth of the labour pool, per year.'),
    amenity: z.number().default(0).describe('Intrinsic amenity (attracts entrants in the logit choice).'),
    openness: probability.default(0).describe('Openness to outside knowledge (0..1): weight of the world frontier in learning.'),
    culture: nonNegative.default(1).describe('Entrepreneurial culture: multiplies spin-off probabilities.'),
    entryIncentive: nonNegative.default(0)
      .describe('Entry incentive offered by the region (used by the logit choice\'s subsidy term).'),
    skill: positive.default(1).describe('Skill of the labour pool: multiplies the capability of entrants; migrants carry it.'),
  })
  .strict();
export type RegionSpec = z.infer<typeof regionSchema>;

const researchOrgSchema = z
  .object({
    region: z.string().min(1).describe('The region (by name) where the organisation is.'),
    capacity: positive.default(1).describe('Research capacity (university-equivalents).'),
    knowledge: positive.default(1).describe('Knowledge level, on the same scale as firm capability.'),
    knowledgeGrowth: z.number().default(0.02).describe('Growth of the knowledge level, per year.'),
    segments: z.array(count).default([])
      .describe('Segments the organisation works on (academic spin-offs are founded there); empty: all.'),
  })
  .strict();

const initialFirmSchema = z
  .object({
    region: z.string().min(1).describe('The region (by name) where the firms are.'),
    segment: count.describe('Position on the technology ring: a segment 0..segments.count − 1.'),
    count: z.number().int().min(1).max(LIMITS.firms).default(1).describe('How many such identical firms.'),
    capability: positive.default(1).describe('Capability (productivity; 1 is the typical entrant).'),
    employees: z.number().min(1).default(5).describe('Employees of each firm.'),
    cash: z.number().default(0).describe('Cash of each firm (money).'),
    rd: probability.default(0.05).describe('R&D intensity: share of revenue spent on R&D (0..1).'),
    kind: z.enum(FIRM_KINDS).default('startup').describe('How the firm came about; recorded in the outputs.'),
    role: z.enum(FIRM_ROLES).default('independent')
      .describe('Role in the supply chain: a designated leader, a supplier, or independent.'),
    champion: z.boolean().default(false).describe('A specialised "hidden champion" SME (recorded; no mechanism reads it yet).'),
  })
  .strict();

const generateFirmsSchema = z
  .object({
    count: count.max(LIMITS.firms).describe(`Number of firms drawn at random (stream \`init\`; at most ${LIMITS.firms.toLocaleString('en')} with the explicit ones).`),
    regionWeights: z.record(z.string(), nonNegative).optional()
      .describe('Region weights by name; omitted: uniform over regions.'),
    capability: range(0.5, 1.5).describe('Capability, drawn uniformly from [min, max].'),
    employees: intRange(1, 10).describe('Employees, uniform integers from min to max.'),
    rd: range(0.05, 0.05).describe('R&D intensity (share of revenue), drawn uniformly from [min, max].'),
    cash: z.number().default(0).describe('Cash of every generated firm.'),
  })
  .strict();

const firmsSchema = z
  .object({
    initial: z.array(initialFirmSchema).default([])
      .describe('Explicit firms, placed first in file order; each item places `count` identical firms.'),
    generate: generateFirmsSchema.optional().describe('Random firms, placed after the explicit ones.'),
  })
  .strict();

const barrierPairSchema = z
  .object({
    a: z.string().min(1).describe('A province (or a region without `province`).'),
    b: z.string().min(1).describe('The other province (either order).'),
    friction: probability.describe('Friction between the two (0: integrated, 1: closed).'),
  })
  .strict();

const barriersSchema = z
  .object({
    between: probability.default(0).describe('Friction between any two different provinces (0: integrated, 1: closed).'),
    pairs: z.array(barrierPairSchema).default([]).describe('Friction for named pairs of provinces, overriding `between`.'),
  })
  .strict();

const stageSchema = z
  .object({
    windowYears: positive.default(3).describe('Window over which growth is measured, years.'),
    growthHigh: z.number().default(0.04).describe('Annual growth above which a cluster is growing.'),
    growthLow: z.number().default(0.01).describe('Annual growth below which growth has stopped; below its negative, decline.'),
    diversityRise: nonNegative.default(0.005)
      .describe('Rise of diversity (0..1 scale) per year that counts as new variety, for renewal.'),
    persistenceYears: nonNegative.default(1)
      .describe('A new stage must be indicated this long before it is declared (hysteresis), years.'),
    minSpellYears: nonNegative.default(3)
      .describe('A declared stage holds at least this long, years (0: no minimum). Stages are phases of years to decades (Menzel & Fornahl 2010); the default equals the default window.'),
    renewalMargin: nonNegative.default(0.02)
      .describe('Renewal needs diversity above the highest of the window in which decline was declared by more than this (0..1 scale): new variety, not the old mix restored.'),
    newSegmentBelow: probability.default(0.05)
      .describe('A segment with less than this share of a region\'s employment at every tick where its decline was declared is new.'),
    newSegmentShare: probability.default(0.25)
      .describe('Renewal also when more than this share of employment is in new segments (1: only through diversity).'),
  })
  .strict()
  .refine((s) => s.growthLow <= s.growthHigh, { message: 'expected growthLow ≤ growthHigh', path: ['growthLow'] });

const outputSchema = z
  .object({
    events: z.boolean().default(true).describe('Record firm events (entry, spin-off, exit) for events.csv.'),
    firms: z.boolean().default(true).describe('Record every firm that ever lived for firms.csv.'),
    ties: tiesOutputSchema.prefault({}).describe('When to write the tie edge list ties.csv (never by default).'),
  })
  .strict();

/** The body of a scenario: everything a variant may overlay. */
export const scenarioBodySchema = z
  .object({
    name: label.default('scenario').describe('A name for people (outputs are named after the file).'),
    description: z.string().default('').describe('One line shown by `clusterlab list` for bundled scenarios.'),
    ticks: z.number().int().min(1).max(LIMITS.ticks).default(200).describe(`Number of ticks to run (\`--ticks\` overrides; at most ${LIMITS.ticks.toLocaleString('en')}).`),
    ticksPerYear: z.number().int().min(1).default(4).describe('Ticks per year (4: one tick is a quarter). Rates are per year.'),
    seed: z.number().int().default(1).describe('Random seed (`--seed` overrides).'),
    segments: segmentsSchema.prefault({}).describe('The technology ring of segments and its world demand.'),
    regions: z.array(regionSchema).min(1).max(LIMITS.regions).describe('The regions (at least one; at most 65,535).'),
    distances: z.array(z.array(nonNegative)).optional()
      .describe('Distance matrix in km, R × R in region order, symmetric with a zero diagonal; replaces the positions.'),
    barriers: barriersSchema.prefault({}).describe('Administrative friction between provinces (default: none).'),
    researchOrgs: z.array(researchOrgSchema).max(LIMITS.researchOrgs).default([]).describe('Universities and research institutes.'),
    promotionOrgs: z.array(promotionOrgSchema).max(LIMITS.promotionOrgs).default([])
      .describe('Cluster promotion organisations ("network weavers"): members tie and trust more easily.'),
    levers: z.array(leverSchema).max(LIMITS.levers).default([])
      .describe('Policy levers with targets, triggers, intensities and budgets (`clusterlab list` shows the levers).'),
    firms: firmsSchema.prefault({}).describe('The initial firms: explicit and/or generated (default: none).'),
    mechanisms: mechanismsSchema.prefault({})
      .describe('Parameters of every process, one section each with an `enabled` switch (ODD.md §7).'),
    stage: stageSchema.prefault({}).describe('The lifecycle-stage classifier (formation, growth, maturity, decline, renewal).'),
    output: outputSchema.prefault({}).describe('What to record for events.csv and firms.csv, and when to write ties.csv.'),
  })
  .strict();

const variantSchema = z
  .object({
    description: z.string().default('').describe('What the variant changes, for people and reports.'),
    set: z.record(z.string(), z.unknown()).default({})
      .describe('Values by dotted path, e.g. `mechanisms.spinoffs.rate: 0.05` or `regions.0.wage: 2`.'),
    overlay: z.record(z.string(), z.unknown()).default({})
      .describe('A partial scenario merged onto the base (objects merge, arrays replace).'),
  })
  .strict();

export const scenarioSchema = scenarioBodySchema
  .extend({
    extends: z.string().optional().describe('Another scenario file (relative path) or bundled name that this one starts from.'),
    expect: z.array(targetSchema).optional()
      .describe('Calibration targets: what was observed (docs/SCENARIOS.md#targets); `clusterlab check` runs the seeds against them.'),
    variants: z.record(z.string(), variantSchema).default({})
      .describe('Named changes to the scenario, run by `--variant`, `batch --variants` and `compare`.'),
  })
  .strict()
  .superRefine((s, ctx) => {
    // Limits that span fields (src/scenarios/limits.ts).
    for (const name of Object.keys(s.variants)) {
      if (CONTROL_CHARACTERS.test(name)) {
        ctx.addIssue({ code: 'custom', path: ['variants', name], input: name, message: 'expected a variant name without control characters (escape sequences, line breaks, tabs)' });
      }
    }
    const variants = Object.keys(s.variants).length;
    if (variants > LIMITS.variants) {
      ctx.addIssue({ code: 'custom', path: ['variants'], input: variants, message: `expected at most ${LIMITS.variants} variants` });
    }
    const firms = s.firms.initial.reduce((sum, f) => sum + f.count, 0) + (s.firms.generate?.count ?? 0);
    if (firms > LIMITS.firms) {
      ctx.addIssue({ code: 'custom', path: ['firms'], input: firms, message: `expected at most ${LIMITS.firms.toLocaleString('en')} initial firms (explicit and generated together)` });
    }
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Variant = z.infer<typeof variantSchema>;
export type Mechanisms = Scenario['mechanisms'];
