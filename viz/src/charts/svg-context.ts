// A recording stand-in for CanvasRenderingContext2D that writes SVG: the part of the canvas API
// that uPlot and the report's own drawing code (hooks, map, genealogy) use — paths (also as
// Path2D: `SvgPath`), fill and stroke, rectangles, text, transforms, clipping, dashes and alpha.
// Drawing a chart or picture once through it gives a vector copy of what the canvas shows.

type Matrix = [number, number, number, number, number, number];

interface State {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  globalAlpha: number;
  font: string;
  textAlign: string;
  textBaseline: string;
  lineJoin: string;
  lineCap: string;
  dash: number[];
  matrix: Matrix;
  clip: string | null;
}

const n = (x: number) => (Number.isFinite(x) ? String(Math.round(x * 100) / 100) : '0');
const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Path commands in SVG syntax; also the stand-in for Path2D while a chart is recorded. */
export class SvgPath {
  d = '';
  private empty = true;
  constructor(from?: SvgPath | string) {
    if (from instanceof SvgPath) {
      this.d = from.d;
      this.empty = from.empty;
    }
  }
  moveTo(x: number, y: number): void {
    this.d += `M${n(x)} ${n(y)}`;
    this.empty = false;
  }
  lineTo(x: number, y: number): void {
    this.d += `${this.empty ? 'M' : 'L'}${n(x)} ${n(y)}`;
    this.empty = false;
  }
  bezierCurveTo(a: number, b: number, c: number, d: number, x: number, y: number): void {
    this.d += `C${n(a)} ${n(b)} ${n(c)} ${n(d)} ${n(x)} ${n(y)}`;
  }
  quadraticCurveTo(a: number, b: number, x: number, y: number): void {
    this.d += `Q${n(a)} ${n(b)} ${n(x)} ${n(y)}`;
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.d += `M${n(x)} ${n(y)}h${n(w)}v${n(h)}h${n(-w)}Z`;
    this.empty = false;
  }
  arc(x: number, y: number, r: number, a0: number, a1: number, ccw = false): void {
    const at = (a: number) => `${n(x + r * Math.cos(a))} ${n(y + r * Math.sin(a))}`;
    this.d += `${this.empty ? 'M' : 'L'}${at(a0)}`;
    this.empty = false;
    let sweep = ccw ? a0 - a1 : a1 - a0;
    if (sweep >= 2 * Math.PI - 1e-9 || sweep <= -2 * Math.PI + 1e-9) {
      // A full circle: two half arcs.
      const mid = a0 + (ccw ? -Math.PI : Math.PI);
      this.d += `A${n(r)} ${n(r)} 0 1 ${ccw ? 0 : 1} ${at(mid)}A${n(r)} ${n(r)} 0 1 ${ccw ? 0 : 1} ${at(a0)}`;
      return;
    }
    sweep = ((sweep % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
    this.d += `A${n(r)} ${n(r)} 0 ${sweep > Math.PI ? 1 : 0} ${ccw ? 0 : 1} ${at(a1)}`;
  }
  closePath(): void {
    this.d += 'Z';
  }
  addPath(path: SvgPath): void {
    this.d += path.d;
    this.empty = this.empty && path.empty;
  }
}

export class SvgContext {
  private state: State = {
    fillStyle: '#000', strokeStyle: '#000', lineWidth: 1, globalAlpha: 1, font: '10px sans-serif', textAlign: 'start',
    textBaseline: 'alphabetic', lineJoin: 'miter', lineCap: 'butt', dash: [], matrix: [1, 0, 0, 1, 0, 0], clip: null,
  };
  private stack: State[] = [];
  private path = new SvgPath();
  private body: string[] = [];
  private defs: string[] = [];

  constructor(readonly width: number, readonly height: number) {}

  get fillStyle(): string { return this.state.fillStyle; }
  set fillStyle(v: string) { this.state.fillStyle = String(v); }
  get strokeStyle(): string { return this.state.strokeStyle; }
  set strokeStyle(v: string) { this.state.strokeStyle = String(v); }
  get lineWidth(): number { return this.state.lineWidth; }
  set lineWidth(v: number) { this.state.lineWidth = v; }
  get globalAlpha(): number { return this.state.globalAlpha; }
  set globalAlpha(v: number) { this.state.globalAlpha = v; }
  get font(): string { return this.state.font; }
  set font(v: string) { this.state.font = v; }
  get textAlign(): string { return this.state.textAlign; }
  set textAlign(v: string) { this.state.textAlign = v; }
  get textBaseline(): string { return this.state.textBaseline; }
  set textBaseline(v: string) { this.state.textBaseline = v; }
  get lineJoin(): string { return this.state.lineJoin; }
  set lineJoin(v: string) { this.state.lineJoin = v; }
  get lineCap(): string { return this.state.lineCap; }
  set lineCap(v: string) { this.state.lineCap = v; }

  save(): void { this.stack.push({ ...this.state, dash: [...this.state.dash], matrix: [...this.state.matrix] as Matrix }); }
  restore(): void { this.state = this.stack.pop() ?? this.state; }
  setLineDash(dash: number[]): void { this.state.dash = [...dash]; }
  getLineDash(): number[] { return [...this.state.dash]; }
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void { this.state.matrix = [a, b, c, d, e, f]; }
  resetTransform(): void { this.state.matrix = [1, 0, 0, 1, 0, 0]; }
  translate(x: number, y: number): void { this.transform(1, 0, 0, 1, x, y); }
  scale(x: number, y: number): void { this.transform(x, 0, 0, y, 0, 0); }
  rotate(a: number): void { this.transform(Math.cos(a), Math.sin(a), -Math.sin(a), Math.cos(a), 0, 0); }
  transform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    const [A, B, C, D, E, F] = this.state.matrix;
    this.state.matrix = [A * a + C * b, B * a + D * b, A * c + C * d, B * c + D * d, A * e + C * f + E, B * e + D * f + F];
  }

  beginPath(): void { this.path = new SvgPath(); }
  moveTo(x: number, y: number): void { this.path.moveTo(x, y); }
  lineTo(x: number, y: number): void { this.path.lineTo(x, y); }
  bezierCurveTo(a: number, b: number, c: number, d: number, x: number, y: number): void { this.path.bezierCurveTo(a, b, c, d, x, y); }
  quadraticCurveTo(a: number, b: number, x: number, y: number): void { this.path.quadraticCurveTo(a, b, x, y); }
  arc(x: number, y: number, r: number, a0: number, a1: number, ccw?: boolean): void { this.path.arc(x, y, r, a0, a1, ccw); }
  rect(x: number, y: number, w: number, h: number): void { this.path.rect(x, y, w, h); }
  closePath(): void { this.path.closePath(); }

  fill(a?: SvgPath | string, b?: string): void {
    const path = a instanceof SvgPath ? a : this.path;
    const rule = (typeof a === 'string' ? a : b) === 'evenodd' ? ' fill-rule="evenodd"' : '';
    if (path.d) this.emit(`<path d="${path.d}" fill="${esc(this.state.fillStyle)}"${rule}${this.common(false)}/>`);
  }
  stroke(a?: SvgPath): void {
    const path = a instanceof SvgPath ? a : this.path;
    if (path.d) this.emit(`<path d="${path.d}" fill="none"${this.strokeAttrs()}${this.common(true)}/>`);
  }
  clip(a?: SvgPath | string): void {
    const path = a instanceof SvgPath ? a : this.path;
    const id = `c${this.defs.length}`;
    this.defs.push(`<clipPath id="${id}"><path d="${path.d}"${this.matrixAttr()}/></clipPath>`);
    this.state.clip = id;
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    this.emit(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${esc(this.state.fillStyle)}"${this.common(false)}/>`);
  }
  strokeRect(x: number, y: number, w: number, h: number): void {
    this.emit(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="none"${this.strokeAttrs()}${this.common(true)}/>`);
  }
  clearRect(): void {
    // The SVG starts empty: nothing to clear.
  }
  fillText(text: string, x: number, y: number): void {
    const anchor = { center: 'middle', right: 'end', end: 'end' }[this.state.textAlign] ?? 'start';
    const baseline = { top: 'hanging', hanging: 'hanging', middle: 'middle', bottom: 'text-after-edge' }[this.state.textBaseline] ?? 'auto';
    this.emit(`<text x="${n(x)}" y="${n(y)}" text-anchor="${anchor}" dominant-baseline="${baseline}" style="font:${esc(this.state.font)}" fill="${esc(this.state.fillStyle)}"${this.common(false)}>${esc(String(text))}</text>`);
  }
  measureText(text: string): { width: number } {
    const size = Number(/(\d+(?:\.\d+)?)px/.exec(this.state.font)?.[1] ?? 10);
    return { width: String(text).length * size * 0.55 };
  }

  /** The recording as an SVG document of CSS size cssWidth × cssHeight, optionally with a title and a legend. */
  svg(cssWidth: number, cssHeight: number, title = '', legend: [string, string][] = []): string {
    const top = title ? 22 : 0;
    const bottom = legend.length ? 20 : 0;
    const scale = cssWidth / this.width;
    const items = legend.map(([label, colour], k) => `<g transform="translate(${10 + k * 130},${top + cssHeight + 14})"><rect width="10" height="10" y="-9" fill="${esc(colour)}"/><text x="14" style="font:11px sans-serif">${esc(label)}</text></g>`);
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${n(cssWidth)}" height="${n(cssHeight + top + bottom)}" viewBox="0 0 ${n(cssWidth)} ${n(cssHeight + top + bottom)}">` +
      `<rect width="100%" height="100%" fill="#fff"/>` +
      (title ? `<text x="${n(cssWidth / 2)}" y="15" text-anchor="middle" style="font:bold 13px sans-serif">${esc(title)}</text>` : '') +
      `<defs>${this.defs.join('')}</defs><g transform="translate(0,${top}) scale(${n(scale)})">${this.body.join('')}</g>${items.join('')}</svg>\n`;
  }

  private emit(element: string): void {
    this.body.push(this.state.clip ? `<g clip-path="url(#${this.state.clip})">${element}</g>` : element);
  }
  private matrixAttr(): string {
    const m = this.state.matrix;
    return m[0] === 1 && m[1] === 0 && m[2] === 0 && m[3] === 1 && m[4] === 0 && m[5] === 0 ? '' : ` transform="matrix(${m.map(n).join(' ')})"`;
  }
  private strokeAttrs(): string {
    const s = this.state;
    return ` stroke="${esc(s.strokeStyle)}" stroke-width="${n(s.lineWidth)}" stroke-linejoin="${s.lineJoin}" stroke-linecap="${s.lineCap}"` +
      (s.dash.length ? ` stroke-dasharray="${s.dash.map(n).join(' ')}"` : '');
  }
  private common(_stroke: boolean): string {
    return (this.state.globalAlpha !== 1 ? ` opacity="${n(this.state.globalAlpha)}"` : '') + this.matrixAttr();
  }
}
