// Collaboration ties as an edge list (struct of arrays): endpoint `a` is a firm index, endpoint
// `b` a firm index or, when negative, a research organisation (b = −1 − k). Per-firm degree lives
// in `firms.degree`. Adjacency is a CSR index rebuilt lazily from the edge list in O(firms + ties)
// when the ties or the firm indices have changed, so no process ever visits pairs of firms.
// Supply ties are not here: each supplier holds its leader in `firms.buyer`.
import { growColumns } from './columns.ts';
import type { Firms } from './firms.ts';

export interface Ties {
  count: number;
  capacity: number;
  a: Int32Array;
  b: Int32Array;
  trust: Float64Array;
  birth: Int32Array; // tick the tie formed
  last: Int32Array; // tick of the last interaction
  /** Bumped whenever ties or firm indices change; the adjacency is valid for one version. */
  version: number;
}

/** CSR adjacency: ties of firm i are tie indices edges[start[i] .. start[i+1]). */
export interface Adjacency {
  version: number;
  firms: number;
  start: Int32Array;
  edges: Int32Array;
}

export function createTies(capacity = 256): Ties {
  return {
    count: 0, capacity, version: 0,
    a: new Int32Array(capacity), b: new Int32Array(capacity), trust: new Float64Array(capacity),
    birth: new Int32Array(capacity), last: new Int32Array(capacity),
  };
}

/** The research organisation at endpoint b, or -1 when b is a firm. */
export function orgOf(b: number): number {
  return b < 0 ? -1 - b : -1;
}

/** Endpoint code of research organisation k. */
export function orgEndpoint(k: number): number {
  return -1 - k;
}

/** Adds a tie between firm a and endpoint b (a firm index or orgEndpoint(k)); returns its index. */
export function addTie(ties: Ties, firms: Firms, a: number, b: number, trust: number, tick: number): number {
  if (ties.count === ties.capacity) ties.capacity = growColumns(ties, ties.count + 1);
  const t = ties.count++;
  ties.a[t] = a;
  ties.b[t] = b;
  ties.trust[t] = trust;
  ties.birth[t] = tick;
  ties.last[t] = tick;
  firms.degree[a]++;
  if (b >= 0) firms.degree[b]++;
  ties.version++;
  return t;
}

/** The other endpoint of tie t seen from firm i (a firm index or an org endpoint code). */
export function partnerOf(ties: Ties, t: number, i: number): number {
  return ties.a[t] === i ? ties.b[t] : ties.a[t];
}

/**
 * Removes the ties for which keep(t) is false, keeping the order of the others, and lowers the
 * degree of their firm endpoints. O(ties).
 */
export function removeTies(ties: Ties, firms: Firms, keep: (t: number) => boolean): number {
  let w = 0;
  const n = ties.count;
  for (let t = 0; t < n; t++) {
    if (!keep(t)) {
      firms.degree[ties.a[t]]--;
      if (ties.b[t] >= 0) firms.degree[ties.b[t]]--;
      continue;
    }
    if (w !== t) {
      ties.a[w] = ties.a[t]; ties.b[w] = ties.b[t]; ties.trust[w] = ties.trust[t];
      ties.birth[w] = ties.birth[t]; ties.last[w] = ties.last[t];
    }
    w++;
  }
  ties.count = w;
  if (w !== n) ties.version++;
  return n - w;
}

/**
 * After firms were compacted with `remap` (old index → new, -1: gone): drops the ties of firms
 * that left (lowering their surviving partner's degree) and renumbers the endpoints. Degrees are
 * already in the new order (the column moved with the firms), so drop first, in old indices.
 */
export function remapTies(ties: Ties, firms: Firms, remap: Int32Array): void {
  let w = 0;
  const n = ties.count;
  for (let t = 0; t < n; t++) {
    const a = remap[ties.a[t]];
    const b = ties.b[t] >= 0 ? remap[ties.b[t]] : ties.b[t];
    if (a < 0 || (ties.b[t] >= 0 && b < 0)) {
      if (a >= 0) firms.degree[a]--;
      if (ties.b[t] >= 0 && b >= 0) firms.degree[b]--;
      continue;
    }
    ties.a[w] = a; ties.b[w] = b; ties.trust[w] = ties.trust[t];
    ties.birth[w] = ties.birth[t]; ties.last[w] = ties.last[t];
    w++;
  }
  ties.count = w;
  ties.version++;
}

/** Re-points `firms.buyer` after compaction; a supplier whose leader left is unmatched. */
export function remapBuyers(firms: Firms, remap: Int32Array): void {
  const { buyer, role } = firms;
  for (let i = 0; i < firms.count; i++) {
    const b = buyer[i];
    if (b < 0) continue;
    buyer[i] = remap[b];
    if (buyer[i] < 0 && role[i] === 2 /* ROLE.supplier */) role[i] = 0;
  }
}

/** The CSR adjacency for the current ties and firms, rebuilt only when something changed. */
export function adjacency(ties: Ties, firms: Firms, cache: Adjacency | null): Adjacency {
  if (cache && cache.version === ties.version && cache.firms === firms.count) return cache;
  const n = firms.count;
  const start = cache && cache.start.length >= n + 1 ? cache.start : new Int32Array(firms.capacity + 1);
  const need = 2 * ties.count;
  const edges = cache && cache.edges.length >= need ? cache.edges : new Int32Array(Math.max(need, 2 * ties.capacity));
  start.fill(0, 0, n + 1);
  for (let t = 0; t < ties.count; t++) {
    start[ties.a[t] + 1]++;
    if (ties.b[t] >= 0) start[ties.b[t] + 1]++;
  }
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  for (let t = 0; t < ties.count; t++) {
    edges[fill[ties.a[t]]++] = t;
    if (ties.b[t] >= 0) edges[fill[ties.b[t]]++] = t;
  }
  return { version: ties.version, firms: n, start, edges };
}

/** True when firms (or firm and org endpoint) i and j are tied; O(degree of i). */
export function tied(ties: Ties, adj: Adjacency, i: number, j: number): boolean {
  for (let k = adj.start[i]; k < adj.start[i + 1]; k++) {
    if (partnerOf(ties, adj.edges[k], i) === j) return true;
  }
  return false;
}
