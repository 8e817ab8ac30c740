// exit — reads: firms' cash, employees, age, capability. Writes: removes firms (compacting the
// columns once), regions' employed, exit events and counts, the ledger of exited firms; drops
// the ties of the firms that left and renumbers tie endpoints and suppliers' leaders.
//
// A firm is in distress while cash < −(floor + floor_e·e); it exits when distress has lasted more
// than graceYears·T ticks, or by a hazard h·exp(−age/age_scale)·(c̄/c)^β per year (liability of
// newness: falls with age and capability). Firms born this tick are spared the hazard.
import type { Scenario } from '../../scenarios/schema.ts';
import { compactFirms, meanCapability, survivorIndex } from '../firms.ts';
import { remapBuyers, remapTies } from '../ties.ts';
import { EVENT, logEvent, recordExit } from '../log.ts';
import type { Stream } from '../rng.ts';
import type { World } from '../world.ts';
import type { RunContext } from '../context.ts';
import { belowTickProbability, exp, pow } from '../math.ts';

/** Ages (ticks) beyond this are computed each time rather than kept (a bound on the table's size). */
const AGE_TABLE_LIMIT = 1 << 16;

export function exit(world: World, params: Scenario, rng: Stream): void {
  const p = params.mechanisms.exit;
  if (!p.enabled) return;
  const { firms } = world;
  const tpy = world.ticksPerYear;
  const n = firms.count;
  const grace = Math.round(p.graceYears * tpy);
  const { cash, employees, distress, alive, birth, capability } = firms;
  const meanC = p.hazard > 0 && p.hazardCapabilityElasticity !== 0 ? meanCapability(firms) : 1;
  let dead = 0;
  const ctx = world.context.exit;
  // exp(−(age/T)/age_scale) depends on the age in ticks only: computed once per age and run.
  let ageFactors = p.hazard > 0 ? ageFactorTable(ctx, p.hazardAgeScale, 0) : ctx.ageFactor;
  for (let i = 0; i < n; i++) {
    if (cash[i] < -(p.cashFloor + p.cashFloorPerEmployee * employees[i])) distress[i]++;
    else distress[i] = 0;
    let leaves = distress[i] > grace;
    if (!leaves && p.hazard > 0 && birth[i] < world.tick) {
      const age = world.tick - birth[i];
      let factor: number;
      if (age < AGE_TABLE_LIMIT) {
        if (age >= ageFactors.length) ageFactors = ageFactorTable(ctx, p.hazardAgeScale, age);
        factor = ageFactors[age]; // NaN: not computed yet
        // `+`: the call may not be inlined here, and its result must not box `factor`.
        if (factor !== factor) factor = ageFactors[age] = +exp(-(age / tpy) / p.hazardAgeScale);
      } else {
        factor = +exp(-(age / tpy) / p.hazardAgeScale);
      }
      let annual = p.hazard * factor;
      if (p.hazardCapabilityElasticity !== 0) annual *= pow(meanC / capability[i], p.hazardCapabilityElasticity);
      leaves = belowTickProbability(rng.uniform(), annual, tpy);
    }
    if (leaves) {
      alive[i] = 0;
      dead++;
    }
  }
  if (dead === 0) return;
  // Firm indices are held by tie endpoints and by suppliers' `buyer` (set only by the supply
  // process): without either, nothing needs renumbering.
  const buyers = params.mechanisms.supply.enabled;
  const renumber = buyers || world.ties.count > 0;
  if (renumber && ctx.remap.length < n) ctx.remap = new Int32Array(firms.capacity);
  const remap = renumber ? survivorIndex(firms, ctx.remap) : ctx.remap;
  compactFirms(firms, (i) => {
    const r = firms.region[i];
    world.regions.employed[r] -= firms.employees[i];
    world.counts.exits[r]++;
    logEvent(world.events, world.tick, EVENT.exit, firms.id[i], firms.parent[i], r, firms.segment[i], firms.capability[i], firms.employees[i]);
    recordExit(world.ledger, firms, i, world.tick);
  });
  remapTies(world.ties, firms, remap); // with no ties, only marks the adjacency stale
  if (buyers) remapBuyers(firms, remap);
}

/**
 * The exit hazard's age factors by age in ticks (NaN: not computed yet), for this age scale (T is
 * the world's), at least `age` + 1 long (grown by doubling; emptied when the age scale differs).
 */
function ageFactorTable(ctx: RunContext['exit'], ageScale: number, age: number): Float64Array {
  if (ctx.ageScale !== ageScale) {
    ctx.ageFactor.fill(NaN);
    ctx.ageScale = ageScale;
  }
  if (ctx.ageFactor.length <= age) {
    const grown = new Float64Array(Math.max(256, 2 * ctx.ageFactor.length, age + 1)).fill(NaN);
    grown.set(ctx.ageFactor);
    ctx.ageFactor = grown;
  }
  return ctx.ageFactor;
}
