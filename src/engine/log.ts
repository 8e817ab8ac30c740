// Append-only columnar logs: firm events (events.csv) and the firms that have left (firms.csv).
// Columns grow by doubling; nothing per event is an object.
import { growColumns } from './columns.ts';
import type { Firms } from './firms.ts';

// New types are appended, so the codes of the older ones never change.
export const EVENT_TYPES = [
  'entry', 'branch_entry', 'spinoff', 'academic_spinoff', 'exit', 'relocation', 'lever_on', 'lever_off',
  'functional_upgrade', 'intersectoral_upgrade',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const EVENT = {
  entry: 0, branch_entry: 1, spinoff: 2, academic_spinoff: 3, exit: 4, relocation: 5, lever_on: 6, lever_off: 7,
  functional_upgrade: 8, intersectoral_upgrade: 9,
} as const;

export interface EventLog {
  enabled: boolean;
  count: number;
  tick: Int32Array;
  event: Int32Array;
  firm: Int32Array;
  parent: Int32Array;
  region: Int32Array;
  segment: Int32Array;
  capability: Float64Array;
  employees: Float64Array;
  /** Index of the lever for lever_on / lever_off (−1 for firm events). */
  lever: Int32Array;
}

export function createEventLog(enabled: boolean, capacity = 1024): EventLog {
  return {
    enabled, count: 0,
    tick: new Int32Array(capacity), event: new Int32Array(capacity), firm: new Int32Array(capacity),
    parent: new Int32Array(capacity), region: new Int32Array(capacity), segment: new Int32Array(capacity),
    capability: new Float64Array(capacity), employees: new Float64Array(capacity),
    lever: new Int32Array(capacity),
  };
}

export function logEvent(
  log: EventLog, tick: number, event: number, firm: number, parent: number,
  region: number, segment: number, capability: number, employees: number, lever = -1,
): void {
  if (!log.enabled) return;
  if (log.count === log.tick.length) growColumns(log, log.count + 1);
  const i = log.count++;
  log.tick[i] = tick; log.event[i] = event; log.firm[i] = firm; log.parent[i] = parent;
  log.region[i] = region; log.segment[i] = segment; log.capability[i] = capability; log.employees[i] = employees;
  log.lever[i] = lever;
}

/** A lever switched on or off in region r (its intensity in the capability column). */
export function logLever(log: EventLog, tick: number, on: boolean, lever: number, region: number, intensity: number): void {
  logEvent(log, tick, on ? EVENT.lever_on : EVENT.lever_off, -1, -1, region, -1, intensity, 0, lever);
}

/** Firms that have exited, with their final state (survivors are added when firms.csv is written). */
export interface FirmLedger {
  enabled: boolean;
  count: number;
  id: Int32Array;
  parent: Int32Array;
  kind: Int32Array;
  role: Int32Array;
  region: Int32Array;
  segment: Int32Array;
  birth: Int32Array;
  death: Int32Array;
  employees: Float64Array;
  capability: Float64Array;
}

export function createFirmLedger(enabled: boolean, capacity = 1024): FirmLedger {
  return {
    enabled, count: 0,
    id: new Int32Array(capacity), parent: new Int32Array(capacity), kind: new Int32Array(capacity),
    role: new Int32Array(capacity),
    region: new Int32Array(capacity), segment: new Int32Array(capacity), birth: new Int32Array(capacity),
    death: new Int32Array(capacity), employees: new Float64Array(capacity), capability: new Float64Array(capacity),
  };
}

/** Records firm i of `firms` as having left at tick `death`. */
export function recordExit(ledger: FirmLedger, firms: Firms, i: number, death: number): void {
  if (!ledger.enabled) return;
  if (ledger.count === ledger.id.length) growColumns(ledger, ledger.count + 1);
  const k = ledger.count++;
  ledger.id[k] = firms.id[i]; ledger.parent[k] = firms.parent[i]; ledger.kind[k] = firms.kind[i];
  ledger.role[k] = firms.role[i]; ledger.region[k] = firms.region[i]; ledger.segment[k] = firms.segment[i];
  ledger.birth[k] = firms.birth[i]; ledger.death[k] = death;
  ledger.employees[k] = firms.employees[i]; ledger.capability[k] = firms.capability[i];
}
