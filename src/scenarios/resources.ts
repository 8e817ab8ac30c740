// What a run will need, estimated before it starts, so that a scenario the machine cannot hold is
// refused with a message (and `--force` to start anyway) instead of thrashing or dying in an
// allocation, and a long one is announced with its expected time. The estimate counts what grows with the scenario's sizes; it is a lower bound of
// the run's memory, made from the sizes the engine allocates (docs/PERFORMANCE.md: 126 bytes per
// firm slot with every mechanism on, capacity doubling; series of every metric per tick and
// region; region × region matrices; ties).
import { totalmem } from 'node:os';
import { METRICS } from '../engine/metrics.ts';
import type { Scenario } from './schema.ts';

/** Bytes per firm slot with every mechanism on (PERFORMANCE.md), and slots per live firm (capacity doubles). */
const FIRM_SLOT_BYTES = 126;
const SLOTS_PER_FIRM = 2;
/** A tie: two endpoints, trust, birth, last interaction (ties.ts). */
const TIE_BYTES = 4 + 4 + 8 + 4 + 4;

/** The firms a scenario starts with: explicit and generated together. */
export function initialFirms(scenario: Scenario): number {
  return scenario.firms.initial.reduce((s, f) => s + f.count, 0) + (scenario.firms.generate?.count ?? 0);
}

export interface RunEstimate {
  bytes: number;
  parts: { firms: number; series: number; regions: number; ties: number };
}

export function estimateRun(scenario: Scenario, ticks: number): RunEstimate {
  const firms = initialFirms(scenario);
  const R = scenario.regions.length;
  const parts = {
    firms: Math.max(firms, 1024) * SLOTS_PER_FIRM * FIRM_SLOT_BYTES,
    series: (ticks + 1) * (R + 1) * METRICS.length * 8,
    regions: R * R * 8 * 4, // distance, friction, spillover weights, migration flows
    ties: scenario.mechanisms.networking.enabled ? firms * scenario.mechanisms.networking.maxTies * TIE_BYTES : 0,
  };
  return { bytes: parts.firms + parts.series + parts.regions + parts.ties, parts };
}

/** Runs at once (workers) that fit: the estimate of each times `at once` within this share of the machine's memory. */
const MEMORY_SHARE = 0.75;

/**
 * Why `runs` runs of `scenario` at once cannot fit in this machine's memory, or null. The message
 * says how much, of what, and how to go on.
 */
export function memoryProblem(scenario: Scenario, ticks: number, runs: number, memory = totalmem()): string | null {
  const e = estimateRun(scenario, ticks);
  const need = e.bytes * runs;
  if (need <= MEMORY_SHARE * memory) return null;
  const gb = (b: number) => `${(b / 2 ** 30).toFixed(b < 2 ** 30 ? 2 : 1)} GB`;
  const largest = Object.entries(e.parts).sort((a, b) => b[1] - a[1])[0];
  return `${runs > 1 ? `${runs} runs at once` : 'this run'} would need at least ${gb(need)} of memory ` +
    `(most of it ${largest[0]}: ${gb(largest[1] * runs)}); this machine has ${gb(memory)}. ` +
    'Use fewer firms, regions or ticks (or fewer --workers), or add --force to start anyway';
}

/**
 * Seconds of one run's parts, measured on the development machine (2 vCPUs, Node 20; RELIABILITY.md,
 * "Time"): a firm-tick at 100,000 firms (scale: 5 M firm-ticks/s); a region pair per tick and at
 * set-up (the region matrices; 3,000 and 8,000 regions on a grid: 24–25 ns a pair and tick, about
 * 100 ns a pair to set up); a tick's fixed cost (default: 0.15–0.3 ms a tick at 180 firms). A
 * rough guide: other machines differ by 2–3×, regions without coordinates run up to 4× faster,
 * and firms that multiply take longer.
 */
const FIRM_TICK_S = 200e-9;
const PAIR_TICK_S = 25e-9;
const PAIR_SETUP_S = 100e-9;
const TICK_S = 150e-6;

/** A run's expected seconds from its sizes (only the initial firms are known). */
export function estimateSeconds(scenario: Scenario, ticks: number): number {
  const firms = initialFirms(scenario);
  const pairs = scenario.regions.length ** 2;
  return ticks * (TICK_S + firms * FIRM_TICK_S + pairs * PAIR_TICK_S) + pairs * PAIR_SETUP_S;
}

/** Runs this long or longer are announced before they start. */
export const ANNOUNCE_SECONDS = 60;

function duration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 2 * 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
}

/**
 * The line that announces a long job (`runs` runs of these seconds each on `lanes` workers), or
 * null below ANNOUNCE_SECONDS: how long, and from what.
 */
export function timeNote(scenario: Scenario, ticks: number, runs: number, lanes: number): string | null {
  const each = estimateSeconds(scenario, ticks);
  const total = (each * runs) / Math.max(1, Math.min(lanes, runs));
  if (total < ANNOUNCE_SECONDS) return null;
  const firms = initialFirms(scenario);
  const count = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
  const what = `${count(firms, 'initial firm')}, ${count(scenario.regions.length, 'region')}, ${count(ticks, 'tick')}`;
  return `estimated time: about ${duration(total)}${runs > 1 ? ` (${runs.toLocaleString('en-US')} runs of about ${duration(each)} on ${Math.min(lanes, runs)} workers)` : ''}, ` +
    `from ${what} (a rough guide: more if the firms multiply)`;
}
