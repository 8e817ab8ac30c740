// The report's pictures (src/report/pictures.ts): the live view's map with its tie network, and the
// spin-off genealogy, drawn from snapshots of the run at chosen ticks — for `compare` the baseline
// and a variant of the same seed side by side at each tick. Each picture
// (`data-picture="map-<variant>-<tick>"`, `genealogy-<variant>`) has PNG and SVG links.
import type { ReportData } from '../../../src/report/model.ts';
import { drawGenealogy, genealogyOf } from '../live/genealogy.ts';
import { drawMap } from '../live/map.ts';
import { el, section } from './dom.ts';
import { download, pictureSvg } from './svg-export.ts';

export function picturesSection(root: HTMLElement, pictures: ReportData['pictures'], width: number): void {
  if (!pictures) return;
  if ('note' in pictures) {
    section(root, 'pictures', 'Map, network and genealogy', pictures.note);
    return;
  }
  const pair = pictures.runs.length > 1;
  const grid = section(root, 'pictures', 'Map, network and genealogy',
    `Seed ${pictures.seed}${pair ? `, ${pictures.runs.map((r) => r.variant).join(' and ')} side by side` : ''}, at ticks ${pictures.ticks.join(', ')}: ` +
    'every firm a dot in its region\'s disc and its segment\'s wedge (area ∝ employment), chain leaders ringed, research organisations □, ' +
    'promotion organisations ◇ with spokes to their members, ties grey within a region and blue between regions, net migration purple and ' +
    'cross-region supply brown, barriers between provinces red dashes. Below, the spin-off genealogy at the last tick.');
  pictures.ticks.forEach((tick, k) => {
    for (const run of pictures.runs) {
      const snapshot = run.snapshots[k];
      picture(grid, `map-${run.variant}-${tick}`, `${run.variant}, tick ${tick}`, width, 380,
        (ctx) => drawMap(ctx, snapshot, { width, height: 380, colourBy: 'segment', showTies: true, useCoordinates: true }));
    }
  });
  for (const run of pictures.runs) {
    const last = run.snapshots[run.snapshots.length - 1];
    const tree = genealogyOf(last);
    picture(grid, `genealogy-${run.variant}`, `${run.variant}: spin-off genealogy to tick ${last.tick}`, width, 240,
      (ctx) => drawGenealogy(ctx, tree, last.tick, width, 240));
  }
}

/** A figure with a caption, the picture drawn on a canvas of CSS size w × h (sharp on high-density screens), PNG and SVG links. */
function picture(host: HTMLElement, id: string, caption: string, w: number, h: number, draw: (ctx: CanvasRenderingContext2D) => void): void {
  const figure = el('figure', { class: 'chart picture', 'data-picture': id });
  const canvas = el('canvas', { role: 'img', 'aria-label': caption, style: `width:${w}px;height:${h}px` });
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  draw(ctx);
  const tools = el('div', { class: 'chart-tools' });
  const png = el('a', { download: `${id}.png`, href: '#', 'data-export': 'png' }, 'PNG');
  png.addEventListener('click', () => (png.href = canvas.toDataURL('image/png')));
  const svg = el('a', { href: '#', 'data-export': 'svg' }, 'SVG');
  svg.addEventListener('click', (event) => {
    event.preventDefault();
    void pictureSvg(w, h, caption, draw).then((text) => download(`${id}.svg`, text, 'image/svg+xml'));
  });
  tools.append(png, svg);
  figure.append(el('figcaption', { class: 'u-title' }, caption), canvas, tools);
  host.append(figure);
}
