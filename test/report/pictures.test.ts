// The report's pictures (src/report/pictures.ts): snapshots of the folder's run replayed from its
// scenario are that run's world at the pictured ticks; a changed scenario or another engine
// version gives a note instead of pictures of another run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReportData } from '../../src/report/load.ts';
import { reportPictures } from '../../src/report/pictures.ts';
import { pictureTicks } from '../../src/report/snapshot.ts';
import { cli, readCsv } from '../batch/helpers.ts';
import { workspace } from '../cli/fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());
const dir = (name: string) => join(ws.dir, name);

beforeAll(async () => {
  for (const r of await Promise.all([
    cli(['run', 'silicon-saxony', '--seed', '4', '--ticks', '24', '--out', dir('run')]),
    cli(['run', 'silicon-saxony', '--seed', '4', '--ticks', '12', '--out', dir('run12')]),
    cli(['compare', 'default', '--seeds', '2', '--ticks', '20', '--workers', '0', '--quiet', '--variants', 'base,spinoffs', '--out', dir('compare')]),
  ])) expect(r.code, r.err).toBe(0);
});

describe('report pictures', () => {
  it('pictures a run at a quarter, half, three quarters and the end', () => {
    expect(pictureTicks(24)).toEqual([6, 12, 18, 24]);
    expect(pictureTicks(2)).toEqual([1, 2]);
  });

  it('a run folder: the snapshots are the run at those ticks (firms per region, ties)', () => {
    const pictures = reportPictures(loadReportData(dir('run')));
    if (!pictures || 'note' in pictures) throw new Error(`no pictures: ${JSON.stringify(pictures)}`);
    expect(pictures.seed).toBe(4);
    expect(pictures.runs.map((r) => r.variant)).toEqual(['base']);
    const [quarter, half, , end] = pictures.runs[0].snapshots;
    expect([quarter.tick, half.tick, end.tick]).toEqual([6, 12, 24]);
    // At the end: firms.csv's living firms; at tick 12: the 12-tick run's.
    for (const [snapshot, folder] of [[end, 'run'], [half, 'run12']] as const) {
      const firms = readCsv(dir(folder), 'firms.csv');
      const death = firms.header.indexOf('death');
      const id = firms.header.indexOf('id');
      const alive = firms.rows.filter((row) => row[death] === '').map((row) => Number(row[id])).sort((a, b) => a - b);
      expect(Array.from(snapshot.firms.id).sort((a, b) => a - b)).toEqual(alive);
      const ts = readCsv(dir(folder), 'timeseries.csv');
      const last = ts.rows.filter((row) => row[ts.header.indexOf('region')] === 'all').at(-1)!;
      expect(snapshot.ties.count).toBe(Number(last[ts.header.indexOf('ties')]));
    }
  });

  it('a compare folder: the baseline and one variant of the first seed', () => {
    const pictures = reportPictures(loadReportData(dir('compare')));
    if (!pictures || 'note' in pictures) throw new Error(`no pictures: ${JSON.stringify(pictures)}`);
    expect(pictures.seed).toBe(1);
    expect(pictures.runs.map((r) => r.variant)).toEqual(['base', 'spinoffs']);
    expect(pictures.runs[1].snapshots.at(-1)!.tick).toBe(20);
  });

  it('gives a note, not pictures of another run, when the scenario or the engine changed', () => {
    const data = loadReportData(dir('run'));
    const manifest = data.manifest as Record<string, unknown>;
    expect(reportPictures({ ...data, manifest: { ...manifest, hash: 'f'.repeat(64) } })).toEqual({ note: expect.stringMatching(/has changed since the run/) });
    expect(reportPictures({ ...data, manifest: { ...manifest, version: '0.0.0-old' } })).toEqual({ note: expect.stringMatching(/made by clusterlab 0\.0\.0-old/) });
    expect(reportPictures({ ...data, kind: 'batch' })).toBeUndefined();
  });

  it('clusterlab report writes them into report.html, at the ticks --at asks for', async () => {
    const r = await cli(['report', dir('run')]);
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir('run'), 'report.html'), 'utf8');
    expect(html).toContain('"pictures":{"seed":4,"ticks":[6,12,18,24]');
    const at = await cli(['report', dir('run'), '--at', '20, 3,3']);
    expect(at.code, at.err).toBe(0);
    expect(readFileSync(join(dir('run'), 'report.html'), 'utf8')).toContain('"pictures":{"seed":4,"ticks":[3,20]');
    for (const [bad, message] of [['0', /whole numbers ≥ 1/], ['ten', /whole numbers ≥ 1/], ['30', /up to the run's 24, found 30/]] as const) {
      const wrong = await cli(['report', dir('run'), '--at', bad]);
      expect(wrong.code).toBe(1);
      expect(wrong.err).toMatch(message);
      expect(wrong.err).not.toMatch(/^\s+at /m);
    }
  });
});
