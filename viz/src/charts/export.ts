// Beside every chart: "PNG" (the chart as drawn), "SVG" (a vector copy with its title and legend:
// svg-export.ts) and "CSV" (the numbers behind it: by default the chart's own data — x and each
// series; a chart that draws more than its series, such as the time series' bands, registers its
// columns).
import type uPlot from 'uplot';
import { el } from './dom.ts';
import { download, uplotSvg } from './svg-export.ts';

export interface CsvColumn {
  name: string;
  values: readonly (number | null | undefined)[];
}

const registered = new WeakMap<uPlot, CsvColumn[]>();

/** The columns a chart's CSV holds instead of its series (e.g. with the p05/p95 bands). */
export function registerCsv(u: uPlot, columns: CsvColumn[]): void {
  registered.set(u, columns);
}

function field(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text of a chart: its registered columns, or x and every series of its data. */
export function chartCsv(u: uPlot): string {
  const columns = registered.get(u) ?? u.series.map((s, k) => ({ name: typeof s.label === 'string' ? s.label : `series ${k}`, values: (u.data[k] ?? []) as (number | null)[] }));
  const rows = Math.max(0, ...columns.map((c) => c.values.length));
  const lines = [columns.map((c) => field(c.name)).join(',')];
  for (let i = 0; i < rows; i++) {
    lines.push(columns.map((c) => {
      const v = c.values[i];
      return v === null || v === undefined || !Number.isFinite(v) ? '' : String(v);
    }).join(','));
  }
  return lines.join('\n') + '\n';
}

/** Adds the PNG and CSV links under each chart's figure (once per chart). */
export function addExportLinks(plots: readonly uPlot[]): void {
  for (const u of plots) {
    const figure = u.root.closest<HTMLElement>('[data-chart]');
    if (!figure || figure.querySelector(':scope > .chart-tools')) continue;
    const id = figure.dataset.chart ?? 'chart';
    const tools = el('div', { class: 'chart-tools' });
    const png = el('a', { download: `${id}.png`, href: '#', 'data-export': 'png' }, 'PNG');
    const csv = el('a', { download: `${id}.csv`, href: '#', 'data-export': 'csv' }, 'CSV');
    // The file is made at the click: the chart may have been redrawn (legend toggles, zoom).
    png.addEventListener('click', () => {
      const canvas = u.root.querySelector('canvas');
      if (canvas) png.href = canvas.toDataURL('image/png');
    });
    csv.addEventListener('click', () => {
      URL.revokeObjectURL(csv.href);
      csv.href = URL.createObjectURL(new Blob([chartCsv(u)], { type: 'text/csv' }));
    });
    const svg = el('a', { href: '#', 'data-export': 'svg' }, 'SVG');
    svg.addEventListener('click', (event) => {
      event.preventDefault();
      void uplotSvg(u).then((text) => download(`${id}.svg`, text, 'image/svg+xml'));
    });
    tools.append(png, svg, csv);
    figure.append(tools);
  }
}
