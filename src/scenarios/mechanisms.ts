// The schema of `mechanisms`: one section per process, each with `enabled` and its parameters.
// Rates are per year; docs/ODD.md has a table per process with these names and defaults.
import { z } from 'zod';
import { count, intRange, nonNegative, positive, probability, range, enabled } from './units.ts';
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
    enabled: enabled(false),
    premium: nonNegative.default(0.5)
      .describe('μ: an empty niche sells at up to (1 + μ)·p_s, an even spread at p_s, a crowd below p_s.'),
    width: positive.max(0.5).default(0.1)
      .describe('w: half-width of the triangular kernel K(d) = max(0, 1 − d/w) on the circle of positions.'),
    bins: z.number().int().min(2).max(1000).default(50)
      .describe('Bins of the position histogram per segment (resolution 1/bins of the distance).'),
    spinoffNoise: nonNegative.default(0.05).describe('A spin-off starts at its parent\'s position + spinoffNoise·U(−1, 1).'),
    imitationNoise: nonNegative.default(0.01)
      .describe('An imitator moves to the imitated firm\'s position + imitationNoise·U(−1, 1).'),
  })
  .strict();

const marketSchema = z
  .object({
    enabled: enabled(true),
    priceScale: positive.default(1).describe('p0: price when demand equals supply.'),
    elasticity: positive.default(2).describe('ε: price elasticity of demand, p = p0·(D/Q)^(1/ε).'),
    fixedCost: nonNegative.default(0).describe('Fixed cost per firm per year.'),
    payout: probability.default(0.3)
      .describe('Share of positive cash paid out to owners per year (without it, cash grows without bound).'),
    differentiation: differentiationSchema.prefault({})
      .describe('Differentiated competition: positions on a circle within a segment and niche-crowding prices (off by default).'),
  })
  .strict();

const cognitiveSchema = z
  .object({
    novelty: nonNegative.default(0.5).describe('ν: novelty of a same-segment source relative to one ring step.'),
    reach: positive.default(1.5).describe('θ: ring distance over which understanding decays; the weight peaks at d = θ − ν.'),
    maxDistance: count.default(3).describe('Sources farther than this on the ring teach nothing.'),
    weights: z.array(nonNegative).optional()
      .describe('Explicit weights by ring distance 0, 1, 2, … (replaces the inverted U when given).'),
  })
  .strict();

const learningSchema = z
  .object({
    enabled: enabled(true),
    rdEfficiency: nonNegative.default(0.1).describe('Own R&D: relative capability gain per year per unit of R&D intensity.'),
    spillover: nonNegative.default(0.05)
      .describe('Rate per year at which a firm closes the gap to its accessible knowledge pool.'),
    distanceDecayKm: nonNegative.default(50)
      .describe('δ: distance decay of spillover between regions, km; 0: only the own region.'),
    cognitive: cognitiveSchema.prefault({})
      .describe('Cognitive proximity: how much a source teaches by ring distance (an inverted U, Nooteboom).'),
    absorptive: z
      .object({
        base: nonNegative.default(1).describe('Absorptive capacity of a firm without R&D at mean capability.'),
        rdWeight: nonNegative.default(0).describe('How much R&D intensity raises absorptive capacity.'),
        capabilityElasticity: z.number().default(0).describe('Elasticity of absorptive capacity in capability relative to the mean.'),
      })
      .strict()
      .prefault({})
      .describe('Absorptive capacity A = base·(1 + rdWeight·rd)·(c/c̄)^capabilityElasticity: multiplies what a firm learns.'),
    research: nonNegative.default(0)
      .describe('Rate per year of learning from the region\'s research organisations, per unit capacity.'),
    partners: nonNegative.default(0.2)
      .describe('Rate per year of learning through collaboration ties (partners and tied research organisations).'),
    frontier: nonNegative.default(0).describe('Rate per year of learning from the world frontier, times the region\'s openness.'),
    frontierLevel: positive.default(1.5).describe('Initial level of the world technology frontier (capability scale).'),
    frontierGrowth: z.number().default(0.01).describe('Growth of the world technology frontier, per year.'),
  })
  .strict();

const innovationSchema = z
  .object({
    enabled: enabled(true),
    rate: nonNegative.default(0.05)
      .describe('Base innovation rate per firm per year: λ = rate·(1 + rdWeight·rd)·(c/c̄)^capabilityElasticity·(1 + inflowWeight·inflow).'),
    rdWeight: nonNegative.default(20)
      .describe('How much R&D intensity raises the innovation rate (see rate).'),
    capabilityElasticity: z.number().default(0.5).describe('Elasticity of the innovation rate in capability relative to the mean.'),
    inflowWeight: nonNegative.default(10).describe('How much knowledge inflow (learning this tick) raises the innovation rate.'),
    shares: z
      .object({
        process: nonNegative.default(0.6).describe('Weight of process innovations (a capability jump in place).'),
        product: nonNegative.default(0.25).describe('Weight of product innovations (a move to a growing neighbouring segment).'),
        recombination: nonNegative.default(0.15).describe('Weight of recombinations (with a firm at a ring distance).'),
      })
      .strict()
      .prefault({})
      .describe('Shares of the three kinds of innovation (normalised to sum to 1).'),
    processJump: nonNegative.default(0.1).describe('Relative capability jump of a process innovation.'),
    productJump: nonNegative.default(0.05)
      .describe('Relative capability jump of a product innovation (with the move to a growing segment).'),
    recombinationDistance: intRange(1, 3).describe('Recombination partners must be this far apart on the ring (inclusive).'),
    recombinationBonus: nonNegative.default(0.15)
      .describe('Novelty bonus of a recombination over the better parent\'s capability.'),
    partnerRecombination: probability.default(0.5)
      .describe('Probability that a firm with collaboration ties recombines with a partner (any distance) rather than with a random firm of its region.'),
    imitation: z
      .object({
        enabled: enabled(true),
        rate: probability.default(0.1)
          .describe('Probability per year that a firm below the regional mean profit margin imitates.'),
        gain: probability.default(0.3).describe('Share of the capability gap to the regional best that an imitator closes.'),
        maxEmployees: positive.nullable().default(null)
          .describe('Firms above this size do not imitate (a large firm cannot move its whole output into another segment); null: any size.'),
      })
      .strict()
      .prefault({})
      .describe('Imitation: firms with low margins copy the best firm of their region.'),
  })
  .strict();

const growthSchema = z
  .object({
    enabled: enabled(true),
    rate: nonNegative.default(0.3).describe('g: employment growth per year at a very high margin (tanh saturates).'),
    noise: nonNegative.default(0.05).describe('σ: Gibrat noise of log employment, per √year.'),
    profitScale: positive.default(0.5).describe('Profit per employee per year that counts as a high margin.'),
    minEmployees: positive.default(1).describe('A firm never shrinks below this many employees.'),
    labourLimit: z.boolean().default(true).describe('Hiring limited by the region\'s labour pool.'),
    wageElasticity: nonNegative.default(0.5).describe('Wage = base·(1 + κ·τ^η), τ = employed / pool: congestion.'),
    wageCurvature: positive.default(2).describe('η of the congestion wage (see wageElasticity).'),
  })
  .strict();

const spinoffsSchema = z
  .object({
    enabled: enabled(true),
    rate: probability.default(0.02).describe('Annual probability for a firm of reference size and mean capability.'),
    sizeRef: positive.default(10).describe('Reference size (employees) at which the spin-off probability is `rate`.'),
    sizeElasticity: z.number().default(0.5).describe('Elasticity of the spin-off probability in employees / sizeRef.'),
    capabilityElasticity: z.number().default(1).describe('Elasticity of the spin-off probability in capability relative to the mean.'),
    founders: intRange(1, 3).describe('Employees who leave with the founder.'),
    heredity: nonNegative.default(1).describe('Child capability = parent\'s · (heredity + noise·U(−1, 1)).'),
    noise: nonNegative.default(0.1).describe('Spread of the child\'s capability around heredity (see heredity).'),
    segmentShift: probability.default(0.3)
      .describe('Probability that the child starts in a neighbouring segment (either side, equally).'),
    relocate: probability.default(0)
      .describe('Probability that the child locates by the entry choice instead of in the parent\'s region.'),
    academic: z
      .object({
        rate: nonNegative.default(0).describe('Academic spin-offs per year per unit of research capacity.'),
        noise: nonNegative.default(0.2).describe('Capability = organisation\'s knowledge · U(1 − noise, 1 + noise).'),
        employees: intRange(1, 3).describe('Employees of an academic spin-off, uniform integers from min to max.'),
      })
      .strict()
      .prefault({})
      .describe('Academic spin-offs from research organisations.'),
  })
  .strict();

const entrySchema = z
  .object({
    enabled: enabled(true),
    rate: nonNegative.default(2).describe('Expected entrants per year.'),
    demandGrowthWeight: nonNegative.default(0)
      .describe('Entry rises with the relative growth of total demand: λ·(1 + w·max(0, growth per year)).'),
    segmentChoice: z.enum(['uniform', 'demand']).default('demand')
      .describe('How entrants choose a segment: uniformly or in proportion to demand.'),
    choice: z.enum(['logit', 'proportional']).default('logit').describe('How entrants choose a region.'),
    proportional: z
      .object({
        a: z.union([nonNegative, z.array(nonNegative)]).default(1)
          .describe('a_r: intrinsic attraction of a region (one number for all, or one per region in region order).'),
        b: nonNegative.default(1).describe('b: weight of the firms already there.'),
        gamma: nonNegative.default(1).describe('γ: returns to the number of firms (> 1 increasing, < 1 decreasing).'),
        sequential: z.boolean().default(true).describe('Update n_r after each entrant (a Pólya urn) rather than once per tick.'),
      })
      .strict()
      .prefault({})
      .describe('Arthur\'s rule (choice: proportional): P(r) ∝ a_r + b·n_r^γ, n_r = firms in r.'),
    logit: z
      .object({
        agglomeration: z.number().default(1).describe('β of log(1 + related firms in the region).'),
        knowledge: z.number().default(0.5).describe('β of the region\'s knowledge (research organisations and firms).'),
        labour: z.number().default(0.5).describe('β of the region\'s free labour.'),
        cost: z.number().default(1).describe('β of the region\'s cost per employee (wage and land), entering with a minus sign.'),
        subsidy: z.number().default(1).describe('β of the entry incentive offered (region and levers).'),
        amenity: z.number().default(0.5).describe('β of the region\'s amenity.'),
        relatedDistance: count.default(1).describe('Ring distance within which firms count as related.'),
      })
      .strict()
      .prefault({})
      .describe('The logit choice of a region (choice: logit): U_r = β·(log(1+related), knowledge, labour, −cost, subsidy, amenity) + Gumbel noise.'),
    capability: range(0.5, 1.5).describe('Capability of an entrant, uniform in [min, max] (× the region\'s skill).'),
    employees: intRange(1, 3).describe('Employees of an entrant, uniform integers from min to max.'),
    rd: range(0.02, 0.08).describe('R&D intensity of an entrant, uniform in [min, max].'),
    branches: z
      .object({
        rate: nonNegative.default(0).describe('Multinational branches per year.'),
        capability: range(1.5, 2.5).describe('Capability of a branch, uniform in [min, max].'),
        employees: intRange(20, 50).describe('Employees of a branch, uniform integers from min to max.'),
        rd: range(0.02, 0.05).describe('R&D intensity of a branch, uniform in [min, max].'),
      })
      .strict()
      .prefault({})
      .describe('Branches of multinationals entering from outside.'),
  })
  .strict();

const exitSchema = z
  .object({
    enabled: enabled(true),
    cashFloor: nonNegative.default(10)
      .describe('A firm is in distress when cash < −(cashFloor + cashFloorPerEmployee·employees).'),
    cashFloorPerEmployee: nonNegative.default(0).describe('Part of the distress threshold per employee (see cashFloor).'),
    graceYears: nonNegative.default(0).describe('It exits when distress lasts longer than this.'),
    hazard: probability.default(0).describe('Exit hazard per year: h·exp(−age/ageScale)·(c̄/c)^capabilityElasticity.'),
    hazardAgeScale: positive.default(5).describe('Years over which the exit hazard of the young falls (see hazard).'),
    hazardCapabilityElasticity: z.number().default(1).describe('Elasticity of the exit hazard in mean / own capability (see hazard).'),
  })
  .strict();

/** Every process: one section each, parsed with its defaults. */
export const mechanismsSchema = z
  .object({
    market: marketSchema.prefault({}).describe('Prices from world demand and supply, revenue, costs and cash (ODD.md §7).'),
    learning: learningSchema.prefault({}).describe('Capability growth from own R&D and spillovers from firms, research and the frontier.'),
    innovation: innovationSchema.prefault({}).describe('Process and product innovations, recombinations and imitation.'),
    growth: growthSchema.prefault({}).describe('Employment growth with margins, Gibrat noise, and the labour market\'s limits and wages.'),
    spinoffs: spinoffsSchema.prefault({}).describe('New firms founded by employees of existing firms, and academic spin-offs.'),
    entry: entrySchema.prefault({}).describe('Startups from outside: how many, in which segment and region; multinational branches.'),
    exit: exitSchema.prefault({}).describe('Exit of firms in financial distress and by a hazard.'),
    networking: networkingSchema.prefault({}).describe('Collaboration ties between firms and research organisations, with trust (off by default).'),
    supply: supplySchema.prefault({}).describe('Supply chains: leaders buy inputs from suppliers in related segments (off by default).'),
    migration: migrationSchema.prefault({}).describe('Workers move between regions (off by default).'),
    relocation: relocationSchema.prefault({}).describe('Firms move to a region with lower costs (off by default).'),
    localReturns: localReturnsSchema.prefault({}).describe('Marshall\'s local increasing returns (off by default; ODD.md §7.19).'),
    upgrading: upgradingSchema.prefault({}).describe('Functional and inter-sectoral upgrading (off by default; ODD.md §7.20).'),
  })
  .strict();
