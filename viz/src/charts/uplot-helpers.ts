// What every uPlot chart of the report shares: variant colours, axis style, y tick labels, the
// x values in years, NaN → gap, and the spans of equal lifecycle stages for shading.
import type uPlot from 'uplot';
import { VARIANT_COLOURS, type ReportData } from '../../../src/report/model.ts';
import { formatTicks } from './format.ts';

export function variantColour(i: number): string {
  return VARIANT_COLOURS[i % VARIANT_COLOURS.length];
}

export function rgba(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

const AXIS_FONT = '12px system-ui, sans-serif';
const LABEL_FONT = 'bold 12px system-ui, sans-serif';

export function axis(label: string, extra: uPlot.Axis = {}): uPlot.Axis {
  return { label, font: AXIS_FONT, labelFont: LABEL_FONT, labelSize: 20, stroke: '#333', grid: { stroke: '#e5e5e5', width: 1 }, ticks: { stroke: '#ccc', width: 1 }, ...extra };
}

/**
 * Tick labels of a uPlot y axis (formatTicks: as many digits as the ticks need), also written on
 * the chart's figure as data-y-ticks ("0|0.25|0.5"), for readers of the page and the tests.
 */
export function yValues(u: uPlot, splits: number[]): string[] {
  const labels = formatTicks(splits);
  u.root?.closest('[data-chart]')?.setAttribute('data-y-ticks', labels.join('|'));
  return labels;
}

export function years(data: ReportData): number[] {
  return data.ticks.map((t) => t / data.ticksPerYear);
}

export function clean(values: readonly number[] | undefined, n: number): (number | null)[] {
  const out: (number | null)[] = new Array(n).fill(null);
  if (!values) return out;
  for (let i = 0; i < n; i++) out[i] = Number.isFinite(values[i]) ? values[i] : null;
  return out;
}

/** Contiguous runs of the same stage: [stage, first index, last index]. */
export function stageSpans(stages: readonly string[]): [string, number, number][] {
  const spans: [string, number, number][] = [];
  stages.forEach((s, i) => {
    const last = spans[spans.length - 1];
    if (last && last[0] === s) last[2] = i;
    else spans.push([s, i, i]);
  });
  return spans;
}

/** An interval as a vertical whisker with caps at both ends, at canvas x between canvas ys ya and yb. */
export function whisker(ctx: CanvasRenderingContext2D, x: number, ya: number, yb: number, cap: number, colour: string): void {
  ctx.strokeStyle = colour;
  ctx.beginPath();
  ctx.moveTo(x, ya); ctx.lineTo(x, yb);
  ctx.moveTo(x - cap, ya); ctx.lineTo(x + cap, ya);
  ctx.moveTo(x - cap, yb); ctx.lineTo(x + cap, yb);
  ctx.stroke();
}

/**
 * Names every chart's canvas for screen readers: role img and a label from the chart's title, its
 * axes and its lines (uPlot draws on a bare canvas).
 */
export function labelCanvases(plots: readonly uPlot[]): void {
  for (const u of plots) {
    const canvas = u.root.querySelector('canvas');
    if (!canvas) continue;
    const title = u.root.querySelector('.u-title')?.textContent ?? '';
    const axes = u.axes.map((a) => (typeof a.label === 'string' ? a.label : '')).filter(Boolean);
    const lines = u.series.slice(1).map((s) => (typeof s.label === 'string' ? s.label : '')).filter(Boolean);
    const parts = [title || 'chart', axes.length === 2 ? `${axes[1]} against ${axes[0]}` : axes.join(', '), lines.length ? `lines: ${lines.join(', ')}` : ''];
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', parts.filter(Boolean).join('; '));
  }
}
