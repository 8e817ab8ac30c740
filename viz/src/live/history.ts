// A clicked firm's history. The engine keeps no per-firm series, but a run is a function of its
// scenario and seed: the history is read by replaying the run from tick 0 to the tick shown and
// recording the firm at each tick (employment, capability, ties). Its parent and spin-offs come
// from the firm columns and the ledger of exited firms.
import { startRun } from '../../../src/engine/run.ts';
import { FIRM_KINDS, KIND, ROLE } from '../../../src/engine/firms.ts';
import type { World } from '../../../src/engine/world.ts';
import type { Scenario } from '../../../src/scenarios/schema.ts';

export interface FirmHistory {
  id: number;
  kind: string;
  leader: boolean;
  region: string;
  segment: number;
  birth: number;
  /** Tick it left, or null while alive at `upTo`. */
  death: number | null;
  parent: number | null;
  /** Ids of its spin-offs so far. */
  children: number[];
  ticks: number[];
  employees: number[];
  capability: number[];
  ties: number[];
}

/** Replays `scenario` with `seed` to tick `upTo`, recording firm `id` (null if it never existed). */
export function firmHistory(scenario: Scenario, seed: number, id: number, upTo: number): FirmHistory | null {
  const sim = startRun(scenario, { seed });
  const h: FirmHistory = { id, kind: '', leader: false, region: '', segment: 0, birth: 0, death: null, parent: null, children: [], ticks: [], employees: [], capability: [], ties: [] };
  let seen = false;
  const record = (w: World) => {
    const i = indexOf(w, id);
    if (i < 0) {
      if (seen && h.death === null) h.death = w.tick;
      return;
    }
    if (!seen) {
      seen = true;
      h.kind = FIRM_KINDS[w.firms.kind[i]] ?? String(w.firms.kind[i]);
      h.leader = w.firms.role[i] === ROLE.leader;
      h.birth = w.firms.birth[i];
      h.parent = w.firms.kind[i] === KIND.spinoff && w.firms.parent[i] >= 0 ? w.firms.parent[i] : null;
    }
    h.region = w.regions.names[w.firms.region[i]];
    h.segment = w.firms.segment[i];
    h.ticks.push(w.tick);
    h.employees.push(w.firms.employees[i]);
    h.capability.push(w.firms.capability[i]);
    h.ties.push(w.firms.degree[i]);
  };
  record(sim.world);
  while (sim.world.tick < upTo && !sim.done) {
    sim.step();
    record(sim.world);
  }
  if (!seen) return null;
  h.children = childrenOf(sim.world, id);
  return h;
}

function indexOf(w: World, id: number): number {
  const ids = w.firms.id;
  for (let i = 0; i < w.firms.count; i++) if (ids[i] === id) return i;
  return -1;
}

function childrenOf(w: World, id: number): number[] {
  const out: number[] = [];
  const { firms, ledger } = w;
  for (let i = 0; i < firms.count; i++) if (firms.kind[i] === KIND.spinoff && firms.parent[i] === id) out.push(firms.id[i]);
  for (let k = 0; k < ledger.count; k++) if (ledger.kind[k] === KIND.spinoff && ledger.parent[k] === id) out.push(ledger.id[k]);
  return out.sort((a, b) => a - b);
}
