// Entry incentives of subsidyRace and coordination (seed 004's race to the bottom versus
// a common rule with benefit sharing). Entry adds `incentiveOffered(world, r)` to region r's
// subsidy term in the logit location choice, and calls `payIncentive(world, r)` when an entrant
// picks r.
//
// subsidyRace: each region r where the lever is on keeps an incentive I_r. It starts at x_r (Σ
// intensity of the race levers on in r) when the lever comes on; then each tick, from last tick's
// values, I_r ← max(x_r, I_r + min(1, speed/T)·(min(cap, (1 + margin)·max_{q on, q ≠ r} I_q) − I_r)).
// With no rival on, I_r falls back to x_r. Off: I_r = 0. Offered: I_r while the race levers of r
// can pay it (canPay ≥ I_r), else 0; paid from r's race levers (`pay`).
// coordination: every active coordination lever l offers its intensity in each region where it is
// on (while available(l) ≥ intensity); the payment for an entrant is booked equally over all
// the regions where l is on, wherever the entrant located (benefit and cost sharing).
import type { World } from '../world.ts';
import { LEVER } from './catalogue.ts';
import { activeLevers, available, book, canPay, intensityOf, pay, paramOf } from './state.ts';

interface Race {
  incentive: Float64Array;
  on: Uint8Array;
  previous: Float64Array;
}

const races = new WeakMap<World, Race>();

/** Called by policy/regional.ts each tick after the levers were switched. */
export function updateIncentives(world: World): void {
  const P = world.policy;
  const k = LEVER.subsidyRace;
  if (!P.levers.some((l) => l.kind === k)) return;
  const R = world.regions.count;
  let race = races.get(world);
  if (!race) {
    race = { incentive: new Float64Array(R), on: new Uint8Array(R), previous: new Float64Array(R) };
    races.set(world, race);
  }
  const { incentive: I, on, previous } = race;
  previous.set(I);
  const wasOn = on.slice();
  for (let r = 0; r < R; r++) on[r] = activeLevers(P, 'subsidyRace', r).length > 0 ? 1 : 0;
  const tpy = world.ticksPerYear;
  for (let r = 0; r < R; r++) {
    if (!on[r]) {
      I[r] = 0;
      continue;
    }
    const floor = intensityOf(P, 'subsidyRace', r, R);
    if (!wasOn[r]) {
      I[r] = floor;
      continue;
    }
    let rival = 0;
    for (let q = 0; q < R; q++) if (q !== r && wasOn[q] && on[q]) rival = Math.max(rival, previous[q]);
    const target = Math.min(paramOf(P, 'subsidyRace', r, 'cap'), (1 + paramOf(P, 'subsidyRace', r, 'margin')) * rival);
    const step = Math.min(1, paramOf(P, 'subsidyRace', r, 'speed') / tpy);
    I[r] = Math.max(floor, previous[r] + step * (target - previous[r]));
  }
}

/** Region r's race incentive this tick (0 when off). */
export function raceIncentive(world: World, r: number): number {
  return races.get(world)?.incentive[r] ?? 0;
}

function raceOffer(world: World, r: number): number {
  const I = raceIncentive(world, r);
  return I > 0 && canPay(world.policy, 'subsidyRace', r) >= I ? I : 0;
}

/** Incentive per entrant that region r offers through subsidyRace / coordination (0: none). */
export function incentiveOffered(world: World, r: number): number {
  const P = world.policy;
  if (P.levers.length === 0) return 0;
  let offer = raceOffer(world, r);
  const k = LEVER.coordination;
  for (const l of P.levers) if (l.kind === k && l.active[r] && l.intensity > 0 && available(l) >= l.intensity) offer += l.intensity;
  return offer;
}

/** Pays the incentive for an entrant that located in region r. */
export function payIncentive(world: World, r: number): void {
  const P = world.policy;
  if (P.levers.length === 0) return;
  const I = raceOffer(world, r);
  if (I > 0) pay(P, 'subsidyRace', r, I);
  const k = LEVER.coordination;
  for (const l of P.levers) {
    if (l.kind !== k || !l.active[r] || !(l.intensity > 0) || available(l) < l.intensity) continue;
    let on = 0;
    for (let q = 0; q < l.active.length; q++) on += l.active[q];
    for (let q = 0; q < l.active.length; q++) if (l.active[q]) book(P, l, q, l.intensity / on);
  }
}
