// SVG copies of charts and pictures (svg-context.ts records the drawing). A uPlot chart is redrawn
// once with its canvas context's methods and Path2D standing in for the recorder, then redrawn
// for real; a picture's own drawing function is called on the recorder.
import type uPlot from 'uplot';
import { SvgContext, SvgPath } from './svg-context.ts';

const METHODS = [
  'save', 'restore', 'setLineDash', 'getLineDash', 'setTransform', 'resetTransform', 'translate', 'scale', 'rotate', 'transform',
  'beginPath', 'moveTo', 'lineTo', 'bezierCurveTo', 'quadraticCurveTo', 'arc', 'rect', 'closePath', 'fill', 'stroke', 'clip',
  'fillRect', 'strokeRect', 'clearRect', 'fillText', 'measureText',
] as const;
const PROPERTIES = ['fillStyle', 'strokeStyle', 'lineWidth', 'globalAlpha', 'font', 'textAlign', 'textBaseline', 'lineJoin', 'lineCap'] as const;

/** Until uPlot's batched redraw (microtasks) has run. */
const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs `draw` with Path2D standing in for the recorder's paths. */
async function withSvgPaths<T>(draw: () => Promise<T> | T): Promise<T> {
  const real = globalThis.Path2D;
  (globalThis as { Path2D: unknown }).Path2D = SvgPath;
  try {
    return await draw();
  } finally {
    (globalThis as { Path2D: unknown }).Path2D = real;
  }
}

/** The chart as SVG: what its canvas shows, with its title and a legend of its lines. */
export async function uplotSvg(u: uPlot): Promise<string> {
  const ctx = u.ctx as unknown as Record<string, unknown>;
  const canvas = u.ctx.canvas;
  const recorder = new SvgContext(canvas.width, canvas.height) as unknown as Record<string, unknown>;
  for (const m of METHODS) ctx[m] = (...args: unknown[]) => (recorder[m] as (...a: unknown[]) => unknown).apply(recorder, args);
  for (const p of PROPERTIES) {
    Object.defineProperty(ctx, p, { configurable: true, get: () => recorder[p], set: (v) => { recorder[p] = v; } });
  }
  try {
    await withSvgPaths(async () => {
      u.redraw(true, false);
      await settled();
    });
  } finally {
    for (const m of METHODS) delete ctx[m];
    for (const p of PROPERTIES) delete ctx[p];
  }
  u.redraw(true, false); // the real paths again
  await settled();
  const title = u.root.querySelector('.u-title')?.textContent ?? '';
  // uPlot keeps a series' stroke as a function of (chart, index) once it is built.
  const colour = (s: uPlot.Series, k: number) => String(typeof s.stroke === 'function' ? s.stroke(u, k) : s.stroke ?? '#000');
  const legend = u.series
    .map((s, k): [uPlot.Series, number] => [s, k])
    .filter(([s, k]) => k > 0 && s.show !== false && typeof s.label === 'string' && s.label !== '')
    .map(([s, k]): [string, string] => [s.label as string, colour(s, k)]);
  return (recorder as unknown as SvgContext).svg(canvas.clientWidth || canvas.width, canvas.clientHeight || canvas.height, title, legend);
}

/** A picture as SVG: its drawing function run on the recorder, in CSS pixels. */
export async function pictureSvg(width: number, height: number, title: string, draw: (ctx: CanvasRenderingContext2D) => void): Promise<string> {
  const recorder = new SvgContext(width, height);
  await withSvgPaths(() => draw(recorder as unknown as CanvasRenderingContext2D));
  return recorder.svg(width, height, title);
}

/** Downloads `text` as `name` (the link is made after the SVG is: it takes a redraw). */
export function download(name: string, text: string, type: string): void {
  const a = document.createElement('a');
  a.download = name;
  a.href = URL.createObjectURL(new Blob([text], { type }));
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
