// The live map of one world on a 2-D canvas: a disc per region (area ∝ its firms) at the region's
// place, every firm a dot in its segment's wedge (area ∝ employment, colour = segment or kind),
// chain leaders ringed, research organisations as squares and promotion organisations as diamonds
// at the centres, and the ties of this tick — within a region grey (local buzz), between regions
// blue (pipelines). Dots are batched into one path per colour: smooth at 10,000 firms.
import { KIND, ROLE } from '../../../src/engine/firms.ts';
import { orgOf } from '../../../src/engine/ties.ts';
import type { MapWorld } from '../../../src/report/snapshot.ts';
import { drawFlows, regionFlows, type FlowStats } from './flows.ts';
import { firmOffset, fitToBox, regionPositions, regionRadii, type Point } from './layout.ts';

export type ColourBy = 'segment' | 'kind';

export interface MapOptions {
  width: number;
  height: number;
  colourBy: ColourBy;
  showTies: boolean;
  /** Use the regions' coordinates (false when the scenario gives a distance matrix instead). */
  useCoordinates: boolean;
  /** Id of a firm to mark (clicked), or null. */
  selected?: number | null;
}

/** What was drawn: read by the page's monitors and by the browser tests. */
export interface MapStats {
  firms: number;
  firmsByRegion: number[];
  ties: number;
  localTies: number;
  /** Member firms of promotion organisations (spokes to their hub). */
  members: number;
  /** Where firm i was drawn: (positions[2i], positions[2i+1]) in CSS pixels. */
  positions: Float64Array;
  /** Migration, cross-region supply and barriers drawn between the regions (flows.ts). */
  flows: FlowStats;
}

const KIND_COLOURS: Record<number, string> = {
  [KIND.startup]: '#0072B2', [KIND.spinoff]: '#D55E00', [KIND.academicSpinoff]: '#009E73', [KIND.branch]: '#CC79A7', [KIND.relocated]: '#E69F00',
};
export const KIND_LABELS: [string, string][] = [
  ['start-up', KIND_COLOURS[KIND.startup]], ['spin-off', KIND_COLOURS[KIND.spinoff]], ['academic spin-off', KIND_COLOURS[KIND.academicSpinoff]],
  ['branch', KIND_COLOURS[KIND.branch]], ['relocated', KIND_COLOURS[KIND.relocated]],
];

export function segmentColour(s: number, S: number): string {
  return `hsl(${Math.round((360 * s) / Math.max(1, S))}, 65%, 45%)`;
}

/** The largest disc of a region: a fifth of the canvas with several regions, most of it with one. */
export function maxRegionRadius(world: MapWorld, o: MapOptions): number {
  return world.regions.count > 1 ? Math.min(o.width, o.height) / 5 : Math.min(o.width, o.height) / 2.4;
}

/**
 * The regions' layout (before fitting to a canvas), once per run: it depends on the scenario only
 * (its distance matrix is one array for the whole run), and MDS is no work for every frame.
 */
const layouts = new WeakMap<object, { useCoordinates: boolean; points: Point[] }>();
function regionLayout(world: MapWorld, useCoordinates: boolean): Point[] {
  const cached = layouts.get(world.distance);
  if (cached && cached.useCoordinates === useCoordinates) return cached.points;
  const { regions } = world;
  const points = regionPositions(regions.x, regions.y, world.distance, regions.count, useCoordinates);
  layouts.set(world.distance, { useCoordinates, points });
  return points;
}

/** Region centres on the canvas for this world (stable: they depend on the scenario only). */
export function regionCentres(world: MapWorld, o: MapOptions): Point[] {
  const raw = regionLayout(world, o.useCoordinates);
  // Room for the largest disc and its label inside the canvas.
  return fitToBox(raw, o.width, o.height, maxRegionRadius(world, o) + 24);
}

/** Where firm i is drawn (its region's centre plus its fixed offset in the disc). */
export function firmPoint(world: MapWorld, i: number, centres: readonly Point[], radii: readonly number[]): Point {
  const { firms } = world;
  const r = firms.region[i];
  const off = firmOffset(firms.id[i], firms.segment[i], world.segments.count);
  return { x: centres[r].x + radii[r] * off.x, y: centres[r].y + radii[r] * off.y };
}

export function drawMap(ctx: CanvasRenderingContext2D, world: MapWorld, o: MapOptions): MapStats {
  const { firms, regions, ties } = world;
  const R = regions.count;
  const n = firms.count;
  const byRegion = new Array<number>(R).fill(0);
  for (let i = 0; i < n; i++) byRegion[firms.region[i]]++;
  const centres = regionCentres(world, o);
  const maxRadius = maxRegionRadius(world, o);
  const radii = regionRadii(centres, byRegion, maxRadius);

  ctx.clearRect(0, 0, o.width, o.height);
  ctx.fillStyle = '#fbfbf8';
  ctx.fillRect(0, 0, o.width, o.height);
  for (let r = 0; r < R; r++) {
    ctx.beginPath();
    ctx.arc(centres[r].x, centres[r].y, radii[r] + 4, 0, 2 * Math.PI);
    ctx.fillStyle = 'rgba(120,120,120,0.08)';
    ctx.fill();
    ctx.strokeStyle = 'rgba(120,120,120,0.35)';
    ctx.stroke();
  }

  // Ties first, under the firms.
  const pos = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const p = firmPoint(world, i, centres, radii);
    pos[2 * i] = p.x;
    pos[2 * i + 1] = p.y;
  }
  let drawnTies = 0;
  let local = 0;
  if (o.showTies && ties.count > 0) {
    const localPath = new Path2D();
    const farPath = new Path2D();
    for (let t = 0; t < ties.count; t++) {
      const a = ties.a[t];
      const b = ties.b[t];
      if (a < 0 || a >= n) continue;
      const org = orgOf(b);
      const ra = firms.region[a];
      const rb = org >= 0 ? world.researchOrgs.region[org] : firms.region[b];
      const [bx, by] = org >= 0 ? [centres[rb].x, centres[rb].y] : [pos[2 * b], pos[2 * b + 1]];
      const path = ra === rb ? localPath : farPath;
      path.moveTo(pos[2 * a], pos[2 * a + 1]);
      path.lineTo(bx, by);
      drawnTies++;
      if (ra === rb) local++;
    }
    ctx.lineWidth = 0.6;
    ctx.strokeStyle = 'rgba(90,90,90,0.25)';
    ctx.stroke(localPath);
    ctx.strokeStyle = 'rgba(0,90,200,0.45)';
    ctx.stroke(farPath);
  }
  // Promotion organisations as hubs: a spoke from each member firm to its organisation's diamond.
  let members = 0;
  if (o.showTies && world.promotion.count > 0) {
    const spokes = new Path2D();
    for (let i = 0; i < n; i++) {
      const k = firms.promo[i];
      if (k < 0) continue;
      const hub = promotionPoint(centres, radii, k, firms.region[i]);
      spokes.moveTo(pos[2 * i], pos[2 * i + 1]);
      spokes.lineTo(hub.x, hub.y);
      members++;
    }
    ctx.lineWidth = 0.5;
    ctx.strokeStyle = 'rgba(230,159,0,0.35)';
    ctx.stroke(spokes);
  }

  // Firms: one path per colour.
  const paths = new Map<string, Path2D>();
  const leaders = new Path2D();
  const S = world.segments.count;
  for (let i = 0; i < n; i++) {
    const colour = o.colourBy === 'segment' ? segmentColour(firms.segment[i], S) : (KIND_COLOURS[firms.kind[i]] ?? '#777');
    let path = paths.get(colour);
    if (!path) paths.set(colour, (path = new Path2D()));
    const size = Math.min(9, 1.2 + Math.sqrt(Math.max(0, firms.employees[i])) / 3);
    path.moveTo(pos[2 * i] + size, pos[2 * i + 1]);
    path.arc(pos[2 * i], pos[2 * i + 1], size, 0, 2 * Math.PI);
    if (firms.role[i] === ROLE.leader) {
      leaders.moveTo(pos[2 * i] + size + 2.5, pos[2 * i + 1]);
      leaders.arc(pos[2 * i], pos[2 * i + 1], size + 2.5, 0, 2 * Math.PI);
    }
  }
  ctx.globalAlpha = 0.85;
  for (const [colour, path] of paths) {
    ctx.fillStyle = colour;
    ctx.fill(path);
  }
  ctx.globalAlpha = 1;
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = '#111';
  ctx.stroke(leaders);

  drawOrganisations(ctx, world, centres, radii);
  const flows = regionFlows(world);
  drawFlows(ctx, flows, centres, radii);
  if (o.selected !== null && o.selected !== undefined) {
    for (let i = 0; i < n; i++) {
      if (firms.id[i] !== o.selected) continue;
      ctx.beginPath();
      ctx.arc(pos[2 * i], pos[2 * i + 1], 11, 0, 2 * Math.PI);
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = '#e00';
      ctx.stroke();
    }
  }
  ctx.fillStyle = '#222';
  ctx.font = '12px system-ui, sans-serif';
  ctx.textAlign = 'center';
  for (let r = 0; r < R; r++) ctx.fillText(`${regions.names[r]} (${byRegion[r]})`, centres[r].x, centres[r].y - radii[r] - 8);
  return { firms: n, firmsByRegion: byRegion, ties: drawnTies, localTies: local, members, positions: pos, flows };
}

/** Where promotion organisation k is drawn in region r. */
function promotionPoint(centres: readonly Point[], radii: readonly number[], k: number, r: number): Point {
  return { x: centres[r].x + radii[r] * 0.15 + k * 10, y: centres[r].y + 10 };
}

/** Research organisations (squares) and promotion organisations (diamonds) near their region's centre. */
function drawOrganisations(ctx: CanvasRenderingContext2D, world: MapWorld, centres: readonly Point[], radii: readonly number[]): void {
  const orgs = world.researchOrgs;
  ctx.lineWidth = 1.5;
  for (let k = 0; k < orgs.count; k++) {
    const c = centres[orgs.region[k]];
    const dx = (k % 3) * 9 - 9;
    ctx.fillStyle = '#fff';
    ctx.strokeStyle = '#009E73';
    ctx.fillRect(c.x + dx - 4, c.y - 4, 8, 8);
    ctx.strokeRect(c.x + dx - 4, c.y - 4, 8, 8);
  }
  const promo = world.promotion;
  const R = world.regions.count;
  for (let k = 0; k < promo.count; k++) {
    for (let r = 0; r < R; r++) {
      if (!promo.inRegion[k * R + r]) continue;
      const { x, y } = promotionPoint(centres, radii, k, r);
      ctx.beginPath();
      ctx.moveTo(x, y - 6);
      ctx.lineTo(x + 6, y);
      ctx.lineTo(x, y + 6);
      ctx.lineTo(x - 6, y);
      ctx.closePath();
      ctx.fillStyle = world.tick >= promo.startTick[k] ? '#E69F00' : '#fff';
      ctx.fill();
      ctx.strokeStyle = '#8a5a00';
      ctx.stroke();
    }
  }
}
