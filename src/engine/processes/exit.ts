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
import { belowTickProbability, exp, pow } from '../math.ts';

export function exit(world: World, params: Scenario, rng: Stream): void {
  const p = params.mechanisms.exit;
  if (!p.enabled) return;
  const { firms } = world;
  const tpy = world.ticksPerYear;
  const n = firms.count;
  const grace = Math.round(p.graceYears * tpy);
  const { cash, employees, distress, alive, birth, capability } = firms;
  const meanC = p.hazard > 0 ? meanCapability(firms) : 1;
  let dead = 0;
  // exp(−age/age_scale) of the last birth tick seen: firms born in the same tick sit side by side
  // (new firms are appended, compaction keeps the order), so most firms reuse their neighbour's.
  let factorBirth = NaN;
  let ageFactor = 0;
  for (let i = 0; i < n; i++) {
    if (cash[i] < -(p.cashFloor + p.cashFloorPerEmployee * employees[i])) distress[i]++;
    else distress[i] = 0;
    let leaves = distress[i] > grace;
    if (!leaves && p.hazard > 0 && birth[i] < world.tick) {
      if (birth[i] !== factorBirth) {
        factorBirth = birth[i];
        ageFactor = exp(-((world.tick - factorBirth) / tpy) / p.hazardAgeScale);
      }
      let annual = p.hazard * ageFactor;
      if (p.hazardCapabilityElasticity !== 0) annual *= pow(meanC / capability[i], p.hazardCapabilityElasticity);
      leaves = belowTickProbability(rng.uniform(), annual, tpy);
    }
    if (leaves) {
      alive[i] = 0;
      dead++;
    }
  }
  if (dead === 0) return;
  const ctx = world.context.exit;
  if (ctx.remap.length < n) ctx.remap = new Int32Array(firms.capacity);
  const remap = survivorIndex(firms, ctx.remap);
  compactFirms(firms, (i) => {
    const r = firms.region[i];
    world.regions.employed[r] -= firms.employees[i];
    world.counts.exits[r]++;
    logEvent(world.events, world.tick, EVENT.exit, firms.id[i], firms.parent[i], r, firms.segment[i], firms.capability[i], firms.employees[i]);
    recordExit(world.ledger, firms, i, world.tick);
  });
  remapTies(world.ties, firms, remap);
  remapBuyers(firms, remap);
}
