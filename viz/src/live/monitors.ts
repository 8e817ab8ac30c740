// The live view's text around the maps: the clock (tick, year, detected stage), the monitors of
// each pane (firms, employment, ties, firms per region) and the key of the colours.
import { rowOf, STAGES } from '../../../src/engine/series.ts';
import { KIND_LABELS, segmentColour } from './map.ts';
import type { Pane } from './pane.ts';

export function clockText(pane: Pane): string {
  const w = pane.sim.world;
  const stage = STAGES[w.series.stage[rowOf(w.series, w.tick, w.regions.count)]] ?? '';
  return `tick ${w.tick} / ${pane.sim.ticks} · year ${(w.tick / w.ticksPerYear).toFixed(2)} · stage ${stage}`;
}

/** One row of monitors per pane, labelled with the pane's variant when there are two. */
export function showMonitors(host: HTMLElement, panes: readonly Pane[]): void {
  host.replaceChildren(...panes.map((pane) => {
    const w = pane.sim.world;
    let employment = 0;
    for (let i = 0; i < w.firms.count; i++) employment += w.firms.employees[i];
    const { stats } = pane;
    const items: [string, string][] = [
      ['firms', String(w.firms.count)],
      ['employment', Math.round(employment).toLocaleString('en')],
      ['ties', `${stats.ties} (${stats.ties - stats.localTies} between regions)`],
      ...(w.promotion.count > 0 ? [['promotion members', String(stats.members)] as [string, string]] : []),
      ...w.regions.names.map((name, r): [string, string] => [name, `${stats.firmsByRegion[r] ?? 0} firms`]),
    ];
    const row = document.createElement('div');
    row.className = 'monitors';
    row.dataset.variant = pane.variant;
    if (panes.length > 1) row.append(Object.assign(document.createElement('strong'), { textContent: `${pane.variant}: ` }));
    for (const [k, v] of items) {
      const d = document.createElement('div');
      d.className = 'monitor';
      d.dataset.monitor = k;
      d.textContent = `${k}: ${v}`;
      row.append(d);
    }
    return row;
  }));
}

export function showKey(host: HTMLElement, colourBy: string, segments: number): void {
  const entries: [string, string][] = colourBy === 'kind'
    ? KIND_LABELS
    : Array.from({ length: segments }, (_, s): [string, string] => [`segment ${s}`, segmentColour(s, segments)]);
  host.replaceChildren(...entries.map(([label, colour]) => {
    const span = document.createElement('span');
    const dot = document.createElement('i');
    dot.style.background = colour;
    span.append(dot, label);
    return span;
  }), Object.assign(document.createElement('span'), { textContent: '○ chain leader · □ research organisation · ◇ promotion organisation (orange spokes: its members) · grey: tie within a region, blue: between regions · purple arrow: net migration, brown: supply links to a leader elsewhere, red dashes: a barrier between provinces · click a firm for its history' }));
}
