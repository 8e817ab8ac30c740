// policy.csv and the spend outputs on a small run whose levers are running-cost levers (paid by
// the policy process itself, so the numbers do not depend on the lever effects): columns, rows,
// Σ spend = total_policy_spend = summary.json's lever totals, and policy.csv only with levers.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outcomesOf } from '../../src/analysis/outcomes.ts';
import { run } from '../../src/engine/run.ts';
import { leverTotals, POLICY_HEADER, policyCsv } from '../../src/io/policy.ts';
import { buildSummary, timingOf, type ManifestInput } from '../../src/io/summary.ts';
import { POLICY_FILE, RUN_FILES, withSeed, writeRunFiles } from '../../src/io/write.ts';
import { scenarioSchema } from '../../src/scenarios/schema.ts';

const base = {
  name: 'policy-io',
  ticks: 40,
  ticksPerYear: 4,
  regions: [{ name: 'north' }, { name: 'south, east', x: 30 }],
  firms: { generate: { count: 10 } },
};
// openness: 8 a year in years 2–4 (ticks 9..16), split over both regions → 1 per region per tick.
// publicPlatform: 4 a year from year 6 in the north, total 3 → 1 a tick for ticks 25..27, then off.
const withLevers = scenarioSchema.parse({
  ...base,
  levers: [
    { lever: 'openness', name: 'open, wide', when: { from: 2, to: 4 }, budget: { perYear: 8 } },
    { lever: 'publicPlatform', regions: ['north'], when: { from: 6 }, budget: { perYear: 4, total: 3 } },
  ],
});
const manifest: ManifestInput = { version: '0.0.0', scenario: 'policy-io', file: 'p.yaml', hash: 'h', variant: null, patches: [] };
const lines = (text: string) => text.trimEnd().split('\n');
const dir = mkdtempSync(join(tmpdir(), 'clusterlab-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('policy.csv', () => {
  const result = run(withLevers, { seed: 2 });
  const rows = lines(policyCsv(result.world));

  it('has the columns tick,lever,kind,region,active,spend,offer', () => {
    expect(rows[0]).toBe('tick,lever,kind,region,active,spend,offer');
    expect([...POLICY_HEADER]).toEqual(['tick', 'lever', 'kind', 'region', 'active', 'spend', 'offer']);
  });

  it('has one row per tick, lever and region where the lever was on, in tick order', () => {
    // openness: ticks 9..16 × 2 regions = 16 rows; publicPlatform: ticks 25..27 in the north = 3.
    expect(rows.length - 1).toBe(16 + 3);
    expect(rows[1]).toBe('9,"open, wide",openness,north,1,1.0,NaN');
    expect(rows[2]).toBe('9,"open, wide",openness,"south, east",1,1.0,NaN');
    expect(rows[16]).toBe('16,"open, wide",openness,"south, east",1,1.0,NaN');
    expect(rows[17]).toBe('25,publicPlatform-1,publicPlatform,north,1,1.0,NaN');
    expect(rows[19]).toBe('27,publicPlatform-1,publicPlatform,north,1,1.0,NaN');
    const ticks = rows.slice(1).map((r) => Number(r.split(',')[0]));
    expect(ticks).toEqual([...ticks].sort((a, b) => a - b));
  });

  it('Σ spend over its rows = total_policy_spend = the levers\' totals (money, not annualised)', () => {
    const spend = rows.slice(1).reduce((s, r) => s + Number(r.split(',').at(-2)), 0);
    expect(spend).toBeCloseTo(19, 12); // 16 (openness, 8/yr × 2 years) + 3 (publicPlatform's total)
    expect(outcomesOf(result.world).total_policy_spend).toBeCloseTo(19, 12);
    expect(leverTotals(result.world)).toEqual([
      { lever: 'open, wide', kind: 'openness', spend: 16 },
      { lever: 'publicPlatform-1', kind: 'publicPlatform', spend: 3 },
    ]);
  });

  it('writeRunFiles writes it (and summary.json has the levers\' totals) only when there are levers', () => {
    const summary = buildSummary(result, manifest, timingOf(1, 40));
    expect(summary.levers).toEqual([
      { lever: 'open, wide', kind: 'openness', spend: 16 },
      { lever: 'publicPlatform-1', kind: 'publicPlatform', spend: 3 },
    ]);
    const files = writeRunFiles(join(dir, 'with'), result, summary);
    expect(files.map((f) => f.split('/').at(-1))).toEqual([...RUN_FILES, POLICY_FILE]);
    expect(readFileSync(join(dir, 'with', POLICY_FILE), 'utf8')).toBe(withSeed(policyCsv(result.world), result.seed));

    const plain = run(scenarioSchema.parse(base), { seed: 2 });
    const plainSummary = buildSummary(plain, manifest, timingOf(1, 40));
    expect('levers' in plainSummary).toBe(false);
    writeRunFiles(join(dir, 'without'), plain, plainSummary);
    expect(existsSync(join(dir, 'without', POLICY_FILE))).toBe(false);
    expect(outcomesOf(plain.world).total_policy_spend).toBe(0);
  });

  it('a lever that never fires gives a header-only policy.csv and no spend', () => {
    const never = scenarioSchema.parse({ ...base, levers: [{ lever: 'openness', when: { stage: 'renewal' }, budget: { perYear: 8 } }] });
    const r = run(never, { seed: 2 });
    expect(policyCsv(r.world)).toBe('tick,lever,kind,region,active,spend,offer\n');
    expect(outcomesOf(r.world).total_policy_spend).toBe(0);
  });
});
