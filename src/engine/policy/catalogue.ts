// The policy levers of MODEL.md §6: what each one does, through which mechanism, what it costs,
// and its parameters with their defaults. The scenario schema, `clusterlab list` and docs/ODD.md
// all read this one table, so a lever is described in one place.

export const LEVER_KINDS = [
  'entrySubsidy', 'rdSubsidy', 'innovationVouchers', 'publicPlatform', 'promotionOrganisation',
  'chainLeader', 'startupSupport', 'specialisedSme', 'talentProgram', 'procurement', 'openness',
  'barrierRemoval', 'subsidyRace', 'coordination', 'localiseBranches',
] as const;
export type LeverKind = (typeof LEVER_KINDS)[number];
export const LEVER: Readonly<Record<LeverKind, number>> = Object.freeze(
  Object.fromEntries(LEVER_KINDS.map((k, i) => [k, i])) as Record<LeverKind, number>,
);

export interface LeverParam {
  default: number;
  description: string;
}

export interface LeverDef {
  /** One line for `clusterlab list`. */
  description: string;
  /** The mechanism (process) it acts through. */
  acts: string;
  /** What `intensity` means, and its default. */
  intensity: LeverParam;
  /** How spend is booked. */
  cost: string;
  /** Extra parameters (`params:` in the scenario), with defaults. */
  params: Record<string, LeverParam>;
  /** How the lever decides, when it has a choice (`rule:` in the scenario): the options and the default. */
  rules?: { default: string; options: Record<string, string> };
  /** A mechanism that must be enabled for the lever to act. */
  requires?: 'networking' | 'supply' | 'migration';
  /** A running-cost lever spends `budget.perYear` every year it is on; it must have one. */
  runningCost?: boolean;
  seeds: string;
}

const p = (d: number, description: string): LeverParam => ({ default: d, description });
const SME = p(50, 'firms with at most this many employees count as SMEs');

export const LEVERS: Readonly<Record<LeverKind, LeverDef>> = {
  entrySubsidy: {
    description: 'land and tax incentives: raises the region\'s utility for entrants; paid per entrant',
    acts: 'entry (logit subsidy term)',
    intensity: p(1, 'incentive per entrant (money), added to the region\'s entry incentive'),
    cost: 'intensity per entrant that locates in the region (offered only while the budget can pay it)',
    params: {},
    seeds: '003, 004',
  },
  rdSubsidy: {
    description: 'pays part of firms\' R&D: subsidised firms do more R&D (own learning, innovation rate)',
    acts: 'market (pays), learning and innovation (effective R&D intensity rd·(1 + s))',
    intensity: p(0.3, 's: the government adds s × the firm\'s own R&D spending'),
    cost: 's·rd·revenue of each firm of the region per tick, scaled down pro rata when the budget is short',
    params: {},
    seeds: '001, 003',
  },
  innovationVouchers: {
    description: 'SMEs buy access to research organisations: raises their absorptive capacity',
    acts: 'learning (absorptive capacity of SMEs × (1 + intensity))',
    intensity: p(0.5, 'relative rise of SMEs\' absorptive capacity'),
    cost: 'voucherCost per SME per year',
    params: { smeEmployees: SME, voucherCost: p(0.5, 'cost of one SME\'s vouchers per year') },
    seeds: '001',
  },
  publicPlatform: {
    description: 'shared technology platform: lowers R&D cost, raises local spillover',
    acts: 'market (R&D cost × (1 − intensity/2)), learning (spillover rate × (1 + intensity))',
    intensity: p(0.3, 'relative rise of the spillover rate (half of it off the R&D cost)'),
    cost: 'budget.perYear every year it is on (running cost)',
    params: {},
    runningCost: true,
    seeds: '001',
  },
  promotionOrganisation: {
    description: 'network weaver: a promotion organisation that raises tie formation and trust among members',
    acts: 'networking (a promotion organisation for the lever\'s regions, working while the lever is on)',
    intensity: p(1, 'formation and trust boost of the organisation (formationBoost = trustBoost)'),
    cost: 'quota: costPerMember per member per year, places = ⌊budget.perYear / costPerMember⌋; choice: budget.perYear (public money beside the members\' fees)',
    params: {
      costPerMember: p(1, 'quota: cost of a member per year'),
      joinRate: p(0.2, 'probability per year that a firm joins (choice: at most)'),
      feeLarge: p(0.05, 'choice: annual fee of a large firm'),
      feeSme: p(0.01, 'choice: annual fee of an SME and of a research organisation'),
    },
    rules: {
      default: 'quota',
      options: {
        quota: 'places ⌊budget.perYear / costPerMember⌋, filled at joinRate (membership is an input)',
        choice: 'firms and research organisations join and leave by their net benefit against the fee (promotionOrgs[].membership: choice, with its defaults)',
      },
    },
    requires: 'networking',
    seeds: '000, 001, 002',
  },
  chainLeader: {
    description: 'leaders coordinate suppliers (链主 / 主配协同): raises local supply matching',
    acts: 'supply (coordination weight + intensity for suppliers of the region)',
    intensity: p(1, 'utility added to the local and province weights of supply matching'),
    cost: 'costPerTie per supply tie of a leader in the region per year',
    params: { costPerTie: p(0.1, 'cost per supply tie per year') },
    requires: 'supply',
    seeds: '000, 001, 004',
  },
  startupSupport: {
    description: 'seed money for founders: raises spin-off and startup rates',
    acts: 'spinoffs (rate × (1 + intensity)), entry (seed money in the region\'s utility); new firms get the seed money as cash',
    intensity: p(0.5, 'relative rise of the spin-off rate'),
    cost: 'seedMoney per spin-off or entrant founded in the region',
    params: { seedMoney: p(2, 'seed money per new firm (cash, and the subsidy term for entrants)') },
    seeds: '003',
  },
  specialisedSme: {
    description: 'supports niche specialists ("专精特新"): keeps variety, lowers imitation',
    acts: 'innovation (imitation rate of SMEs × (1 − intensity))',
    intensity: p(0.5, 'share by which SMEs\' imitation is cut (0..1)'),
    cost: 'costPerFirm per supported SME per year',
    params: { smeEmployees: SME, costPerFirm: p(0.5, 'cost per SME per year') },
    seeds: '001',
  },
  talentProgram: {
    description: 'grows the skilled-labour pool and attracts migrants',
    acts: 'growth (labour pool growth + intensity per year), migration (amenity + params.amenity)',
    intensity: p(0.02, 'extra growth of the labour pool per year'),
    cost: 'costPerWorker per worker added to the pool',
    params: { amenity: p(1, 'amenity added in the migration choice'), costPerWorker: p(0.1, 'cost per added worker') },
    seeds: '004',
  },
  procurement: {
    description: 'application scenarios and public purchases: adds demand for the cluster\'s segments',
    acts: 'market (demand of each segment + purchases / price, in proportion to the region\'s supply)',
    intensity: p(10, 'purchases per year (money)'),
    cost: 'the purchases: intensity per year',
    params: {},
    seeds: '001, 003',
  },
  openness: {
    description: 'global pipelines: raises non-local ties and outside knowledge',
    acts: 'learning (openness + intensity, capped at 1), networking (pipeline share × (1 + intensity), capped at 1)',
    intensity: p(0.3, 'added openness; relative rise of the pipeline share'),
    cost: 'budget.perYear every year it is on (running cost)',
    params: {},
    runningCost: true,
    seeds: '002, 003',
  },
  barrierRemoval: {
    description: 'integration: lowers friction between provinces for knowledge, labour, supply ties, relocation',
    acts: 'friction between the lever\'s regions and all others × (1 − intensity): spillover, ties, supply, migration, relocation',
    intensity: p(1, 'share of the friction removed (0..1)'),
    cost: 'budget.perYear every year it is on (running cost)',
    params: {},
    runningCost: true,
    seeds: '001, 004',
  },
  subsidyRace: {
    description: 'each region\'s government sets its entry incentive against its rivals\' offers (the subsidy race, 补贴竞赛)',
    acts: 'entry (the region\'s incentive in the logit subsidy term; chosen each year as a best response, or escalated each tick)',
    intensity: p(1, 'lowest incentive per entrant (money); escalate: also the starting incentive'),
    cost: 'each region\'s incentive per entrant that locates there (offered only while the budget can pay it)',
    params: {
      value: p(5, 'bestResponse: value to the region of one entrant it wins (jobs, taxes; money)'),
      cap: p(10, 'largest incentive a region offers'),
      margin: p(0.1, 'escalate: how far a region outbids its highest rival'),
      speed: p(1, 'escalate: adjustment rate per year'),
    },
    rules: {
      default: 'bestResponse',
      options: {
        bestResponse: 'each budget year, the offer I on [intensity, cap] maximising (value − I)·E_r(I, rivals\' offers), with I·E_r within the year\'s budget (E_r: expected entrants by the logit)',
        escalate: 'each tick, move toward (1 + margin) × the highest rival\'s offer at speed per year, up to cap',
      },
    },
    seeds: '004',
  },
  coordination: {
    description: 'cost and benefit sharing (成本共担、利益共享): the lever\'s regions offer one common incentive instead of racing',
    acts: 'entry (the same incentive in every region of the lever; joint: chosen each year to maximise their joint value net of joint cost)',
    intensity: p(1, 'fixed: the common incentive per entrant (money); joint: the lowest common incentive'),
    cost: 'the common incentive per entrant, shared equally among the lever\'s regions wherever the firm locates',
    params: {
      value: p(5, 'joint: value to the regions of one entrant they win (money)'),
      cap: p(10, 'joint: largest common incentive'),
    },
    rules: {
      default: 'joint',
      options: {
        joint: 'each budget year, the common offer I on [intensity, cap] maximising Σ_{r in the lever} (value − I)·E_r(I), with I·Σ E_r within the year\'s budget',
        fixed: 'always offers intensity',
      },
    },
    seeds: '004',
  },
  localiseBranches: {
    description: 'ties multinational branches into local supply and collaboration',
    acts: 'networking (branches: attempts × (1 + intensity), local search only), supply (local weight + intensity for branch leaders)',
    intensity: p(1, 'relative rise of branches\' local tie attempts; utility for local suppliers of branch leaders'),
    cost: 'costPerBranch per branch in the region per year',
    params: { costPerBranch: p(1, 'cost per branch per year') },
    seeds: '003',
  },
};
