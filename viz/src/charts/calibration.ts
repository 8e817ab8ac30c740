// The calibration report (kind `calibration`): what a `clusterlab calibrate` folder holds, drawn
//   parameters        table: prior and its range, posterior median (smm: the estimate), 90 % interval
//   marginal-<path>   weighted histogram of the posterior over the prior's range (log x for a
//                     log-uniform prior), the first generation (the prior sample) lighter behind it
//   pair-<i>-<j>      each pair of parameters (up to MAX_PAIRS_PARAMS of them): the posterior's
//                     particles, opacity by weight, the median (or estimate) as a cross
//   tolerance         ε and the median distance per generation (smm: best distance per iteration), log y
//   fit               the posterior predictive check in units of each target's scale: observed
//                     interval (grey), simulated 90 % interval and mean (green reached, red not);
//                     the fit table repeats it in the targets' own units with an inline bar
import uPlot from 'uplot';
import type { CalibrationData, CalibrationFit, CalibrationParameter, Marginal } from '../../../src/report/model.ts';
import { el, section } from './dom.ts';
import { formatTicks, formatValue } from './format.ts';
import { axis, rgba, variantColour, whisker, yValues } from './uplot-helpers.ts';

/** Pairwise scatter for at most this many parameters (15 charts). */
export const MAX_PAIRS_PARAMS = 6;
const REACHED = '#009E73';
const MISSED = '#D55E00';
const POSTERIOR = variantColour(0);
/** A z beyond this is drawn at the edge of the fit chart (the table has the numbers). */
const Z_CLIP = 10;

const short = (path: string) => path.split('.').slice(-2).join('.');
const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

function xRange(p: CalibrationParameter): [number, number] {
  return p.prior === 'integer' ? [p.lo - 0.5, p.hi + 0.5] : [p.lo, p.hi];
}

function paramScale(p: CalibrationParameter): uPlot.Scale {
  const [lo, hi] = xRange(p);
  return p.prior === 'loguniform' ? { time: false, distr: 3, range: () => [lo, hi] } : { time: false, range: () => [lo, hi] };
}

const tickValues = (_u: uPlot, splits: number[]) => formatTicks(splits);

/** Ticks of a log axis at 1, 2, 5 × 10^k inside [lo, hi] (uPlot's own label only some of its many). */
function logSplits(u: uPlot, axisIdx: number): number[] {
  const key = u.axes[axisIdx].scale ?? (axisIdx === 0 ? 'x' : 'y');
  const { min, max } = u.scales[key];
  if (!finite(min) || !finite(max) || !(min > 0)) return [];
  const out: number[] = [];
  for (let k = Math.floor(Math.log10(min)); k <= Math.ceil(Math.log10(max)); k++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** k).toPrecision(3));
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) out.push(v);
    }
  }
  return out;
}

/** uPlot labels only the powers of ten of a log axis by default; label every 1-2-5 split. */
const keepAll = (_u: uPlot, splits: number[]) => splits;

/** An axis of a parameter: 1-2-5 ticks on a log-uniform prior's log scale. */
function paramAxis(p: CalibrationParameter, label: string, extra: uPlot.Axis = {}): uPlot.Axis {
  return axis(label, { values: tickValues, ...(p.prior === 'loguniform' ? { splits: logSplits, filter: keepAll } : {}), ...extra });
}

export function calibrationSections(root: HTMLElement, c: CalibrationData, widths: { full: number; half: number; third: number }, plots: uPlot[]): void {
  const summary = el('section', { class: 'report-section', 'data-section': 'calibration' });
  summary.append(el('h2', {}, 'Parameters'));
  const reached = c.fit.filter((f) => f.reached).length;
  summary.append(el('p', { class: 'note' },
    (c.stopped ? `Stopped: ${c.stopped}. ` : 'Not finished: the sampler has not stopped yet. ') +
    (c.finished ? `${reached} of ${c.fit.length} targets reached. ` : 'parameters.csv and fit.csv are not written yet; the posterior shown is the last generation so far. ') +
    (c.method === 'abc' ? 'Posterior: the last generation of ABC-SMC (weighted particles).' : 'Posterior: draws from the approximate normal of the simulated-method-of-moments estimate.')));
  summary.append(parameterTable(c));
  root.append(summary);

  const marg = section(root, 'marginals', 'Posterior marginals',
    'Bars: posterior weight per bin over the prior\'s range' + (c.marginals.some((m) => m.prior) ? '; grey: the first generation (the prior sample)' : '') + '. Log-uniform priors on a log axis.');
  c.marginals.forEach((m, j) => marginalChart(marg, m, c.parameters[j], widths.third, plots));

  const k = c.parameters.length;
  if (k >= 2) {
    const shown = Math.min(k, MAX_PAIRS_PARAMS);
    const pairs = section(root, 'pairs', 'Pairwise scatter',
      'Each dot a particle of the posterior, darker for more weight; cross: ' + (c.method === 'smm' ? 'the estimate.' : 'the posterior medians.') +
      (k > shown ? ` The first ${shown} of ${k} parameters.` : ''));
    for (let i = 0; i < shown; i++) for (let j = i + 1; j < shown; j++) pairChart(pairs, c, i, j, widths.third, plots);
  }

  const tol = section(root, 'tolerance', c.method === 'abc' ? 'Tolerance per generation' : 'Distance per iteration',
    c.method === 'abc'
      ? 'ε: the distance a candidate had to beat in the generation (none in generation 0, the prior sample); median distance of the accepted particles. Log scale.'
      : 'Best distance of the Nelder–Mead simplex per iteration. Log scale.');
  toleranceChart(tol, c, widths.half, plots);

  if (c.fit.length > 0) {
    const fit = section(root, 'fit', 'Posterior predictive check',
      'Per target, in units of its scale σ around its centre c ((value − c) / σ): grey, the observed interval; whisker, the simulated 90 % interval over ' +
      'the posterior\'s particles × seeds; dot, the simulated mean (share of seeds for a stage target). Green: reached (the intervals meet); red: NOT reached. Beyond ±' + Z_CLIP + ' σ, drawn at the edge (the table below has the numbers).');
    fitChart(fit, c.fit, widths, plots);
    fit.parentElement!.append(fitTable(c.fit));
  }
}

function parameterTable(c: CalibrationData): HTMLElement {
  const t = el('table', { class: 'calibration-table', 'data-table': 'parameters' });
  const head = el('tr');
  const centre = c.method === 'smm' ? 'estimate' : 'median';
  for (const h of ['parameter', 'prior', 'range', centre, '90 % interval', 'mean', 'sd']) head.append(el('th', {}, h));
  t.append(el('thead'));
  t.tHead!.append(head);
  const body = el('tbody');
  for (const p of c.parameters) {
    const tr = el('tr', { 'data-parameter': p.path });
    const mid = c.method === 'smm' && finite(p.estimate) ? p.estimate : p.median;
    tr.append(
      el('td', { class: 'text' }, p.path),
      el('td', { class: 'text' }, p.prior),
      el('td', {}, `[${formatValue(p.lo)}, ${formatValue(p.hi)}]`),
      el('td', { 'data-field': centre, 'data-value': String(mid) }, formatValue(mid)),
      el('td', {}, `[${formatValue(p.q05)}, ${formatValue(p.q95)}]`),
      el('td', {}, formatValue(p.mean)),
      el('td', {}, formatValue(p.sd)),
    );
    body.append(tr);
  }
  t.append(body);
  const wrap = el('div', { class: 'table-wrap' });
  wrap.append(t);
  return wrap;
}

/** Empty bins as gaps: a bar of height 0 would still draw its outline along the axis. */
const bins = (w: number[]) => w.map((v) => (v > 0 ? v : null));

function marginalChart(host: HTMLElement, m: Marginal, p: CalibrationParameter, width: number, plots: uPlot[]): void {
  const figure = el('figure', { class: 'chart', 'data-chart': `marginal-${m.path}` });
  host.append(figure);
  const centres = m.edges.slice(0, -1).map((a, i) => (m.log ? Math.sqrt(a * m.edges[i + 1]) : (a + m.edges[i + 1]) / 2));
  const top = Math.max(...m.posterior, ...(m.prior ?? [0]));
  const bars = uPlot.paths.bars!({ size: [0.92, Infinity], align: 0 });
  const series: uPlot.Series[] = [{ label: short(m.path), value: (_u, v) => (v === null ? '' : formatValue(v)) }];
  const data: uPlot.AlignedData = [centres];
  if (m.prior) {
    series.push({ label: 'first generation', stroke: '#aaa', fill: 'rgba(150,150,150,0.35)', width: 1, paths: bars, points: { show: false }, value: (_u, v) => (v === null ? '—' : formatValue(v)) });
    data.push(bins(m.prior));
  }
  series.push({ label: 'posterior', stroke: POSTERIOR, fill: rgba(POSTERIOR, 0.55), width: 1, paths: bars, points: { show: false }, value: (_u, v) => (v === null ? '—' : formatValue(v)) });
  data.push(bins(m.posterior));
  const opts: uPlot.Options = {
    title: `${m.path}${m.log ? ' (log scale)' : ''}`,
    width,
    height: 240,
    scales: { x: paramScale(p), y: { range: () => [0, top > 0 ? top * 1.08 : 1] } },
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    series,
    axes: [paramAxis(p, short(m.path)), axis('weight per bin', { size: 55, values: yValues })],
  };
  plots.push(new uPlot(opts, data, figure));
}

function pairChart(host: HTMLElement, c: CalibrationData, i: number, j: number, width: number, plots: uPlot[]): void {
  const px = c.parameters[i];
  const py = c.parameters[j];
  const figure = el('figure', { class: 'chart', 'data-chart': `pair-${i}-${j}` });
  host.append(figure);
  // uPlot wants x ascending: the particles sorted by the x parameter.
  const order = c.posterior.values.map((_, k) => k).sort((a, b) => c.posterior.values[a][i] - c.posterior.values[b][i] || a - b);
  const xs = order.map((k) => c.posterior.values[k][i]);
  const ys = order.map((k) => c.posterior.values[k][j]);
  const ws = order.map((k) => c.posterior.weights[k]);
  const wMax = Math.max(...ws, 1e-300);
  const centre = (p: CalibrationParameter) => (c.method === 'smm' && finite(p.estimate) ? p.estimate : p.median);
  const opts: uPlot.Options = {
    title: `${short(py.path)} against ${short(px.path)}`,
    width,
    height: 260,
    scales: { x: paramScale(px), y: paramScale(py) },
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    series: [
      { label: short(px.path), value: (_u, v) => (v === null ? '' : formatValue(v)) },
      { label: short(py.path), stroke: POSTERIOR, paths: () => null, points: { show: false }, value: (_u, v) => (v === null ? '—' : formatValue(v)) },
    ],
    axes: [paramAxis(px, short(px.path)), paramAxis(py, short(py.path), { size: 55 })],
    hooks: {
      draw: [
        (u) => {
          const { ctx } = u;
          const r = 3.5 * devicePixelRatio;
          ctx.save();
          ctx.beginPath();
          ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
          ctx.clip();
          xs.forEach((x, k) => {
            if (!finite(x) || !finite(ys[k])) return;
            ctx.fillStyle = rgba(POSTERIOR, 0.12 + 0.78 * (ws[k] / wMax));
            ctx.beginPath();
            ctx.arc(u.valToPos(x, 'x', true), u.valToPos(ys[k], 'y', true), r, 0, 2 * Math.PI);
            ctx.fill();
          });
          const cx = centre(px);
          const cy = centre(py);
          if (finite(cx) && finite(cy)) {
            const x0 = u.valToPos(cx, 'x', true);
            const y0 = u.valToPos(cy, 'y', true);
            const a = 7 * devicePixelRatio;
            ctx.strokeStyle = MISSED;
            ctx.lineWidth = 2 * devicePixelRatio;
            ctx.beginPath();
            ctx.moveTo(x0 - a, y0); ctx.lineTo(x0 + a, y0);
            ctx.moveTo(x0, y0 - a); ctx.lineTo(x0, y0 + a);
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
  plots.push(new uPlot(opts, [xs, ys], figure));
}

function toleranceChart(host: HTMLElement, c: CalibrationData, width: number, plots: uPlot[]): void {
  const rows = c.generations;
  if (rows.length === 0) return;
  const figure = el('figure', { class: 'chart', 'data-chart': 'tolerance' });
  host.append(figure);
  const positive = (v: number) => (finite(v) && v > 0 ? v : null);
  const xs = rows.map((r) => r.generation);
  const eps = rows.map((r) => positive(r.epsilon));
  const med = rows.map((r) => positive(r.distanceMedian));
  const all = [...eps, ...med].filter(finite);
  const lo = all.length ? Math.min(...all) : 0.1;
  const hi = all.length ? Math.max(...all) : 1;
  const series: uPlot.Series[] = [{ label: c.method === 'abc' ? 'generation' : 'iteration', value: (_u, v) => (v === null ? '' : String(v)) }];
  const data: uPlot.AlignedData = [xs];
  const valueOf = (_u: uPlot, v: number | null) => (v === null ? '—' : formatValue(v));
  if (c.method === 'abc') {
    series.push({ label: 'ε (tolerance)', stroke: MISSED, width: 2, points: { show: true, size: 7 }, spanGaps: true, value: valueOf });
    data.push(eps);
  }
  series.push({ label: c.method === 'abc' ? 'median distance' : 'best distance', stroke: POSTERIOR, width: 2, points: { show: true, size: 7 }, spanGaps: true, value: valueOf });
  data.push(med);
  const opts: uPlot.Options = {
    title: c.method === 'abc' ? 'Tolerance ε and median distance per generation' : 'Best distance per Nelder–Mead iteration',
    width,
    height: 260,
    scales: {
      x: { time: false, range: () => [xs[0] - 0.3, xs[xs.length - 1] + 0.3] },
      y: { distr: 3, range: () => [lo / 1.5, hi * 1.5] },
    },
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    series,
    axes: [
      axis(c.method === 'abc' ? 'generation' : 'iteration', { values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? String(s) : '')) }),
      axis('distance (log scale)', { size: 55, values: tickValues, splits: logSplits, filter: keepAll }),
    ],
  };
  plots.push(new uPlot(opts, data, figure));
}

/** (x − centre) / scale, or null. */
function zOf(f: CalibrationFit, x: number): number | null {
  if (!finite(x) || !finite(f.center) || !(f.scale > 0)) return null;
  return (x - f.center) / f.scale;
}

function fitChart(host: HTMLElement, fit: CalibrationFit[], widths: { full: number; half: number }, plots: uPlot[]): void {
  const figure = el('figure', { class: 'chart', 'data-chart': 'fit' });
  host.append(figure);
  const xs = fit.map((_, i) => i + 1);
  let lo = -2;
  let hi = 2;
  for (const f of fit) {
    for (const x of [f.observedLow, f.observedHigh, f.simulatedLow, f.simulatedHigh, f.simulatedMean]) {
      const z = zOf(f, x);
      if (z !== null) { lo = Math.min(lo, z); hi = Math.max(hi, z); }
    }
  }
  lo = Math.max(lo, -Z_CLIP) - 0.5;
  hi = Math.min(hi, Z_CLIP) + 0.5;
  const clip = (z: number | null) => (z === null ? null : Math.max(lo, Math.min(hi, z)));
  const dot = (want: boolean) => fit.map((f) => (f.reached === want ? clip(zOf(f, f.simulatedMean)) : null));
  const valueOf = (_u: uPlot, v: number | null, _s: number, idx: number | null) => {
    const f = idx === null ? undefined : fit[idx];
    if (v === null || !f) return '—';
    return `${formatValue(f.simulatedMean)} [${formatValue(f.simulatedLow)}, ${formatValue(f.simulatedHigh)}] vs [${formatValue(f.observedLow)}, ${formatValue(f.observedHigh)}]`;
  };
  const opts: uPlot.Options = {
    title: 'Posterior predictive check (standardised)',
    // Room for each target's name under its whisker, up to the page's width.
    width: Math.max(widths.half, Math.min(widths.full, 120 + fit.length * 110)),
    height: 300,
    scales: { x: { time: false, range: () => [0.5, fit.length + 0.5] }, y: { range: () => [lo, hi] } },
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    series: [
      { label: 'target', value: (_u, v) => (v === null ? '' : fit[Math.round(v) - 1]?.target ?? '') },
      { label: 'reached', stroke: REACHED, fill: REACHED, paths: () => null, points: { show: true, size: 10, fill: REACHED, stroke: REACHED }, value: valueOf },
      { label: 'NOT reached', stroke: MISSED, fill: MISSED, paths: () => null, points: { show: true, size: 10, fill: MISSED, stroke: MISSED }, value: valueOf },
    ],
    axes: [
      axis('target', { splits: () => xs, values: (_u, splits) => splits.map((s) => fit[Math.round(s) - 1]?.target ?? ''), grid: { show: false } }),
      axis('(value − centre) / scale', { size: 55, values: tickValues }),
    ],
    hooks: {
      drawClear: [
        (u) => {
          // Observed intervals behind everything else.
          const { ctx } = u;
          ctx.save();
          ctx.fillStyle = 'rgba(120,120,120,0.28)';
          const half = 0.3 * (u.valToPos(2, 'x', true) - u.valToPos(1, 'x', true));
          fit.forEach((f, i) => {
            const a = clip(zOf(f, f.observedLow));
            const b = clip(zOf(f, f.observedHigh));
            if (a === null || b === null) return;
            const x0 = u.valToPos(i + 1, 'x', true);
            const ya = u.valToPos(a, 'y', true);
            const yb = u.valToPos(b, 'y', true);
            ctx.fillRect(x0 - half, Math.min(ya, yb) - devicePixelRatio, 2 * half, Math.abs(yb - ya) + 2 * devicePixelRatio);
          });
          ctx.restore();
        },
      ],
      draw: [
        (u) => {
          const { ctx } = u;
          ctx.save();
          ctx.lineWidth = 2 * devicePixelRatio;
          const cap = 8 * devicePixelRatio;
          fit.forEach((f, i) => {
            const a = clip(zOf(f, f.simulatedLow));
            const b = clip(zOf(f, f.simulatedHigh));
            if (a === null || b === null) return;
            const x0 = u.valToPos(i + 1, 'x', true);
            const ya = u.valToPos(a, 'y', true);
            const yb = u.valToPos(b, 'y', true);
            whisker(ctx, x0, ya, yb, cap, f.reached ? REACHED : MISSED);
          });
          ctx.restore();
        },
      ],
    },
  };
  plots.push(new uPlot(opts, [xs, dot(true), dot(false)], figure));
}

/** The fit in the targets' own units, each row with an inline bar (observed grey, simulated coloured). */
function fitTable(fit: CalibrationFit[]): HTMLElement {
  const t = el('table', { class: 'calibration-table', 'data-table': 'fit' });
  const head = el('tr');
  for (const h of ['target', 'kind', 'weight', 'observed', 'simulated mean', 'simulated 90 %', 'z', '', 'result']) head.append(el('th', {}, h));
  t.append(el('thead'));
  t.tHead!.append(head);
  const body = el('tbody');
  for (const f of fit) {
    const tr = el('tr', { 'data-target': f.target, 'data-reached': String(f.reached) });
    const observed = f.observedLow === f.observedHigh ? formatValue(f.observedLow) : `[${formatValue(f.observedLow)}, ${formatValue(f.observedHigh)}]`;
    const result = el('td', { class: `text ${f.reached ? 'reached' : 'not-reached'}`, 'data-field': 'reached' }, f.reached ? 'reached' : 'NOT REACHED');
    tr.append(
      el('td', { class: 'text' }, f.target),
      el('td', { class: 'text' }, f.kind),
      el('td', {}, formatValue(f.weight)),
      el('td', { 'data-field': 'observed' }, observed),
      el('td', { 'data-field': 'simulatedMean', 'data-value': String(f.simulatedMean) }, f.kind === 'stage' ? `share ${formatValue(f.simulatedMean)}` : formatValue(f.simulatedMean)),
      el('td', {}, f.kind === 'stage' ? '—' : `[${formatValue(f.simulatedLow)}, ${formatValue(f.simulatedHigh)}]`),
      el('td', {}, formatValue(f.z)),
      inlineBar(f),
      result,
    );
    body.append(tr);
  }
  t.append(body);
  const wrap = el('div', { class: 'table-wrap' });
  wrap.append(t);
  return wrap;
}

function inlineBar(f: CalibrationFit): HTMLElement {
  const td = el('td', { class: 'fit-bar-cell' });
  const values = [f.observedLow, f.observedHigh, f.simulatedLow, f.simulatedHigh, f.simulatedMean].filter(finite);
  if (values.length === 0) return td;
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const pad = hi > lo ? (hi - lo) * 0.06 : Math.abs(hi) * 0.1 || 1;
  lo -= pad;
  hi += pad;
  const pct = (x: number) => `${(((x - lo) / (hi - lo)) * 100).toFixed(2)}%`;
  const bar = el('div', { class: 'fit-bar' });
  const colour = f.reached ? REACHED : MISSED;
  if (finite(f.observedLow) && finite(f.observedHigh)) {
    bar.append(el('span', { class: 'fit-observed', style: `left:${pct(f.observedLow)};width:calc(${pct(f.observedHigh)} - ${pct(f.observedLow)} + 2px)` }));
  }
  if (finite(f.simulatedLow) && finite(f.simulatedHigh) && f.kind === 'value') {
    bar.append(el('span', { class: 'fit-simulated', style: `left:${pct(f.simulatedLow)};width:calc(${pct(f.simulatedHigh)} - ${pct(f.simulatedLow)} + 2px);background:${colour}` }));
  }
  if (finite(f.simulatedMean)) bar.append(el('span', { class: 'fit-mean', style: `left:${pct(f.simulatedMean)};background:${colour}` }));
  td.append(bar);
  return td;
}
