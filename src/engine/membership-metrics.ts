// The promotion-organisation columns of timeseries.csv, appended last by `computeMetrics`: who the
// members are and what the organisations spend. Firm members are classified in the pass of
// metrics.ts over the optional sums (`classifyMember`, only in worlds with organisations);
// research organisations and budgets are read here (a few each).
//   members           firm and research-organisation members = large + sme + research + other
//   members_large     firm members of the organisation's segments with employees ≥ largeEmployees
//   members_sme       firm members of the organisation's segments with employees < largeEmployees
//   members_research  research organisations that are members (only under membership: choice)
//   members_other     firm members outside the organisation's segments (other industries)
//   member_sme_share  members_sme / (members_large + members_sme) (0 if none)
//   promotion_budget  Σ_k budget_k / (regions of k), per region of k; all: Σ_k budget_k
import type { MembershipMetricsScratch } from './context.ts';
import type { World } from './world.ts';

const def = <N extends string>(name: N, unit: string, additive: boolean, description: string) => ({
  name, unit, additive, description,
});

export const MEMBERSHIP_DEFS = [
  def('members', 'members', true, 'Members of promotion organisations: firms and research organisations (= large + sme + research + other).'),
  def('members_large', 'firms', true, 'Firm members of the organisation’s segments with employees ≥ its largeEmployees.'),
  def('members_sme', 'firms', true, 'Firm members of the organisation’s segments with employees < its largeEmployees (SMEs).'),
  def('members_research', 'organisations', true, 'Research organisations that are members (membership by choice).'),
  def('members_other', 'firms', true, 'Firm members outside the organisation’s segments (other industries).'),
  def('member_sme_share', '0..1', false, 'members_sme / (members_large + members_sme) (0 if none).'),
  def('promotion_budget', 'money/year', true, 'Budget of the promotion organisations per year (fees + public money; quota: budgetPerYear), split evenly over each organisation’s regions.'),
] as const;

/** Per-region member counts by class, slot R the sum (filled by metrics.ts's pass over the firms). */
export interface MemberTallies {
  large: Float64Array;
  sme: Float64Array;
  other: Float64Array;
}

/** Adds firm i (a member of k, in region r) to its class. */
export function classifyMember(world: World, t: MemberTallies, i: number, k: number, r: number): void {
  const org = world.promotion;
  const { firms } = world;
  if (!org.core[k * world.segments.count + firms.segment[i]]) t.other[r] += 1;
  else if (firms.employees[i] >= org.largeEmployees[k]) t.large[r] += 1;
  else t.sme[r] += 1;
}

/** The world's research-member and budget sums per slot (world.context.membershipMetrics). */
function scratchFor(world: World): MembershipMetricsScratch {
  const n = world.regions.count + 1;
  let s = world.context.membershipMetrics;
  if (!s || s.research.length !== n) {
    s = { research: new Float64Array(n), budget: new Float64Array(n) };
    world.context.membershipMetrics = s;
  }
  return s;
}

/** Writes the MEMBERSHIP_DEFS columns into out[col0 + c], rows row0 + r and row0 + R (`all`). */
export function computeMembershipMetrics(
  world: World, t: MemberTallies, out: readonly Float64Array[], row0: number, col0: number,
): void {
  const R = world.regions.count;
  const org = world.promotion;
  const { research, budget } = scratchFor(world);
  research.fill(0);
  budget.fill(0);
  const rp = org.researchPromo;
  for (let o = 0; o < rp.length; o++) {
    if (rp[o] < 0) continue;
    research[world.researchOrgs.region[o]] += 1;
    research[R] += 1;
  }
  for (let k = 0; k < org.count; k++) {
    let regions = 0;
    for (let r = 0; r < R; r++) regions += org.inRegion[k * R + r];
    if (regions === 0) continue;
    for (let r = 0; r < R; r++) if (org.inRegion[k * R + r]) budget[r] += org.budget[k] / regions;
    budget[R] += org.budget[k];
  }
  for (let k = 0; k <= R; k++) {
    const row = row0 + k;
    const firmsCore = t.large[k] + t.sme[k];
    out[col0][row] = firmsCore + t.other[k] + research[k];
    out[col0 + 1][row] = t.large[k];
    out[col0 + 2][row] = t.sme[k];
    out[col0 + 3][row] = research[k];
    out[col0 + 4][row] = t.other[k];
    out[col0 + 5][row] = firmsCore > 0 ? t.sme[k] / firmsCore : 0;
    out[col0 + 6][row] = budget[k];
  }
}
