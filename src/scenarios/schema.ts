// The scenario schema: one zod schema for every file a user writes. Parsing fills in the
// documented defaults, so the engine only ever sees a complete, validated `Scenario`.
// Rates are per year; the engine converts them with `ticksPerYear`. docs/SCENARIOS.md mirrors this.
import { z } from 'zod';
import { FIRM_KINDS, FIRM_ROLES } from '../engine/firms.ts';

const nonNegative = z.number().min(0);
const positive = z.number().gt(0);
const probability = z.number().min(0).max(1);
const count = z.number().int().min(0);

const range = (min: number, max: number) =>
  z
    .object({ min: z.number(), max: z.number() })
    .strict()
    .refine((r) => r.min <= r.max, { message: 'expected min ≤ max' })
    .default({ min, max });

const intRange = (min: number, max: number) =>
  z
    .object({ min: z.number().int(), max: z.number().int() })
    .strict()
    .refine((r) => r.min <= r.max, { message: 'expected min ≤ max' })
    .default({ min, max });

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
  })
  .strict();

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

const marketSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** p0: price when demand equals supply. */
    priceScale: positive.default(1),
    /** ε: price elasticity of demand, p = p0·(D/Q)^(1/ε). */
    elasticity: positive.default(2),
    /** Fixed cost per firm per year. */
    fixedCost: nonNegative.default(0),
    /** Share of positive cash paid out to owners per year (without it, cash grows without bound). */
    payout: probability.default(0.3),
  })
  .strict();

const cognitiveSchema = z
  .object({
    /** ν: novelty of a same-segment source relative to one ring step. */
    novelty: nonNegative.default(0.5),
    /** θ: ring distance over which understanding decays; the weight peaks at d = θ − ν. */
    reach: positive.default(1.5),
    /** Sources farther than this on the ring teach nothing. */
    maxDistance: count.default(3),
    /** Explicit weights by ring distance 0, 1, 2, … (replaces the inverted U when given). */
    weights: z.array(nonNegative).optional(),
  })
  .strict();

const learningSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Own R&D: relative capability gain per year per unit of R&D intensity. */
    rdEfficiency: nonNegative.default(0.1),
    /** Rate per year at which a firm closes the gap to its accessible knowledge pool. */
    spillover: nonNegative.default(0.05),
    /** δ: distance decay of spillover between regions, km; 0: only the own region. */
    distanceDecayKm: nonNegative.default(50),
    cognitive: cognitiveSchema.prefault({}),
    /** Absorptive capacity A = base·(1 + rdWeight·rd)·(c/c̄)^capabilityElasticity. */
    absorptive: z
      .object({
        base: nonNegative.default(1),
        rdWeight: nonNegative.default(0),
        capabilityElasticity: z.number().default(0),
      })
      .strict()
      .prefault({}),
    /** Rate per year of learning from the region's research organisations, per unit capacity. */
    research: nonNegative.default(0),
    /** Rate per year of learning from the world frontier, times the region's openness. */
    frontier: nonNegative.default(0),
    /** The world technology frontier: initial level and growth per year. */
    frontierLevel: positive.default(1.5),
    frontierGrowth: z.number().default(0.01),
  })
  .strict();

const innovationSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Base innovation rate per firm per year. */
    rate: nonNegative.default(0.05),
    /** λ = rate·(1 + rdWeight·rd)·(c/c̄)^capabilityElasticity·(1 + inflowWeight·inflow). */
    rdWeight: nonNegative.default(20),
    capabilityElasticity: z.number().default(0.5),
    inflowWeight: nonNegative.default(10),
    /** Shares of the three kinds (normalised). */
    shares: z
      .object({ process: nonNegative.default(0.6), product: nonNegative.default(0.25), recombination: nonNegative.default(0.15) })
      .strict()
      .prefault({}),
    /** Relative capability jump of a process innovation. */
    processJump: nonNegative.default(0.1),
    /** Relative capability jump of a product innovation (with the move to a growing segment). */
    productJump: nonNegative.default(0.05),
    /** Recombination partners must be this far apart on the ring (inclusive). */
    recombinationDistance: intRange(1, 3),
    /** Novelty bonus of a recombination over the better parent's capability. */
    recombinationBonus: nonNegative.default(0.15),
    imitation: z
      .object({
        enabled: z.boolean().default(true),
        /** Probability per year that a firm below the regional mean profit margin imitates. */
        rate: probability.default(0.1),
        /** Share of the capability gap to the regional best that an imitator closes. */
        gain: probability.default(0.3),
      })
      .strict()
      .prefault({}),
  })
  .strict();

const growthSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** g: employment growth per year at a very high margin (tanh saturates). */
    rate: nonNegative.default(0.3),
    /** σ: Gibrat noise of log employment, per √year. */
    noise: nonNegative.default(0.05),
    /** Profit per employee per year that counts as a high margin. */
    profitScale: positive.default(0.5),
    minEmployees: positive.default(1),
    /** Hiring limited by the region's labour pool. */
    labourLimit: z.boolean().default(true),
    /** Wage = base·(1 + κ·τ^η), τ = employed / pool: congestion. */
    wageElasticity: nonNegative.default(0.5),
    wageCurvature: positive.default(2),
  })
  .strict();

const spinoffsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Annual probability for a firm of reference size and mean capability. */
    rate: probability.default(0.02),
    sizeRef: positive.default(10),
    sizeElasticity: z.number().default(0.5),
    capabilityElasticity: z.number().default(1),
    /** Employees who leave with the founder. */
    founders: intRange(1, 3),
    /** Child capability = parent's · (heredity + noise·U(−1, 1)). */
    heredity: nonNegative.default(1),
    noise: nonNegative.default(0.1),
    /** Probability that the child starts in a neighbouring segment (either side, equally). */
    segmentShift: probability.default(0.3),
    /** Probability that the child locates by the entry choice instead of in the parent's region. */
    relocate: probability.default(0),
    academic: z
      .object({
        /** Academic spin-offs per year per unit of research capacity. */
        rate: nonNegative.default(0),
        /** Capability = organisation's knowledge · U(1 − noise, 1 + noise). */
        noise: nonNegative.default(0.2),
        employees: intRange(1, 3),
      })
      .strict()
      .prefault({}),
  })
  .strict();

const entrySchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Expected entrants per year. */
    rate: nonNegative.default(2),
    /** Entry rises with the relative growth of total demand: λ·(1 + w·max(0, growth per year)). */
    demandGrowthWeight: nonNegative.default(0),
    /** How entrants choose a segment: uniformly or in proportion to demand. */
    segmentChoice: z.enum(['uniform', 'demand']).default('demand'),
    /** How entrants choose a region. */
    choice: z.enum(['logit', 'proportional']).default('logit'),
    /** Arthur's rule: P(r) ∝ a_r + b·n_r^γ, n_r = firms in r. */
    proportional: z
      .object({
        a: z.union([nonNegative, z.array(nonNegative)]).default(1),
        b: nonNegative.default(1),
        gamma: nonNegative.default(1),
        /** Update n_r after each entrant (a Pólya urn) rather than once per tick. */
        sequential: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    /** U_r = β·(log(1+related), knowledge, labour, −cost, subsidy, amenity) + Gumbel noise. */
    logit: z
      .object({
        agglomeration: z.number().default(1),
        knowledge: z.number().default(0.5),
        labour: z.number().default(0.5),
        cost: z.number().default(1),
        subsidy: z.number().default(1),
        amenity: z.number().default(0.5),
        /** Ring distance within which firms count as related. */
        relatedDistance: count.default(1),
      })
      .strict()
      .prefault({}),
    capability: range(0.5, 1.5),
    employees: intRange(1, 3),
    rd: range(0.02, 0.08),
    branches: z
      .object({
        /** Multinational branches per year. */
        rate: nonNegative.default(0),
        capability: range(1.5, 2.5),
        employees: intRange(20, 50),
        rd: range(0.02, 0.05),
      })
      .strict()
      .prefault({}),
  })
  .strict();

const exitSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** A firm is in distress when cash < −(cashFloor + cashFloorPerEmployee·employees). */
    cashFloor: nonNegative.default(10),
    cashFloorPerEmployee: nonNegative.default(0),
    /** It exits when distress lasts longer than this. */
    graceYears: nonNegative.default(0),
    /** Exit hazard per year: h·exp(−age/ageScale)·(c̄/c)^capabilityElasticity. */
    hazard: probability.default(0),
    hazardAgeScale: positive.default(5),
    hazardCapabilityElasticity: z.number().default(1),
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
    /** A new stage must hold this long before it is declared (hysteresis), years. */
    persistenceYears: nonNegative.default(1),
  })
  .strict()
  .refine((s) => s.growthLow <= s.growthHigh, { message: 'expected growthLow ≤ growthHigh', path: ['growthLow'] });

const mechanismsSchema = z
  .object({
    market: marketSchema.prefault({}),
    learning: learningSchema.prefault({}),
    innovation: innovationSchema.prefault({}),
    growth: growthSchema.prefault({}),
    spinoffs: spinoffsSchema.prefault({}),
    entry: entrySchema.prefault({}),
    exit: exitSchema.prefault({}),
  })
  .strict();

const outputSchema = z
  .object({
    /** Record firm events (entry, spin-off, exit) for events.csv. */
    events: z.boolean().default(true),
    /** Record every firm that ever lived for firms.csv. */
    firms: z.boolean().default(true),
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
    /** Calibration targets with tolerances (kept with the scenario; not yet checked by a command). */
    expect: z.record(z.string(), z.unknown()).optional(),
    variants: z.record(z.string(), variantSchema).default({}),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Variant = z.infer<typeof variantSchema>;
export type Mechanisms = Scenario['mechanisms'];
