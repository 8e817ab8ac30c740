// The spin-off genealogy (Klepper's picture): every firm that spawned or was spawned, alive or
// exited, as a dot at its birth (x) in its family's band (y), an elbow from parent to child; the
// largest families in colour, the rest grey; exited firms hollow. Families are the trees of
// parent → spin-off links (spin-offs are the firms of kind `spinoff`; the parent is a firm id).
// Built from the live world's firms and its ledger of exited firms (firms.csv's rows).
import { KIND } from '../../../src/engine/firms.ts';
import type { MapWorld } from '../../../src/report/snapshot.ts';

export interface Genealogy {
  /** Firms in a family (a parent or a spin-off), ordered family by family, depth first by birth. */
  ids: number[];
  birth: number[];
  alive: boolean[];
  capability: number[];
  /** Index (into ids) of each firm's parent, −1 for a family's founder. */
  parentIndex: number[];
  /** Family of each firm: 0 = the largest. */
  family: number[];
  familySizes: number[];
  /** Parent → spin-off links (= spin-off events of firms whose parent is a firm). */
  edges: number;
}

/** The spin-off families of the world so far. */
export function genealogyOf(world: MapWorld): Genealogy {
  const { firms, ledger } = world;
  const byId = new Map<number, { birth: number; alive: boolean; capability: number; parent: number }>();
  for (let k = 0; k < ledger.count; k++) {
    byId.set(ledger.id[k], { birth: ledger.birth[k], alive: false, capability: ledger.capability[k], parent: ledger.kind[k] === KIND.spinoff ? ledger.parent[k] : -1 });
  }
  for (let i = 0; i < firms.count; i++) {
    byId.set(firms.id[i], { birth: firms.birth[i], alive: true, capability: firms.capability[i], parent: firms.kind[i] === KIND.spinoff ? firms.parent[i] : -1 });
  }
  const children = new Map<number, number[]>();
  let edges = 0;
  for (const [id, f] of byId) {
    if (f.parent < 0 || !byId.has(f.parent)) continue;
    edges++;
    if (!children.has(f.parent)) children.set(f.parent, []);
    children.get(f.parent)!.push(id);
  }
  // Founders: firms with children and no parent in the record.
  const founders = [...children.keys()].filter((id) => {
    const p = byId.get(id)!.parent;
    return p < 0 || !byId.has(p);
  });
  const size = (id: number): number => 1 + (children.get(id) ?? []).reduce((s, c) => s + size(c), 0);
  const sized = founders.map((id) => ({ id, size: size(id) })).sort((a, b) => b.size - a.size || byId.get(a.id)!.birth - byId.get(b.id)!.birth || a.id - b.id);
  const g: Genealogy = { ids: [], birth: [], alive: [], capability: [], parentIndex: [], family: [], familySizes: sized.map((f) => f.size), edges };
  sized.forEach(({ id }, family) => {
    const stack: [number, number][] = [[id, -1]];
    while (stack.length) {
      const [at, parent] = stack.pop()!;
      const f = byId.get(at)!;
      const index = g.ids.length;
      g.ids.push(at);
      g.birth.push(f.birth);
      g.alive.push(f.alive);
      g.capability.push(f.capability);
      g.parentIndex.push(parent);
      g.family.push(family);
      const kids = [...(children.get(at) ?? [])].sort((a, b) => byId.get(b)!.birth - byId.get(a)!.birth || b - a);
      for (const c of kids) stack.push([c, index]); // latest pushed first: popped earliest-born first
    }
  });
  return g;
}

const FAMILY_COLOURS = ['#D55E00', '#0072B2', '#009E73', '#CC79A7', '#E69F00'];

/** How the genealogy is coloured: the five largest families, or each firm's capability (low blue → high red). */
export type GenealogyColour = 'family' | 'capability';

/** Draws the genealogy over ticks 0 … `ticks` into the canvas area. */
export function drawGenealogy(ctx: CanvasRenderingContext2D, g: Genealogy, ticks: number, width: number, height: number, colourBy: GenealogyColour = 'family'): void {
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = '#fbfbf8';
  ctx.fillRect(0, 0, width, height);
  const left = 40;
  const right = width - 12;
  const top = 14;
  const bottom = height - 24;
  const n = g.ids.length;
  const x = (tick: number) => left + ((right - left) * tick) / Math.max(1, ticks);
  const y = (k: number) => top + ((bottom - top) * (k + 0.5)) / Math.max(1, n);
  const [cLo, cHi] = g.capability.length ? [Math.min(...g.capability), Math.max(...g.capability)] : [0, 1];
  const byCapability = (k: number) => `hsl(${Math.round(230 - 230 * ((g.capability[k] - cLo) / (cHi - cLo || 1)))}, 70%, 45%)`;
  const colour = colourBy === 'capability'
    ? byCapability
    : (k: number) => (g.family[k] < FAMILY_COLOURS.length ? FAMILY_COLOURS[g.family[k]] : '#9a9a9a');
  ctx.lineWidth = 0.8;
  for (let k = 0; k < n; k++) {
    const p = g.parentIndex[k];
    if (p < 0) continue;
    ctx.strokeStyle = colour(k);
    ctx.beginPath();
    ctx.moveTo(x(g.birth[p]), y(p));
    ctx.lineTo(x(g.birth[p]), y(k));
    ctx.lineTo(x(g.birth[k]), y(k));
    ctx.stroke();
  }
  const r = n > 400 ? 1.5 : 3;
  for (let k = 0; k < n; k++) {
    ctx.beginPath();
    ctx.arc(x(g.birth[k]), y(k), r, 0, 2 * Math.PI);
    if (g.alive[k]) {
      ctx.fillStyle = colour(k);
      ctx.fill();
    } else {
      ctx.strokeStyle = colour(k);
      ctx.stroke();
    }
  }
  ctx.fillStyle = '#333';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.fillText(`tick 0`, left, height - 8);
  ctx.textAlign = 'right';
  ctx.fillText(`tick ${ticks}`, right, height - 8);
  ctx.textAlign = 'left';
  const largest = g.familySizes.slice(0, FAMILY_COLOURS.length).join(', ');
  const key = colourBy === 'capability' ? `; colour: capability ${cLo.toPrecision(3)} (blue) to ${cHi.toPrecision(3)} (red)` : '';
  ctx.fillText(n === 0 ? 'no spin-offs yet' : `${g.familySizes.length} families, ${g.edges} spin-offs; largest: ${largest} firms${key}`, left, 11);
}
