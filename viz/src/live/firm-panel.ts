// The clicked firm's card in the live view: who it is (kind, region, segment, birth, parent, its
// spin-offs) and its history up to the tick shown (history.ts) as a small chart of employment and
// capability, with its ties.
import uPlot from 'uplot';
import { formatTicks, formatValue } from '../charts/format.ts';
import type { FirmHistory } from './history.ts';

/** Fills `host` with the firm's card (replacing what was there); returns the chart to destroy later. */
export function showFirm(host: HTMLElement, h: FirmHistory, ticksPerYear: number): uPlot | null {
  host.replaceChildren();
  host.hidden = false;
  const title = document.createElement('h3');
  title.className = 'live-sub';
  title.textContent = `Firm ${h.id}${h.leader ? ' (chain leader)' : ''}`;
  const facts = document.createElement('p');
  facts.className = 'firm-facts';
  facts.dataset.firm = String(h.id);
  const last = h.employees.length - 1;
  facts.textContent = [
    `${h.kind}, born tick ${h.birth}${h.death !== null ? `, left at tick ${h.death}` : ''}`,
    `region ${h.region}, segment ${h.segment}`,
    `parent ${h.parent ?? '—'}`,
    `spin-offs ${h.children.length ? h.children.join(', ') : '—'}`,
    `now ${formatValue(h.employees[last])} employees, capability ${formatValue(h.capability[last])}, ${h.ties[last]} ties`,
  ].join(' · ');
  host.append(title, facts);
  if (h.ticks.length < 2) return null;
  const chart = document.createElement('div');
  host.append(chart);
  const years = h.ticks.map((t) => t / ticksPerYear);
  const values = (_u: uPlot, splits: number[]) => formatTicks(splits);
  return new uPlot({
    title: `firm ${h.id}: employment, capability and ties by year`,
    width: Math.max(320, Math.min(720, host.clientWidth || 600)),
    height: 200,
    scales: { x: { time: false }, cap: {} },
    legend: { live: true },
    series: [
      { label: 'year', value: (_u, v) => (v === null ? '' : formatValue(v)) },
      { label: 'employees', stroke: '#0072B2', width: 2, points: { show: false } },
      { label: 'ties', stroke: '#999', width: 1, points: { show: false } },
      { label: 'capability', stroke: '#D55E00', width: 2, scale: 'cap', points: { show: false } },
    ],
    axes: [
      { label: 'year' },
      { label: 'employees, ties', values, size: 55 },
      { label: 'capability', scale: 'cap', side: 1, values, grid: { show: false }, size: 55 },
    ],
  }, [years, h.employees, h.ties, h.capability], chart);
}
