// What every uPlot chart of the report shares: variant colours, axis style, y tick labels, the
// x values in years, NaN → gap, and the spans of equal lifecycle stages for shading.
import type uPlot from 'uplot';
import { VARIANT_COLOURS, type MetricInfo, type ReportData } from '../../../src/report/model.ts';
import { formatTick } from './format.ts';

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

/** Tick labels with as many decimals as the tick spacing needs; 12k / 1.5M for large values. */
export function yValues(_u: uPlot, splits: number[]): string[] {
  const step = splits.length > 1 ? Math.abs(splits[1] - splits[0]) : 0;
  const big = splits.some((v) => Math.abs(v) >= 1e4);
  if (big) return splits.map((v) => formatTick(v));
  const decimals = step > 0 ? Math.min(8, Math.max(0, -Math.floor(Math.log10(step) + 1e-9))) : 2;
  return splits.map((v) => (Number.isFinite(v) ? (v === 0 ? '0' : v.toFixed(decimals)) : ''));
}

export function withUnit(metric: MetricInfo | undefined, name: string): string {
  return metric?.unit ? `${name} (${metric.unit})` : name;
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
