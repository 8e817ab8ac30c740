// Snapshots of the tie network for ties.csv: at the ticks `output.ties` asks for, the run loop
// appends every collaboration tie and every supply tie (supplier → leader) as one row of a
// columnar log (typed arrays that double, no per-edge objects). Firms are recorded by id, which
// is stable, not by index, which exit compaction changes.
import type { Scenario } from '../scenarios/schema.ts';
import { growColumns } from './columns.ts';
import type { World } from './world.ts';

export const TIE_KINDS = ['collaboration', 'supply'] as const;
export const TIE_KIND = { collaboration: 0, supply: 1 } as const;

export interface TieLog {
  count: number;
  capacity: number;
  tick: Int32Array;
  kind: Uint8Array;
  /** Firm id of endpoint a (collaboration) or of the supplier (supply). */
  a: Int32Array;
  /** Firm id of endpoint b or of the leader; a research organisation k is −1 − k. */
  b: Int32Array;
  regionA: Int32Array;
  regionB: Int32Array;
  /** Trust of a collaboration tie; NaN for supply ties (they carry none). */
  trust: Float64Array;
  /** Ticks since the tie formed (collaboration) or the supply tie began (supply). */
  age: Int32Array;
}

export function createTieLog(capacity = 1024): TieLog {
  return {
    count: 0, capacity,
    tick: new Int32Array(capacity), kind: new Uint8Array(capacity), a: new Int32Array(capacity),
    b: new Int32Array(capacity), regionA: new Int32Array(capacity), regionB: new Int32Array(capacity),
    trust: new Float64Array(capacity), age: new Int32Array(capacity),
  };
}

function reserve(log: TieLog, extra: number): void {
  if (log.count + extra > log.capacity) log.capacity = growColumns(log, log.count + extra);
}

/**
 * The ticks (1..ticks) at which `output.ties` asks for a snapshot: every `every` ticks, the listed
 * ticks (0 is the initial state), and the last tick when `final`. Null when it asks for none.
 */
export function tieSnapshotTicks(spec: Scenario['output']['ties'], ticks: number): Uint8Array | null {
  const due = new Uint8Array(ticks + 1);
  let any = false;
  const mark = (t: number) => {
    if (t >= 0 && t <= ticks) { due[t] = 1; any = true; }
  };
  if (spec.every > 0) for (let t = spec.every; t <= ticks; t += spec.every) mark(t);
  for (const t of spec.ticks) mark(t);
  if (spec.final) mark(ticks);
  return any ? due : null;
}

/** Appends the world's current ties: collaboration ties in edge-list order, then supply ties by supplier index. */
export function recordTies(log: TieLog, world: World): void {
  const { ties, firms } = world;
  const { id, region, buyer, supplySince } = firms;
  const orgRegion = world.researchOrgs.region;
  const t = world.tick;
  let suppliers = 0;
  for (let i = 0; i < firms.count; i++) if (buyer[i] >= 0) suppliers++;
  reserve(log, ties.count + suppliers);
  let w = log.count;
  for (let e = 0; e < ties.count; e++, w++) {
    const a = ties.a[e];
    const b = ties.b[e];
    log.tick[w] = t;
    log.kind[w] = TIE_KIND.collaboration;
    log.a[w] = id[a];
    log.b[w] = b >= 0 ? id[b] : b;
    log.regionA[w] = region[a];
    log.regionB[w] = b >= 0 ? region[b] : orgRegion[-1 - b];
    log.trust[w] = ties.trust[e];
    log.age[w] = t - ties.birth[e];
  }
  for (let i = 0; i < firms.count; i++) {
    const l = buyer[i];
    if (l < 0) continue;
    log.tick[w] = t;
    log.kind[w] = TIE_KIND.supply;
    log.a[w] = id[i];
    log.b[w] = id[l];
    log.regionA[w] = region[i];
    log.regionB[w] = region[l];
    log.trust[w] = NaN;
    log.age[w] = t - supplySince[i];
    w++;
  }
  log.count = w;
}
