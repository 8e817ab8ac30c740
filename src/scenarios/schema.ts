// The scenario schema: one zod schema for every file a user writes. Parsing fills in the
// documented defaults, so the engine only ever sees a complete, validated `Scenario`.
// Rates are per year; the engine converts them with `ticksPerYear`. docs/SCENARIOS.md mirrors this.
import { z } from 'zod';
import { FIRM_KINDS, FIRM_ROLES } from '../engine/firms.ts';
import { mechanismsSchema } from './mechanisms.ts';
import { promotionOrgSchema, tiesOutputSchema } from './networks.ts';
import { leverSchema } from './levers.ts';
import { targetSchema } from './targets.ts';
import { count, intRange, nonNegative, positive, probability, range } from './units.ts';


/** World demand of a segment over its product life cycle (per year, in capability·employees). */
export const demandCurveSchema = z
  .object({
    /** Demand that is always there. */
    base: nonNegative.default(0),
    /** Demand added by the life cycle at its height. */
    peak: nonNegative.default(1000),
    /** Year at which the rising (logistic) part is half-way. */
    midYear: z.number().default(10),
    /** Logistic growth rate of the rising part, per year. */
    growth: positive.default(0.4),
    /** Year from which the life-cycle part decays exponentially; null: never. */
    declineYear: z.number().nullable().default(null),
    /** Exponential decay rate after `declineYear`, per year. */
    declineRate: nonNegative.default(0.1),
  })
  .strict();
export type DemandCurve = z.infer<typeof demandCurveSchema>;

/** A per-segment override: only the fields given replace those of `segments.demand`. */
const segmentDemandSchema = z
  .object({
    segment: count,
    base: nonNegative.optional(),
    peak: nonNegative.optional(),
    midYear: z.number().optional(),
    growth: positive.optional(),
    declineYear: z.number().nullable().optional(),
    declineRate: nonNegative.optional(),
  })
  .strict();

const segmentsSchema = z
  .object({
    /** Number of segments on the technology ring. */
    count: z.number().int().min(1).max(256).default(12),
    /** Demand curve of every segment, unless `perSegment` overrides it. */
    demand: demandCurveSchema.prefault({}),
    /** Per-segment overrides of the demand curve. */
    perSegment: z.array(segmentDemandSchema).default([]),
    /** Supply from outside the modelled regions, per segment (capability·employees per year). */
    outsideSupply: nonNegative.default(0),
    /** Industries as consecutive blocks of segments on the ring, by their sizes (summing to
     *  `count`), starting at segment 0; omitted: the whole ring is one industry. */
    industries: z.array(z.number().int().min(1)).min(1).optional(),
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
    name: z.string().min(1),
    /** Position in km (ignored when `distances` is given). */
    x: z.number().default(0),
    y: z.number().default(0),
    /** Administrative unit for barriers; defaults to the region's own name. */
    province: z.string().min(1).optional(),
    /** Base wage per employee per year (before labour-market tightness). */
    wage: positive.default(1),
    /** Land cost per employee per year. */
    landCost: nonNegative.default(0),
    /** Skilled-labour pool (workers). */
    labourPool: positive.default(1e6),
    /** Growth of the labour pool, per year. */
    labourGrowth: z.number().default(0),
    /** Intrinsic amenity (attracts entrants in the logit choice). */
    amenity: z.number().default(0),
    /** Openness to outside knowledge (0..1): weight of the world frontier in learning. */
    openness: probability.default(0),
    /** Entrepreneurial culture: multiplies spin-off probabilities. */
    culture: nonNegative.default(1),
    /** Entry incentive offered by the region (used by the logit choice's subsidy term). */
    entryIncentive: nonNegative.default(0),
    /** Skill of the labour pool: multiplies the capability of entrants; migrants carry it. */
    skill: positive.default(1),
  })
  .strict();
export type RegionSpec = z.infer<typeof regionSchema>;

const researchOrgSchema = z
  .object({
    region: z.string().min(1),
    /** Research capacity (university-equivalents). */
    capacity: positive.default(1),
    /** Knowledge level, on the same scale as firm capability. */
    knowledge: positive.default(1),
    /** Growth of the knowledge level, per year. */
    knowledgeGrowth: z.number().default(0.02),
    /** Segments the organisation works on (academic spin-offs are founded there); empty: all. */
    segments: z.array(count).default([]),
  })
  .strict();

const initialFirmSchema = z
  .object({
    region: z.string().min(1),
    segment: count,
    count: z.number().int().min(1).default(1),
    capability: positive.default(1),
    employees: z.number().min(1).default(5),
    cash: z.number().default(0),
    rd: probability.default(0.05),
    kind: z.enum(FIRM_KINDS).default('startup'),
    role: z.enum(FIRM_ROLES).default('independent'),
    champion: z.boolean().default(false),
  })
  .strict();

const generateFirmsSchema = z
  .object({
    count: count,
    /** Region weights by name; omitted: uniform over regions. */
    regionWeights: z.record(z.string(), nonNegative).optional(),
    capability: range(0.5, 1.5),
    employees: intRange(1, 10),
    rd: range(0.05, 0.05),
    cash: z.number().default(0),
  })
  .strict();

const firmsSchema = z
  .object({
    initial: z.array(initialFirmSchema).default([]),
    generate: generateFirmsSchema.optional(),
  })
  .strict();

const barrierPairSchema = z
  .object({ a: z.string().min(1), b: z.string().min(1), friction: probability })
  .strict();

const barriersSchema = z
  .object({
    /** Friction between any two different provinces (0: integrated, 1: closed). */
    between: probability.default(0),
    /** Friction for named pairs of provinces, overriding `between`. */
    pairs: z.array(barrierPairSchema).default([]),
  })
  .strict();

const stageSchema = z
  .object({
    /** Window over which growth is measured, years. */
    windowYears: positive.default(3),
    /** Annual growth above which a cluster is growing. */
    growthHigh: z.number().default(0.04),
    /** Annual growth below which growth has stopped; below its negative, decline. */
    growthLow: z.number().default(0.01),
    /** Rise of diversity (0..1 scale) per year that counts as new variety, for renewal. */
    diversityRise: nonNegative.default(0.005),
    /** A new stage must be indicated this long before it is declared (hysteresis), years. */
    persistenceYears: nonNegative.default(1),
    /**
     * A declared stage holds at least this long, years (0: no minimum). Stages are phases of
     * years to decades (Menzel & Fornahl 2010); the default equals the default window.
     */
    minSpellYears: nonNegative.default(3),
    /**
     * Renewal needs diversity above the highest of the window in which decline was declared by
     * more than this (0..1 scale): new variety, not the old mix restored.
     */
    renewalMargin: nonNegative.default(0.02),
    /** A segment with less than this share of a region's employment at every tick where its decline was declared is new. */
    newSegmentBelow: probability.default(0.05),
    /** Renewal also when more than this share of employment is in new segments (1: only through diversity). */
    newSegmentShare: probability.default(0.25),
  })
  .strict()
  .refine((s) => s.growthLow <= s.growthHigh, { message: 'expected growthLow ≤ growthHigh', path: ['growthLow'] });

const outputSchema = z
  .object({
    /** Record firm events (entry, spin-off, exit) for events.csv. */
    events: z.boolean().default(true),
    /** Record every firm that ever lived for firms.csv. */
    firms: z.boolean().default(true),
    /** When to write the tie edge list ties.csv (never by default). */
    ties: tiesOutputSchema.prefault({}),
  })
  .strict();

/** The body of a scenario: everything a variant may overlay. */
export const scenarioBodySchema = z
  .object({
    name: z.string().min(1).default('scenario'),
    description: z.string().default(''),
    ticks: z.number().int().min(1).default(200),
    ticksPerYear: z.number().int().min(1).default(4),
    seed: z.number().int().default(1),
    segments: segmentsSchema.prefault({}),
    regions: z.array(regionSchema).min(1),
    distances: z.array(z.array(nonNegative)).optional(),
    barriers: barriersSchema.prefault({}),
    researchOrgs: z.array(researchOrgSchema).default([]),
    promotionOrgs: z.array(promotionOrgSchema).default([]),
    levers: z.array(leverSchema).default([]),
    firms: firmsSchema.prefault({}),
    mechanisms: mechanismsSchema.prefault({}),
    stage: stageSchema.prefault({}),
    output: outputSchema.prefault({}),
  })
  .strict();

const variantSchema = z
  .object({
    description: z.string().default(''),
    /** Values by dotted path, e.g. `mechanisms.spinoffs.rate: 0.05` or `regions.0.wage: 2`. */
    set: z.record(z.string(), z.unknown()).default({}),
    /** A partial scenario merged onto the base (objects merge, arrays replace). */
    overlay: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export const scenarioSchema = scenarioBodySchema
  .extend({
    /** Another scenario file (relative path) or bundled name that this one starts from. */
    extends: z.string().optional(),
    /** Calibration targets (targets.ts): what was observed; `clusterlab check` runs the seeds against them. */
    expect: z.array(targetSchema).optional(),
    variants: z.record(z.string(), variantSchema).default({}),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Variant = z.infer<typeof variantSchema>;
export type Mechanisms = Scenario['mechanisms'];
