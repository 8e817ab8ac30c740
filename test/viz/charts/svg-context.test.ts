// The SVG recorder (viz/src/charts/svg-context.ts): what a drawing through it writes.
import { describe, expect, it } from 'vitest';
import { SvgContext, SvgPath } from '../../../viz/src/charts/svg-context.ts';

describe('SvgContext', () => {
  it('writes paths with the fill, stroke, width, dash and alpha in force', () => {
    const ctx = new SvgContext(200, 100);
    ctx.beginPath();
    ctx.moveTo(0, 0);
    ctx.lineTo(10, 5);
    ctx.strokeStyle = '#123456';
    ctx.lineWidth = 2;
    ctx.setLineDash([4, 2]);
    ctx.globalAlpha = 0.5;
    ctx.stroke();
    const svg = ctx.svg(100, 50);
    expect(svg).toContain('<path d="M0 0L10 5" fill="none" stroke="#123456" stroke-width="2" stroke-linejoin="miter" stroke-linecap="butt" stroke-dasharray="4 2" opacity="0.5"/>');
    expect(svg).toContain('scale(0.5)'); // device pixels → CSS size
  });

  it('draws full circles as two half arcs and partial arcs with the right flags', () => {
    const p = new SvgPath();
    p.arc(10, 10, 5, 0, 2 * Math.PI);
    expect(p.d).toBe('M15 10A5 5 0 1 1 5 10A5 5 0 1 1 15 10');
    const q = new SvgPath();
    q.arc(0, 0, 1, 0, Math.PI / 2);
    expect(q.d).toBe('M1 0A1 1 0 0 1 0 1');
    const copy = new SvgPath(q);
    copy.closePath();
    expect(copy.d).toBe('M1 0A1 1 0 0 1 0 1Z');
    expect(q.d).toBe('M1 0A1 1 0 0 1 0 1');
  });

  it('escapes text, keeps its alignment and the transform in force; save/restore and clip nest', () => {
    const ctx = new SvgContext(100, 100);
    ctx.save();
    ctx.translate(10, 20);
    ctx.rotate(Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillText('<b>&', 0, 0);
    ctx.restore();
    ctx.beginPath();
    ctx.rect(0, 0, 50, 50);
    ctx.clip();
    ctx.fillRect(1, 2, 3, 4);
    const svg = ctx.svg(100, 100);
    expect(svg).toContain('text-anchor="middle"');
    expect(svg).toContain('>&lt;b&gt;&amp;</text>');
    expect(svg).toContain('transform="matrix(0 1 -1 0 10 20)"');
    expect(svg).toContain('<clipPath id="c0"><path d="M0 0h50v50h-50Z"/></clipPath>');
    expect(svg).toContain('<g clip-path="url(#c0)"><rect x="1" y="2" width="3" height="4" fill="#000"/></g>');
  });
});
