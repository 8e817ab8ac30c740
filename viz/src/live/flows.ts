// Between regions on the live map: the tick's net migration (purple arrows, width ∝ √workers, from
// the migration process's flows), supply links that cross regions (brown arrows, width ∝ √links:
// a supplier in a, its chain leader in b) and administrative barriers (a dashed bar across the
// line between two regions of different provinces, thicker with more friction).
import type { MapWorld } from '../../../src/report/snapshot.ts';
import type { Point } from './layout.ts';

export interface FlowStats {
  /** Net migrants a → b this tick, for pairs with a positive net flow. */
  migration: { from: number; to: number; workers: number }[];
  /** Suppliers in `from` whose chain leader is in `to` (from ≠ to). */
  supply: { from: number; to: number; links: number }[];
  /** Region pairs with a barrier between them (different provinces, friction > 0). */
  barriers: { a: number; b: number; friction: number }[];
}

export function regionFlows(world: MapWorld): FlowStats {
  const R = world.regions.count;
  const out: FlowStats = { migration: [], supply: [], barriers: [] };
  const flow = world.context.migration.flow;
  if (flow.length >= R * R) {
    for (let a = 0; a < R; a++) {
      for (let b = 0; b < R; b++) {
        const net = flow[a * R + b] - flow[b * R + a];
        if (a !== b && net > 0) out.migration.push({ from: a, to: b, workers: net });
      }
    }
  }
  const { firms } = world;
  const links = new Map<number, number>();
  for (let i = 0; i < firms.count; i++) {
    const buyer = firms.buyer[i];
    if (buyer < 0 || buyer >= firms.count) continue;
    const a = firms.region[i];
    const b = firms.region[buyer];
    if (a !== b) links.set(a * R + b, (links.get(a * R + b) ?? 0) + 1);
  }
  for (const [k, n] of [...links].sort((x, y) => x[0] - y[0])) out.supply.push({ from: Math.floor(k / R), to: k % R, links: n });
  const { province } = world.regions;
  for (let a = 0; a < R; a++) {
    for (let b = a + 1; b < R; b++) {
      const f = world.friction[a * R + b];
      if (province[a] !== province[b] && f > 0) out.barriers.push({ a, b, friction: f });
    }
  }
  return out;
}

export function drawFlows(ctx: CanvasRenderingContext2D, flows: FlowStats, centres: readonly Point[], radii: readonly number[]): void {
  for (const { a, b, friction } of flows.barriers) {
    const [p, q] = [centres[a], centres[b]];
    const mx = (p.x + q.x) / 2;
    const my = (p.y + q.y) / 2;
    const len = Math.hypot(q.x - p.x, q.y - p.y) || 1;
    const [nx, ny] = [-(q.y - p.y) / len, (q.x - p.x) / len];
    ctx.setLineDash([5, 4]);
    ctx.lineWidth = 1.5 + 3 * Math.min(1, friction);
    ctx.strokeStyle = 'rgba(120,0,0,0.55)';
    ctx.beginPath();
    ctx.moveTo(mx - 22 * nx, my - 22 * ny);
    ctx.lineTo(mx + 22 * nx, my + 22 * ny);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  const biggest = Math.max(1, ...flows.migration.map((m) => m.workers));
  for (const m of flows.migration) arrow(ctx, centres[m.from], centres[m.to], radii[m.from], radii[m.to], 1 + 6 * Math.sqrt(m.workers / biggest), 'rgba(120,40,160,0.7)', 22);
  const most = Math.max(1, ...flows.supply.map((s) => s.links));
  for (const s of flows.supply) arrow(ctx, centres[s.from], centres[s.to], radii[s.from], radii[s.to], 1 + 5 * Math.sqrt(s.links / most), 'rgba(140,80,20,0.7)', 8);
}

/** A curved arrow from disc p to disc q, bent `bend` pixels to one side (a → b and b → a apart). */
function arrow(ctx: CanvasRenderingContext2D, p: Point, q: Point, rp: number, rq: number, width: number, colour: string, bend: number): void {
  const len = Math.hypot(q.x - p.x, q.y - p.y);
  if (len < rp + rq + 4) return;
  const [ux, uy] = [(q.x - p.x) / len, (q.y - p.y) / len];
  const start = { x: p.x + ux * (rp + 4), y: p.y + uy * (rp + 4) };
  const end = { x: q.x - ux * (rq + 6), y: q.y - uy * (rq + 6) };
  const ctrl = { x: (start.x + end.x) / 2 - uy * bend * 3, y: (start.y + end.y) / 2 + ux * bend * 3 };
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.moveTo(start.x, start.y);
  ctx.quadraticCurveTo(ctrl.x, ctrl.y, end.x, end.y);
  ctx.stroke();
  const [dx, dy] = [end.x - ctrl.x, end.y - ctrl.y];
  const d = Math.hypot(dx, dy) || 1;
  const [hx, hy] = [dx / d, dy / d];
  const head = 6 + width;
  ctx.beginPath();
  ctx.moveTo(end.x, end.y);
  ctx.lineTo(end.x - hx * head - hy * head * 0.5, end.y - hy * head + hx * head * 0.5);
  ctx.lineTo(end.x - hx * head + hy * head * 0.5, end.y - hy * head - hx * head * 0.5);
  ctx.closePath();
  ctx.fill();
}
