// What the map, tie network and genealogy pictures read of a world (viz/src/live/): the live view
// passes the world itself; a report carries snapshots — these fields copied at chosen ticks of a
// run replayed in Node (`mapSnapshots`), as plain JSON. Browser-safe apart from `mapSnapshots`'s
// engine run, which is pure too.
import { startRun } from '../engine/run.ts';
import type { World } from '../engine/world.ts';
import type { Scenario } from '../scenarios/schema.ts';

type Column = ArrayLike<number>;

/** The part of a World the pictures read (a World is one). */
export interface MapWorld {
  tick: number;
  ticksPerYear: number;
  firms: {
    count: number;
    id: Column; region: Column; segment: Column; employees: Column; kind: Column; role: Column;
    promo: Column; buyer: Column; parent: Column; birth: Column; capability: Column; degree: Column;
  };
  regions: { count: number; names: readonly string[]; x: Column; y: Column; province: Column };
  segments: { count: number };
  distance: Column;
  friction: Column;
  researchOrgs: { count: number; region: Column };
  promotion: { count: number; inRegion: Column; startTick: Column };
  ties: { count: number; a: Column; b: Column };
  ledger: { count: number; id: Column; kind: Column; parent: Column; birth: Column; capability: Column };
  /** Migrants a → b this tick: migration.flow[a·R + b] (empty without migration). */
  context: { migration: { flow: Column } };
}

/** A MapWorld as plain JSON (typed arrays as number lists, up to each count). */
export function snapshotOf(w: World): MapWorld {
  const take = (col: Column, n: number) => Array.from({ length: n }, (_, i) => col[i]);
  const n = w.firms.count;
  const f = w.firms;
  const R = w.regions.count;
  const P = w.promotion.count;
  const L = w.ledger.count;
  const T = w.ties.count;
  return {
    tick: w.tick,
    ticksPerYear: w.ticksPerYear,
    firms: {
      count: n,
      id: take(f.id, n), region: take(f.region, n), segment: take(f.segment, n), employees: take(f.employees, n), kind: take(f.kind, n),
      role: take(f.role, n), promo: take(f.promo, n), buyer: take(f.buyer, n), parent: take(f.parent, n), birth: take(f.birth, n),
      capability: take(f.capability, n), degree: take(f.degree, n),
    },
    regions: { count: R, names: [...w.regions.names], x: take(w.regions.x, R), y: take(w.regions.y, R), province: take(w.regions.province, R) },
    segments: { count: w.segments.count },
    distance: take(w.distance, R * R),
    friction: take(w.friction, R * R),
    researchOrgs: { count: w.researchOrgs.count, region: take(w.researchOrgs.region, w.researchOrgs.count) },
    promotion: { count: P, inRegion: take(w.promotion.inRegion, P * R), startTick: take(w.promotion.startTick, P) },
    ties: { count: T, a: take(w.ties.a, T), b: take(w.ties.b, T) },
    ledger: {
      count: L, id: take(w.ledger.id, L), kind: take(w.ledger.kind, L), parent: take(w.ledger.parent, L), birth: take(w.ledger.birth, L),
      capability: take(w.ledger.capability, L),
    },
    context: { migration: { flow: take(w.context.migration.flow, Math.min(w.context.migration.flow.length, R * R)) } },
  };
}

/** Snapshots of the run (scenario, seed, `ticks` long) at each of `at` (ascending, ≤ ticks). */
export function mapSnapshots(scenario: Scenario, seed: number, ticks: number, at: readonly number[]): MapWorld[] {
  const sim = startRun(scenario, { seed, ticks });
  const out: MapWorld[] = [];
  for (const t of [...at].sort((a, b) => a - b)) {
    while (sim.world.tick < t && !sim.done) sim.step();
    out.push(snapshotOf(sim.world));
  }
  return out;
}

/** The ticks a report pictures by default: a quarter, half, three quarters and the end of the run. */
export function pictureTicks(ticks: number): number[] {
  return [...new Set([0.25, 0.5, 0.75, 1].map((q) => Math.round(q * ticks)))].filter((t) => t > 0);
}
