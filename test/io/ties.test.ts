// ties.csv: when snapshots are taken, what a row holds (ids not indices, org endpoints, supply
// ties with empty trust, ages in years), and that run/writeRunFiles write it only when asked.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compactFirms, survivorIndex } from '../../src/engine/firms.ts';
import { run } from '../../src/engine/run.ts';
import { createTieLog, recordTies, tieSnapshotTicks } from '../../src/engine/tie-log.ts';
import { addTie, orgEndpoint, remapBuyers, remapTies } from '../../src/engine/ties.ts';
import { buildSummary, timingOf } from '../../src/io/summary.ts';
import { TIES_HEADER, tiesCsv } from '../../src/io/ties.ts';
import { RUN_FILES, writeRunFiles } from '../../src/io/write.ts';
import { scenarioSchema } from '../../src/scenarios/schema.ts';
import { addTestFirm, scenarioOf, worldOf } from '../support/worlds.ts';

const dir = mkdtempSync(join(tmpdir(), 'clusterlab-ties-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = (text: string) => text.trimEnd().split('\n');
const spec = (s: object) => scenarioSchema.parse({ regions: [{ name: 'r' }], output: { ties: s } }).output.ties;

describe('tieSnapshotTicks', () => {
  it('is null by default (no ties.csv)', () => {
    expect(tieSnapshotTicks(spec({}), 20)).toBeNull();
  });

  it('marks every k-th tick, the listed ticks within the run and the last tick when final', () => {
    const due = tieSnapshotTicks(spec({ every: 4, ticks: [0, 6, 99], final: true }), 10)!;
    expect([...due.keys()].filter((t) => due[t])).toEqual([0, 4, 6, 8, 10]);
    const last = tieSnapshotTicks(spec({ final: true }), 7)!;
    expect([...last.keys()].filter((t) => last[t])).toEqual([7]);
  });
});

describe('recordTies and tiesCsv', () => {
  it('writes collaboration ties by firm id (org endpoints as org:k) and supply ties with empty trust', () => {
    const scenario = scenarioOf({
      ticksPerYear: 4,
      regions: [{ name: 'north' }, { name: 'south, east' }],
      researchOrgs: [{ region: 'north' }, { region: 'south, east' }],
    });
    const w = worldOf(scenario, [{ region: 0 }, { region: 0 }, { region: 1 }, { region: 1 }], 2);
    addTie(w.ties, w.firms, 0, 2, 0.25, 2);
    addTie(w.ties, w.firms, 1, orgEndpoint(1), 0.5, 0);
    w.firms.buyer[3] = 1;
    w.firms.supplySince[3] = 0;
    // Firm 0 exits: indices shift, ids stay; the tie 0–2 goes, the others are renumbered.
    w.firms.alive[0] = 0;
    const remap = survivorIndex(w.firms);
    compactFirms(w.firms, () => {});
    remapTies(w.ties, w.firms, remap);
    remapBuyers(w.firms, remap);
    w.tick = 6;
    const log = createTieLog(1); // grows
    recordTies(log, w);
    w.tick = 8;
    recordTies(log, w);
    const rows = lines(tiesCsv(log, w));
    expect(rows[0]).toBe(TIES_HEADER.join(','));
    expect(rows.slice(1)).toEqual([
      '6,collaboration,1,org:1,north,"south, east",0.5,1.5',
      '6,supply,3,1,"south, east",north,,1.5',
      '8,collaboration,1,org:1,north,"south, east",0.5,2.0',
      '8,supply,3,1,"south, east",north,,2.0',
    ]);
  });

  it('is only the header when there are no ties', () => {
    const w = worldOf(scenarioOf({}), [{}, {}]);
    const log = createTieLog();
    recordTies(log, w);
    expect(tiesCsv(log, w)).toBe(TIES_HEADER.join(',') + '\n');
  });
});

describe('run and writeRunFiles', () => {
  const base = {
    name: 'ties', ticks: 12, regions: [{ name: 'a' }],
    firms: { generate: { count: 6 } },
    mechanisms: { exit: { enabled: false } },
  };
  const manifest = { version: '0.0.0', scenario: 'ties', file: 'ties.yaml', hash: 'h', variant: null, patches: [] };

  it('records no tie log and writes no ties.csv by default', () => {
    const result = run(scenarioSchema.parse(base), { seed: 1 });
    expect(result.ties).toBeNull();
    const out = join(dir, 'default');
    const files = writeRunFiles(out, result, buildSummary(result, manifest, timingOf(1, 12)));
    expect(files.map((f) => f.slice(out.length + 1))).toEqual([...RUN_FILES]);
    expect(existsSync(join(out, 'ties.csv'))).toBe(false);
  });

  it('snapshots the ties at the asked ticks during the run and writes ties.csv', () => {
    const scenario = scenarioSchema.parse({ ...base, output: { ties: { every: 5, final: true } } });
    // A tie between the first two firms appears at tick 3 (made by hand: the run's own processes
    // may form more when networking is on; here it is off).
    const result = run(scenario, {
      seed: 1,
      onTick: (w) => { if (w.tick === 3) addTie(w.ties, w.firms, 0, 1, 0.3, w.tick); },
    });
    const log = result.ties!;
    expect([...log.tick.subarray(0, log.count)]).toEqual([5, 10, 12]);
    const out = join(dir, 'ties');
    const files = writeRunFiles(out, result, buildSummary(result, manifest, timingOf(1, 12)));
    expect(files.at(-1)).toBe(join(out, 'ties.csv'));
    const rows = lines(readFileSync(join(out, 'ties.csv'), 'utf8'));
    const id0 = result.world.firms.id[0];
    const id1 = result.world.firms.id[1];
    expect(rows.slice(1)).toEqual([
      `${result.seed},5,collaboration,${id0},${id1},a,a,0.3,0.5`,
      `${result.seed},10,collaboration,${id0},${id1},a,a,0.3,1.75`,
      `${result.seed},12,collaboration,${id0},${id1},a,a,0.3,2.25`,
    ]);
  });
});
