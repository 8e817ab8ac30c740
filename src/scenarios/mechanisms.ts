// The schema of `mechanisms`: one section per process, each with `enabled` and its parameters.
// Rates are per year; docs/ODD.md has a table per process with these names and defaults.
import { z } from 'zod';
import { count, intRange, nonNegative, positive, probability, range } from './units.ts';
import { migrationSchema, networkingSchema, relocationSchema, supplySchema } from './networks.ts';
import { localReturnsSchema } from './local-returns.ts';
import { upgradingSchema } from './upgrading.ts';

/**
 * Differentiated competition: every firm has a position v ∈ [0, 1) on a circle inside its segment
 * (Salop 1979) and sells at p_s·(1 + premium)/(1 + premium·ρ), where ρ is the supply within `width`
 * of its position (triangular kernel) relative to an even spread of the segment's supply (niche
 * overlap, Hannan & Freeman 1977; Baum & Singh 1994). Off: no positions are drawn and every firm
 * sells at p_s.
 */
const differentiationSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** μ: an empty niche sells at up to (1 + μ)·p_s, an even spread at p_s, a crowd below p_s. */
    premium: nonNegative.default(0.5),
    /** w: half-width of the triangular kernel K(d) = max(0, 1 − d/w) on the circle of positions. */
    width: positive.max(0.5).default(0.1),
    /** Bins of the position histogram per segment (resolution 1/bins of the distance). */
    bins: z.number().int().min(2).max(1000).default(50),
    /** A spin-off starts at its parent's position + spinoffNoise·U(−1, 1). */
    spinoffNoise: nonNegative.default(0.05),
    /** An imitator moves to the imitated firm's position + imitationNoise·U(−1, 1). */
    imitationNoise: nonNegative.default(0.01),
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
    differentiation: differentiationSchema.prefault({}),
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
    /** Rate per year of learning through collaboration ties (partners and tied research organisations). */
    partners: nonNegative.default(0.2),
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
    /** Probability that a firm with collaboration ties recombines with a partner (any distance)
     *  rather than with a random firm of its region. */
    partnerRecombination: probability.default(0.5),
    imitation: z
      .object({
        enabled: z.boolean().default(true),
        /** Probability per year that a firm below the regional mean profit margin imitates. */
        rate: probability.default(0.1),
        /** Share of the capability gap to the regional best that an imitator closes. */
        gain: probability.default(0.3),
        /** Firms above this size do not imitate (a large firm cannot move its whole output into
         *  another segment); null: any size. */
        maxEmployees: positive.nullable().default(null),
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

/** Three numbers, one per step up the value chain (into design, brand, services). */
export const mechanismsSchema = z
  .object({
    market: marketSchema.prefault({}),
    learning: learningSchema.prefault({}),
    innovation: innovationSchema.prefault({}),
    growth: growthSchema.prefault({}),
    spinoffs: spinoffsSchema.prefault({}),
    entry: entrySchema.prefault({}),
    exit: exitSchema.prefault({}),
    networking: networkingSchema.prefault({}),
    supply: supplySchema.prefault({}),
    migration: migrationSchema.prefault({}),
    relocation: relocationSchema.prefault({}),
    localReturns: localReturnsSchema.prefault({}),
    upgrading: upgradingSchema.prefault({}),
  })
  .strict();
