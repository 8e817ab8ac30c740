// The live map's layout (viz/src/live/layout.ts): regions from coordinates or distances, firms at
// fixed places in their segment's wedge.
import { describe, expect, it } from 'vitest';
import { firmOffset, fitToBox, mdsPositions, regionPositions, regionRadii } from '../../../viz/src/live/layout.ts';

const dist = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.hypot(p.x - q.x, p.y - q.y);

describe('live map layout', () => {
  it('classical MDS recovers planar distances (up to rotation and reflection)', () => {
    const truth = [{ x: 0, y: 0 }, { x: 300, y: 0 }, { x: 0, y: 400 }, { x: 120, y: 90 }];
    const R = truth.length;
    const d = new Float64Array(R * R);
    for (let a = 0; a < R; a++) for (let b = 0; b < R; b++) d[a * R + b] = dist(truth[a], truth[b]);
    const ps = mdsPositions(d, R);
    for (let a = 0; a < R; a++) for (let b = 0; b < R; b++) expect(dist(ps[a], ps[b])).toBeCloseTo(d[a * R + b], 6);
    expect(mdsPositions(d, R)).toEqual(ps); // deterministic
  });

  it('uses coordinates when they differ, the distances when asked, a circle when neither places them', () => {
    const x = [0, 100, 50];
    const y = [0, 0, 80];
    const d = new Float64Array([0, 10, 10, 10, 0, 10, 10, 10, 0]); // an equilateral triangle
    expect(regionPositions(x, y, d, 3, true)).toEqual([{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 50, y: 80 }]);
    const fromDistances = regionPositions(x, y, d, 3, false);
    expect(dist(fromDistances[0], fromDistances[1])).toBeCloseTo(10, 6);
    const nowhere = regionPositions([0, 0, 0], [0, 0, 0], new Float64Array(9), 3, true);
    expect(new Set(nowhere.map((p) => `${p.x.toFixed(6)},${p.y.toFixed(6)}`)).size).toBe(3);
    expect(regionPositions([5], [7], new Float64Array(1), 1, true)).toEqual([{ x: 5, y: 7 }]);
  });

  it('fits points into the box with the margin, one scale for both axes, y up', () => {
    const fitted = fitToBox([{ x: 0, y: 0 }, { x: 10, y: 5 }], 200, 100, 10);
    expect(fitted[0].x).toBeCloseTo(20, 9); // the height binds: scale 16, centred horizontally
    expect(fitted[1].x).toBeCloseTo(180, 9);
    expect(fitted[0].y).toBeCloseTo(90, 9);
    expect(fitted[1].y).toBeCloseTo(10, 9);
  });

  it('puts each firm at a fixed place inside its segment\'s wedge of the unit disc', () => {
    const S = 12;
    for (let id = 0; id < 2000; id++) {
      const s = id % S;
      const p = firmOffset(id, s, S);
      expect(Math.hypot(p.x, p.y)).toBeLessThanOrEqual(1);
      const angle = (Math.atan2(p.y, p.x) + 2 * Math.PI) % (2 * Math.PI);
      expect(Math.floor((angle / (2 * Math.PI)) * S)).toBe(s);
      expect(firmOffset(id, s, S)).toEqual(p);
    }
  });

  it('gives regions discs by their firms, no larger than half the gap to the nearest region', () => {
    const radii = regionRadii([{ x: 0, y: 0 }, { x: 100, y: 0 }], [400, 100], 80);
    expect(radii[0]).toBe(50);
    expect(radii[1]).toBe(25);
  });
});
