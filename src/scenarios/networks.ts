// The schema of the mechanisms that link regions and firms: collaboration ties (networking),
// supply chains, migration of workers and relocation of firms, and promotion organisations.
// All are off by default, so the classic models stay what they are. docs/ODD.md has the tables.
import { z } from 'zod';
import { count, enabled, label, nonNegative, positive, probability } from './units.ts';

export const networkingSchema = z
  .object({
    enabled: enabled(false),
    formationRate: nonNegative.default(1).describe('Tie-formation attempts per firm per year.'),
    maxTies: z.number().int().min(1).max(64).default(8)
      .describe('Cap on collaboration ties per firm (research organisations included).'),
    pipelineShare: probability.default(0.2)
      .describe('Share of attempts that search outside the firm\'s region (global pipelines).'),
    closure: probability.default(0.3)
      .describe('Share of attempts that go to a partner\'s partner (shared partners, triadic closure).'),
    researchShare: probability.default(0.1)
      .describe('Share of attempts that go to a research organisation of the firm\'s region.'),
    distanceDecayKm: nonNegative.default(500)
      .describe('Acceptance of a non-local candidate decays as exp(−distance/δ), km; 0: no decay.'),
    trustWeight: nonNegative.default(1)
      .describe('Acceptance of a closure candidate × (1 + trustWeight·trust of the tie through which it is found), capped at 1.'),
    initialTrust: probability.default(0.1).describe('Trust of a new tie (0..1).'),
    trustGrowth: nonNegative.default(0.5)
      .describe('Trust gained per year of interaction: τ += g·(1 − τ)/T per interacting tick.'),
    trustDecay: nonNegative.default(0.2).describe('Trust lost per year without interaction: τ ·= exp(−decay/T).'),
    interactionLocal: nonNegative.default(4)
      .describe('Interactions per year of a tie within one region (co-location).'),
    interactionPipeline: nonNegative.default(1).describe('Interactions per year of a tie across regions (a pipeline).'),
    idleYears: positive.default(2).describe('A tie without interaction for this long dissolves, years.'),
    rigidity: probability.default(0)
      .describe('Lock-in: attempts, the pipeline share and frontier learning × (1 − rigidity·embeddedness).'),
    parentTie: z.boolean().default(true).describe('A spin-off starts tied to its parent.'),
  })
  .strict();

export const supplySchema = z
  .object({
    enabled: enabled(false),
    inputShare: probability.default(0.3).describe('Leaders spend this share of their revenue on inputs.'),
    supplierShare: probability.default(0.5).describe('Share of a supplier\'s output value it can sell to its leader.'),
    leaders: z
      .object({
        perSegment: count.default(1).describe('Leaders per segment: its largest firms.'),
        minEmployees: nonNegative.default(50).describe('Only firms with at least this many employees become leaders.'),
        reviewYears: positive.default(1).describe('Leaders are re-ranked this often, years.'),
      })
      .strict()
      .prefault({})
      .describe('The largest firms of each segment become leaders (besides those the scenario designates).'),
    reach: z.number().int().min(1).default(2)
      .describe('Suppliers are firms in segments at ring distance 1..reach from a leader\'s.'),
    matchRate: nonNegative.default(2).describe('Matching attempts per unmatched potential supplier per year.'),
    local: z.number().default(1)
      .describe('Utility of a leader: local·[same region] + province·[same province] + size pull − d/δ − barrier·friction + Gumbel.'),
    province: z.number().default(0.5).describe('Utility weight of a leader in the same province (see local).'),
    leaderSize: nonNegative.default(1)
      .describe('Pull of a leader\'s size: + leaderSize·ln(e_ℓ/ē), ē the geometric mean size of the leaders.'),
    distanceDecayKm: positive.default(300).describe('δ: distance (km) over which a leader\'s utility falls by 1 (see local).'),
    barrier: nonNegative.default(3).describe('Utility lost per unit of administrative friction between the provinces (see local).'),
    coordination: nonNegative.default(0)
      .describe('Main-supplier coordination (链主 / 主配协同): added to the local and province weights.'),
    capability: nonNegative.default(1).describe('The leader accepts with probability min(1, (c_j/c̄)^capability).'),
    breakRate: nonNegative.default(0.1).describe('Supply ties end at this rate per year, × (1 + barrier·friction).'),
    partsSegments: z.array(count).optional()
      .describe('The parts segments (零部件): parts_province_supply_ratio counts suppliers of these segments (default: all).'),
  })
  .strict();

export const migrationSchema = z
  .object({
    enabled: enabled(false),
    rate: nonNegative.default(0.1).describe('Share of a region\'s free (unemployed) pool that considers moving, per year.'),
    wage: z.number().default(2)
      .describe('V_ab = wage·ln(w_b/w_a) + amenity·(m_b − m_a) + jobs·(τ_b − τ_a) − d/δ − barrier·f_ab − cost.'),
    amenity: z.number().default(1).describe('Weight of the amenity difference (see wage).'),
    jobs: z.number().default(1).describe('Weight of the difference in labour-market tightness τ (see wage).'),
    distanceDecayKm: positive.default(300).describe('δ: distance (km) over which the value of a move falls by 1 (see wage).'),
    barrier: nonNegative.default(3).describe('Value lost per unit of administrative friction f_ab (see wage).'),
    cost: nonNegative.default(2).describe('Fixed cost of moving, in utility (see wage).'),
  })
  .strict();

export const relocationSchema = z
  .object({
    enabled: enabled(false),
    rate: nonNegative.default(0.1).describe('Share of firms that review their location per year.'),
    threshold: nonNegative.default(0.2)
      .describe('A firm moves when the relative saving in cost per employee exceeds threshold + sunkCost + lockIn·embeddedness + barrier·friction.'),
    sunkCost: nonNegative.default(0.1).describe('Sunk cost of moving, as a share of cost per employee (see threshold).'),
    lockIn: nonNegative.default(0.5).describe('Weight of the firm\'s embeddedness in local ties (see threshold).'),
    barrier: nonNegative.default(0.5).describe('Weight of administrative friction between the regions (see threshold).'),
  })
  .strict();

export const promotionOrgSchema = z
  .object({
    name: label.describe('The organisation\'s name, for outputs.'),
    regions: z.array(z.string().min(1)).min(1)
      .describe('Regions whose firms may join (one region, or several for a cross-region organisation).'),
    startYear: nonNegative.default(0).describe('Year from which the organisation works.'),
    budgetPerYear: nonNegative.default(100).describe('Budget per year; with costPerMember it caps the number of members.'),
    costPerMember: positive.default(1).describe('Cost of one member per year (quota).'),
    joinRate: nonNegative.default(0.2)
      .describe('Probability per year that a non-member firm of its regions joins (quota: while places are free; choice: at most, joinRate·σ(N/benefitSpread) with N the net benefit).'),
    formationBoost: nonNegative.default(1)
      .describe('Among members: tie-formation attempts and acceptance × (1 + formationBoost).'),
    trustBoost: nonNegative.default(1).describe('On member–member ties: trust growth and interaction × (1 + trustBoost).'),
    membership: z.enum(['quota', 'choice']).default('quota')
      .describe('How members come about. `quota`: ⌊budgetPerYear/costPerMember⌋ places, filled at joinRate (membership is an input). `choice`: firms and research organisations of its regions join when the benefit (untied partners, spillover, services) exceeds the fee, and leave when it does not (membership is an outcome; budgetPerYear is then the public money). The keys below are for choice.'),
    feeLarge: nonNegative.default(0.05)
      .describe('Annual fee of a large firm (employees ≥ largeEmployees), paid from its cash (choice).'),
    feeSme: nonNegative.default(0.01).describe('Annual fee of an SME (employees < largeEmployees) (choice).'),
    feeResearch: nonNegative.default(0.01).describe('Annual fee of a research organisation (choice).'),
    largeEmployees: positive.default(50)
      .describe('Employees from which a member counts as large (members_large; the fee class under choice).'),
    segments: z.array(count).optional()
      .describe('The organisation\'s industry (segments); members of other segments count as `other` (default: all segments).'),
    publicYears: positive.optional()
      .describe('Years from startYear during which budgetPerYear (public money) flows (default: always) (choice).'),
    matchRate: nonNegative.default(0).describe('Public money added per unit of fees collected (a matching grant) (choice).'),
    tieValue: nonNegative.default(0.005)
      .describe('Benefit per year of access to partners: tieValue·(e/largeEmployees)^sizeElasticity·ln(1 + members not yet tied to) (choice).'),
    sizeElasticity: nonNegative.default(0.5)
      .describe('How the value of partners grows with the firm\'s employees e (research organisations: e = largeEmployees) (choice).'),
    spilloverValue: nonNegative.default(0.01)
      .describe('Benefit per year of the members\' knowledge: spilloverValue·max(0, c̄ − c)/c̄ (choice).'),
    serviceValue: nonNegative.default(0.5)
      .describe('Benefit per year of services: serviceValue·budget/members (the rest is overhead) (choice).'),
    leaveRate: probability.default(0.5)
      .describe('Probability per year that a member leaves: leaveRate·σ(−N/benefitSpread) — inertia (choice).'),
    benefitSpread: positive.default(0.01)
      .describe('Spread of the firms\' private valuations of membership (logit scale, money/year) (choice).'),
    founders: count.default(0).describe('Firms that found the organisation at startYear: the largest of its regions (choice).'),
  })
  .strict();
export type PromotionOrgSpec = z.infer<typeof promotionOrgSchema>;

export const tiesOutputSchema = z
  .object({
    every: count.default(0).describe('Write the edge list every this many ticks (0: never).'),
    ticks: z.array(count).default([]).describe('And at these ticks.'),
    final: z.boolean().default(false).describe('And after the last tick.'),
  })
  .strict();
