// One map of the live view: a run (startRun) of a scenario's variant and seed, stepped by the
// view, drawn on its own canvas. The view holds one pane, or two stepping together (a variant
// beside the base, same seed).
import { startRun, type Simulation } from '../../../src/engine/run.ts';
import type { Scenario } from '../../../src/scenarios/schema.ts';
import { drawMap, type ColourBy, type MapStats } from './map.ts';

export interface Pane {
  readonly canvas: HTMLCanvasElement;
  sim: Simulation;
  scenario: Scenario;
  variant: string;
  /** What the last draw showed (firm positions included, for clicks). */
  stats: MapStats;
}

export const NO_STATS: MapStats = { firms: 0, firmsByRegion: [], ties: 0, localTies: 0, members: 0, positions: new Float64Array(0), flows: { migration: [], supply: [], barriers: [] } };

export function createPane(canvas: HTMLCanvasElement, scenario: Scenario, variant: string, seed: number): Pane {
  return { canvas, sim: startRun(scenario, { seed }), scenario, variant, stats: NO_STATS };
}

/** Sizes a canvas to its CSS box in device pixels; returns the box in CSS pixels. */
export function fitCanvas(canvas: HTMLCanvasElement, fallbackHeight: number): { ctx: CanvasRenderingContext2D; width: number; height: number } {
  const ctx = canvas.getContext('2d')!;
  const dpr = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 800;
  const height = canvas.clientHeight || fallbackHeight;
  if (canvas.width !== Math.round(width * dpr)) canvas.width = Math.round(width * dpr);
  if (canvas.height !== Math.round(height * dpr)) canvas.height = Math.round(height * dpr);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return { ctx, width, height };
}

export function drawPane(pane: Pane, colourBy: ColourBy, showTies: boolean, selected: number | null): void {
  const { ctx, width, height } = fitCanvas(pane.canvas, 520);
  // A scenario with a distance matrix is laid out from it; otherwise the regions' coordinates.
  pane.stats = drawMap(ctx, pane.sim.world, { width, height, colourBy, showTies, useCoordinates: !pane.scenario.distances, selected });
  ctx.fillStyle = '#222';
  ctx.font = 'bold 13px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.fillText(pane.variant, 10, 20); // which run this map is (two side by side)
}

/** The index of the firm drawn nearest to (x, y) in CSS pixels, within `within` pixels; −1 if none. */
export function firmAt(stats: MapStats, x: number, y: number, within = 8): number {
  let best = -1;
  let bestD = within * within;
  const p = stats.positions;
  for (let i = 0; 2 * i < p.length; i++) {
    const d = (p[2 * i] - x) ** 2 + (p[2 * i + 1] - y) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}
