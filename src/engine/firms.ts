// Firms as a struct of typed arrays: one column per state variable, indexed 0..count-1.
// Ids are stable (never reused); indices are not (exit compacts the columns once per tick).
// Columns are replaced when capacity doubles, so processes read them from `firms` each time.

export const FIRM_KINDS = ['startup', 'spinoff', 'academicSpinoff', 'branch', 'relocated'] as const;
export type FirmKind = (typeof FIRM_KINDS)[number];
export const KIND = { startup: 0, spinoff: 1, academicSpinoff: 2, branch: 3, relocated: 4 } as const;

export const FIRM_ROLES = ['independent', 'leader', 'supplier'] as const;
export type FirmRole = (typeof FIRM_ROLES)[number];
export const ROLE = { independent: 0, leader: 1, supplier: 2 } as const;

/**
 * A firm's function in the value chain, from low to high value added (the smile curve, Shih 1992;
 * Humphrey & Schmitz 2002): assembly/processing for others (OEM), own design (ODM), own brand
 * (OBM), services and R&D. Functional upgrading moves a firm one step up.
 */
export const FIRM_FUNCTIONS = ['assembly', 'design', 'brand', 'services'] as const;
export type FirmFunction = (typeof FIRM_FUNCTIONS)[number];

/** The column layout: name → typed-array constructor. Adding a column here adds it everywhere. */
const COLUMNS = {
  id: Int32Array,
  parent: Int32Array, // -1: none (startups, branches, academic spin-offs)
  kind: Uint8Array,
  role: Uint8Array,
  champion: Uint8Array, // specialised "hidden champion" SME
  region: Uint16Array, // regions ≤ 65,535 (the scenario schema's limit): 2 bytes, not 4
  segment: Uint16Array, // position on the technology ring, 0..S-1 (S ≤ 256)
  variety: Float64Array, // position inside the segment, on a circle [0, 1) (differentiation; 0 when off)
  crowding: Float64Array, // ρ: supply near the firm's variety relative to an even spread (set by market)
  birth: Int32Array, // tick of birth (age = tick - birth)
  capability: Float64Array,
  employees: Float64Array,
  cash: Float64Array,
  rd: Float64Array, // R&D intensity: share of revenue spent on R&D
  revenue: Float64Array, // last tick, per tick
  profit: Float64Array, // last tick, per tick
  learned: Float64Array, // capability gained from others this tick (knowledge inflow, set by learning)
  distress: Int32Array, // consecutive ticks with cash below the exit floor
  anchor: Uint8Array, // chain leader designated by the scenario (never demoted by the ranking)
  buyer: Int32Array, // index of the leader this firm supplies (-1: none); remapped on compaction
  supplySince: Int32Array, // tick the supply tie to `buyer` began
  promo: Int16Array, // promotion organisation the firm is a member of (-1: none; ≤ 32,767 of them)
  degree: Uint16Array, // collaboration ties of the firm (see ties.ts; maxTies ≤ 65,535)
  embeddedness: Float64Array, // Σ trust of local ties (and a local supply tie) / maxTies, set by networking
  agglomeration: Float64Array, // φ: Marshallian advantage from related local firms (0..1), set by agglomeration
  function: Uint8Array, // value-chain function, index into FIRM_FUNCTIONS (set by upgrading)
  alive: Uint8Array,
} as const;

type Columns = { [K in keyof typeof COLUMNS]: InstanceType<(typeof COLUMNS)[K]> };
export type FirmColumn = keyof typeof COLUMNS;
export const FIRM_COLUMNS = Object.keys(COLUMNS) as FirmColumn[];

/**
 * Columns that belong to one mechanism and hold 0 for every firm while it is off: variety and
 * crowding (differentiated competition), agglomeration φ (local returns), embeddedness
 * (networking). A run without the mechanism keeps them `idle`: one zero-filled array serves all of
 * them, so it pays no memory per firm for them.
 */
export const MECHANISM_COLUMNS = ['variety', 'crowding', 'agglomeration', 'embeddedness'] as const;
export type MechanismColumn = (typeof MECHANISM_COLUMNS)[number];

export interface Firms extends Columns {
  count: number;
  capacity: number;
  nextId: number;
  /** Value-chain function of every new firm (the scenario's `upgrading.functional.initial`). */
  entryFunction: number;
  /** The idle mechanism columns (all the same zero-filled array; nothing but addFirm's zeros is written to it). */
  idle: readonly MechanismColumn[];
  /** The other columns: the ones that grow and move with the firms. */
  live: readonly FirmColumn[];
}

export function createFirms(capacity = 1024, idle: readonly MechanismColumn[] = []): Firms {
  const live = FIRM_COLUMNS.filter((name) => !(idle as readonly string[]).includes(name));
  const firms = { count: 0, capacity, nextId: 0, entryFunction: 0, idle, live } as unknown as Firms;
  for (const name of live) {
    (firms as unknown as Record<string, unknown>)[name] = new COLUMNS[name](capacity);
  }
  shareIdle(firms, capacity);
  return firms;
}

function shareIdle(firms: Firms, capacity: number): void {
  if (firms.idle.length === 0) return;
  const zeros = new Float64Array(capacity);
  for (const name of firms.idle) (firms as unknown as Record<string, unknown>)[name] = zeros;
}

function grow(firms: Firms, minCapacity: number): void {
  let cap = firms.capacity;
  while (cap < minCapacity) cap *= 2;
  for (const name of firms.live) {
    const old = firms[name];
    const next = new COLUMNS[name](cap);
    next.set(old.subarray(0, firms.count) as never);
    (firms as unknown as Record<string, unknown>)[name] = next;
  }
  shareIdle(firms, cap);
  firms.capacity = cap;
}

export interface NewFirm {
  parent: number;
  kind: number;
  role: number;
  champion: boolean;
  region: number;
  segment: number;
  birth: number;
  capability: number;
  employees: number;
  cash: number;
  rd: number;
}

/** Appends a firm and returns its index. Its id is the next unused one. */
export function addFirm(firms: Firms, f: NewFirm): number {
  if (firms.count === firms.capacity) grow(firms, firms.count + 1);
  const i = firms.count++;
  firms.id[i] = firms.nextId++;
  firms.parent[i] = f.parent;
  firms.kind[i] = f.kind;
  firms.role[i] = f.role;
  firms.champion[i] = f.champion ? 1 : 0;
  firms.region[i] = f.region;
  firms.segment[i] = f.segment;
  firms.variety[i] = 0; // set by the caller when differentiation is on
  firms.crowding[i] = 0;
  firms.birth[i] = f.birth;
  firms.capability[i] = f.capability;
  firms.employees[i] = f.employees;
  firms.cash[i] = f.cash;
  firms.rd[i] = f.rd;
  firms.revenue[i] = 0;
  firms.profit[i] = 0;
  firms.learned[i] = 0;
  firms.distress[i] = 0;
  firms.anchor[i] = 0;
  firms.buyer[i] = -1;
  firms.supplySince[i] = 0;
  firms.promo[i] = -1;
  firms.degree[i] = 0;
  firms.embeddedness[i] = 0;
  firms.agglomeration[i] = 0;
  firms.function[i] = firms.entryFunction;
  firms.alive[i] = 1;
  return i;
}

/**
 * Where each firm will be after `compactFirms`: remap[i] = its new index, or -1 if it leaves.
 * Call before compacting; columns that hold firm indices (`buyer`, tie endpoints) are rewritten
 * with it. `into` (long enough) is filled and returned instead of a new array; entries beyond n
 * are left as they were.
 */
export function survivorIndex(firms: Firms, into?: Int32Array): Int32Array {
  const n = firms.count;
  const remap = into && into.length >= n ? into : new Int32Array(n);
  let next = 0;
  for (let i = 0; i < n; i++) remap[i] = firms.alive[i] ? next++ : -1;
  return remap;
}

/**
 * Removes the firms whose `alive` is 0, keeping the order of the others: one pass to report the
 * removed ones (`onRemove(i)`, before they are overwritten) and find the runs of survivors, then
 * each column moves those runs with copyWithin (a memmove each, not a loop per firm).
 */
export function compactFirms(firms: Firms, onRemove: (i: number) => void): number {
  const n = firms.count;
  const alive = firms.alive;
  const runs: number[] = []; // (from, to, destination) of each run of survivors after the first gap
  let write = -1;
  let runStart = -1;
  for (let i = 0; i < n; i++) {
    if (alive[i]) {
      if (write >= 0 && runStart < 0) runStart = i;
      continue;
    }
    onRemove(i);
    if (write < 0) write = i;
    else if (runStart >= 0) {
      runs.push(runStart, i, write);
      write += i - runStart;
      runStart = -1;
    }
  }
  if (write < 0) return 0;
  if (runStart >= 0) {
    runs.push(runStart, n, write);
    write += n - runStart;
  }
  for (const name of firms.live) {
    const col = firms[name];
    for (let k = 0; k < runs.length; k += 3) col.copyWithin(runs[k + 2], runs[k], runs[k + 1]);
  }
  alive.fill(1, 0, write);
  firms.count = write;
  return n - write;
}

/** Mean capability of the firms (1 when there are none, so ratios to it stay finite). */
export function meanCapability(firms: Firms): number {
  const n = firms.count;
  if (n === 0) return 1;
  const c = firms.capability;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += c[i];
  return sum / n;
}
