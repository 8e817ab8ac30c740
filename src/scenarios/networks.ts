// The schema of the mechanisms that link regions and firms: collaboration ties (networking),
// supply chains, migration of workers and relocation of firms, and promotion organisations.
// All are off by default, so the classic models stay what they are. docs/ODD.md has the tables.
import { z } from 'zod';
import { count, nonNegative, positive, probability } from './units.ts';

export const networkingSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Tie-formation attempts per firm per year. */
    formationRate: nonNegative.default(1),
    /** Cap on collaboration ties per firm (research organisations included). */
    maxTies: z.number().int().min(1).max(64).default(8),
    /** Share of attempts that search outside the firm's region (global pipelines). */
    pipelineShare: probability.default(0.2),
    /** Share of attempts that go to a partner's partner (shared partners, triadic closure). */
    closure: probability.default(0.3),
    /** Share of attempts that go to a research organisation of the firm's region. */
    researchShare: probability.default(0.1),
    /** Acceptance of a non-local candidate decays as exp(−distance/δ), km; 0: no decay. */
    distanceDecayKm: nonNegative.default(500),
    /** Acceptance of a closure candidate × (1 + trustWeight·trust of the tie through which it is found), capped at 1. */
    trustWeight: nonNegative.default(1),
    /** Trust of a new tie (0..1). */
    initialTrust: probability.default(0.1),
    /** Trust gained per year of interaction: τ += g·(1 − τ)/T per interacting tick. */
    trustGrowth: nonNegative.default(0.5),
    /** Trust lost per year without interaction: τ ·= exp(−decay/T). */
    trustDecay: nonNegative.default(0.2),
    /** Interactions per year of a tie within one region (co-location) and across regions. */
    interactionLocal: nonNegative.default(4),
    interactionPipeline: nonNegative.default(1),
    /** A tie without interaction for this long dissolves, years. */
    idleYears: positive.default(2),
    /** Lock-in: attempts, the pipeline share and frontier learning × (1 − rigidity·embeddedness). */
    rigidity: probability.default(0),
    /** A spin-off starts tied to its parent. */
    parentTie: z.boolean().default(true),
  })
  .strict();

export const supplySchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Leaders spend this share of their revenue on inputs. */
    inputShare: probability.default(0.3),
    /** Share of a supplier's output value it can sell to its leader. */
    supplierShare: probability.default(0.5),
    /** The largest firms of each segment become leaders (besides those the scenario designates). */
    leaders: z
      .object({
        perSegment: count.default(1),
        minEmployees: nonNegative.default(50),
        /** Leaders are re-ranked this often, years. */
        reviewYears: positive.default(1),
      })
      .strict()
      .prefault({}),
    /** Suppliers are firms in segments at ring distance 1..reach from a leader's. */
    reach: z.number().int().min(1).default(2),
    /** Matching attempts per unmatched potential supplier per year. */
    matchRate: nonNegative.default(2),
    /** Utility of a leader: local·[same region] + province·[same province] + size pull − d/δ − barrier·friction + Gumbel. */
    local: z.number().default(1),
    province: z.number().default(0.5),
    /** Pull of a leader's size: + leaderSize·ln(e_ℓ/ē), ē the geometric mean size of the leaders. */
    leaderSize: nonNegative.default(1),
    distanceDecayKm: positive.default(300),
    barrier: nonNegative.default(3),
    /** Main-supplier coordination (链主 / 主配协同): added to the local and province weights. */
    coordination: nonNegative.default(0),
    /** The leader accepts with probability min(1, (c_j/c̄)^capability). */
    capability: nonNegative.default(1),
    /** Supply ties end at this rate per year, × (1 + barrier·friction). */
    breakRate: nonNegative.default(0.1),
    /** The parts segments (零部件): parts_province_supply_ratio counts suppliers of these segments (default: all). */
    partsSegments: z.array(count).optional(),
  })
  .strict();

export const migrationSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Share of a region's free (unemployed) pool that considers moving, per year. */
    rate: nonNegative.default(0.1),
    /** V_ab = wage·ln(w_b/w_a) + amenity·(m_b − m_a) + jobs·(τ_b − τ_a) − d/δ − barrier·f_ab − cost. */
    wage: z.number().default(2),
    amenity: z.number().default(1),
    jobs: z.number().default(1),
    distanceDecayKm: positive.default(300),
    barrier: nonNegative.default(3),
    cost: nonNegative.default(2),
  })
  .strict();

export const relocationSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Share of firms that review their location per year. */
    rate: nonNegative.default(0.1),
    /** A firm moves when the relative saving in cost per employee exceeds
     *  threshold + sunkCost + lockIn·embeddedness + barrier·friction. */
    threshold: nonNegative.default(0.2),
    sunkCost: nonNegative.default(0.1),
    lockIn: nonNegative.default(0.5),
    barrier: nonNegative.default(0.5),
  })
  .strict();

export const promotionOrgSchema = z
  .object({
    name: z.string().min(1),
    /** Regions whose firms may join (one region, or several for a cross-region organisation). */
    regions: z.array(z.string().min(1)).min(1),
    /** Year from which the organisation works. */
    startYear: nonNegative.default(0),
    /** Budget per year; with costPerMember it caps the number of members. */
    budgetPerYear: nonNegative.default(100),
    costPerMember: positive.default(1),
    /** Probability per year that a non-member firm of its regions joins (quota: while places are
     *  free; choice: at most, joinRate·σ(N/benefitSpread) with N the net benefit). */
    joinRate: nonNegative.default(0.2),
    /** Among members: tie-formation attempts and acceptance × (1 + formationBoost). */
    formationBoost: nonNegative.default(1),
    /** On member–member ties: trust growth and interaction × (1 + trustBoost). */
    trustBoost: nonNegative.default(1),
    /**
     * How members come about. `quota`: ⌊budgetPerYear/costPerMember⌋ places, filled at joinRate
     * (membership is an input). `choice`: firms and research organisations of its regions join when
     * the benefit (untied partners, spillover, services) exceeds the fee, and leave when it does not
     * (membership is an outcome; budgetPerYear is then the public money). The keys below are for choice.
     */
    membership: z.enum(['quota', 'choice']).default('quota'),
    /** Annual fee of a large firm (employees ≥ largeEmployees), paid from its cash (choice). */
    feeLarge: nonNegative.default(0.05),
    /** Annual fee of an SME (employees < largeEmployees) (choice). */
    feeSme: nonNegative.default(0.01),
    /** Annual fee of a research organisation (choice). */
    feeResearch: nonNegative.default(0.01),
    /** Employees from which a member counts as large (members_large; the fee class under choice). */
    largeEmployees: positive.default(50),
    /** The organisation's industry (segments); members of other segments count as `other` (default: all segments). */
    segments: z.array(count).optional(),
    /** Years from startYear during which budgetPerYear (public money) flows (default: always) (choice). */
    publicYears: positive.optional(),
    /** Public money added per unit of fees collected (a matching grant) (choice). */
    matchRate: nonNegative.default(0),
    /** Benefit per year of access to partners: tieValue·(e/largeEmployees)^sizeElasticity·ln(1 + members not yet tied to) (choice). */
    tieValue: nonNegative.default(0.005),
    /** How the value of partners grows with the firm's employees e (research organisations: e = largeEmployees) (choice). */
    sizeElasticity: nonNegative.default(0.5),
    /** Benefit per year of the members' knowledge: spilloverValue·max(0, c̄ − c)/c̄ (choice). */
    spilloverValue: nonNegative.default(0.01),
    /** Benefit per year of services: serviceValue·budget/members (the rest is overhead) (choice). */
    serviceValue: nonNegative.default(0.5),
    /** Probability per year that a member leaves: leaveRate·σ(−N/benefitSpread) — inertia (choice). */
    leaveRate: probability.default(0.5),
    /** Spread of the firms' private valuations of membership (logit scale, money/year) (choice). */
    benefitSpread: positive.default(0.01),
    /** Firms that found the organisation at startYear: the largest of its regions (choice). */
    founders: count.default(0),
  })
  .strict();
export type PromotionOrgSpec = z.infer<typeof promotionOrgSchema>;

export const tiesOutputSchema = z
  .object({
    /** Write the edge list every this many ticks (0: never). */
    every: count.default(0),
    /** And at these ticks. */
    ticks: z.array(count).default([]),
    /** And after the last tick. */
    final: z.boolean().default(false),
  })
  .strict();
