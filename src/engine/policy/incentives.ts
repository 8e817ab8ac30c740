// Entry incentives of subsidyRace and coordination (seed 004: the race to the bottom versus cost
// and benefit sharing). Entry adds `incentiveOffered(world, r)` to region r's subsidy term in the
// logit location choice, and calls `payIncentive(world, r)` when an entrant picks r.
//
// subsidyRace: each region r where the lever is on keeps an incentive I_r, by the rule of its
// first active race lever (x_r: Σ intensity of the race levers on in r, the lowest offer):
// - bestResponse (default): when the lever comes on in r and at the start of every budget year,
//   I_r = the government's best response to the other regions' current offers (government.ts):
//   argmax over [x_r, cap] of (value − I)·E_r(I, I_−r) with I·E_r(I) ≤ what r's race levers can
//   pay this year. All regions choose at once from the same offers (simultaneous best responses).
// - escalate: I_r = x_r when the lever comes on; then each tick, from last tick's values,
//   I_r ← max(x_r, I_r + min(1, speed/T)·(min(cap, (1 + margin)·max_{q on, q ≠ r} I_q) − I_r)).
//   With no rival on, I_r falls back to x_r.
// Off: I_r = 0. Offered: I_r while the race levers of r can pay it (canPay ≥ I_r), else 0; paid
// from r's race levers (`pay`).
// coordination: every active coordination lever l offers one common incentive c_l in each region
// where it is on (while available(l) ≥ c_l): its intensity (rule fixed), or (rule joint, default)
// the common offer chosen when it comes on and each budget year, argmax over [intensity, cap] of
// Σ_{r on} (value − c)·E_r(c) with c·Σ E_r ≤ available(l). The payment for an entrant is booked
// equally over all the regions where l is on, wherever the entrant located (cost and benefit
// sharing).
import type { Scenario } from '../../scenarios/schema.ts';
import type { World } from '../world.ts';
import { LEVER } from './catalogue.ts';
import { bestResponse, forecastOf, jointOffer, type Forecast } from './government.ts';
import { activeLevers, available, book, canPay, intensityOf, pay, paramOf, ruleOf, type PolicyLever } from './state.ts';

const isJoint = (l: PolicyLever): boolean => l.kind === LEVER.coordination && l.rule === 'joint';

/** Called by policy/regional.ts each tick after the levers were switched. */
export function updateIncentives(world: World, params: Scenario): void {
  const P = world.policy;
  const k = LEVER.subsidyRace;
  const anyRace = P.levers.some((l) => l.kind === k);
  if (!anyRace && !P.levers.some(isJoint)) return;
  const R = world.regions.count;
  let race = world.context.race;
  if (!race) {
    race = {
      incentive: new Float64Array(R), on: new Uint8Array(R), previous: new Float64Array(R),
      common: new Float64Array(P.levers.length), commonOn: new Uint8Array(P.levers.length),
    };
    world.context.race = race;
  }
  const { incentive: I, on, previous, common, commonOn } = race;
  previous.set(I);
  const wasOn = on.slice();
  for (let r = 0; r < R; r++) on[r] = activeLevers(P, 'subsidyRace', r).length > 0 ? 1 : 0;
  const tpy = world.ticksPerYear;
  const newYear = (world.tick - 1) % tpy === 0;
  // What every region offers now (last choices), read by the governments' forecasts.
  const current = new Float64Array(R);
  for (let r = 0; r < R; r++) current[r] = wasOn[r] && on[r] ? previous[r] : 0;
  for (const l of P.levers) {
    if (l.kind !== LEVER.coordination) continue;
    const c = isJoint(l) && commonOn[l.index] ? common[l.index] : l.intensity;
    for (let r = 0; r < R; r++) if (l.active[r]) current[r] += c;
  }
  let forecast: Forecast | null | undefined;
  const forecastNow = (): Forecast | null => (forecast === undefined ? (forecast = forecastOf(world, params)) : forecast);
  if (anyRace) {
    for (let r = 0; r < R; r++) {
      if (!on[r]) {
        I[r] = 0;
        continue;
      }
      const floor = intensityOf(P, 'subsidyRace', r, R);
      if (ruleOf(P, 'subsidyRace', r) === 'bestResponse') {
        if (wasOn[r] && !newYear) continue; // keeps this year's choice
        const f = forecastNow();
        const cap = paramOf(P, 'subsidyRace', r, 'cap');
        I[r] = f ? bestResponse(f, current, r, paramOf(P, 'subsidyRace', r, 'value'), floor, cap, canPay(P, 'subsidyRace', r)) : floor;
        continue;
      }
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
  for (const l of P.levers) {
    if (!isJoint(l)) continue;
    const lOn = l.active.some((a) => a === 1);
    if (!lOn) {
      commonOn[l.index] = 0;
      continue;
    }
    if (!commonOn[l.index] || newYear) {
      const f = forecastNow();
      common[l.index] = f ? jointOffer(f, current, l.active, l.params.value, l.intensity, l.params.cap, available(l)) : l.intensity;
    }
    commonOn[l.index] = 1;
  }
}

/** Region r's race incentive this tick (0 when off). */
export function raceIncentive(world: World, r: number): number {
  return world.context.race?.incentive[r] ?? 0;
}

/** The common incentive coordination lever l offers this tick (its intensity under rule fixed). */
export function commonIncentive(world: World, l: PolicyLever): number {
  return isJoint(l) ? (world.context.race?.common[l.index] ?? l.intensity) : l.intensity;
}

/** What lever l offers per entrant in region r this tick, for policy.csv (NaN: not an incentive lever). */
export function leverOffer(world: World, l: PolicyLever, r: number): number {
  if (l.kind === LEVER.subsidyRace) return l.active[r] ? raceIncentive(world, r) : 0;
  if (l.kind === LEVER.coordination) return l.active[r] ? commonIncentive(world, l) : 0;
  return NaN;
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
  for (const l of P.levers) {
    if (l.kind !== k || !l.active[r]) continue;
    const c = commonIncentive(world, l);
    if (c > 0 && available(l) >= c) offer += c;
  }
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
    if (l.kind !== k || !l.active[r]) continue;
    const c = commonIncentive(world, l);
    if (!(c > 0) || available(l) < c) continue;
    let on = 0;
    for (let q = 0; q < l.active.length; q++) on += l.active[q];
    for (let q = 0; q < l.active.length; q++) if (l.active[q]) book(P, l, q, c / on);
  }
}
