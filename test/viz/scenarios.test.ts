// The viz app's scenario registry: the bundled YAML as strings (what Vite's ?raw glob gives the
// page) must give the CLI's jobs exactly — same resolved scenarios, seeds, indices, ticks.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildJobs as cliJobs, variantUnits } from '../../src/batch/jobs.ts';
import { bundledDir, bundledNames } from '../../src/scenarios/bundled.ts';
import { buildJobs, buildRegistry, scenarioName } from '../../viz/src/scenarios.ts';

function bundledTexts(): Record<string, string> {
  const dir = bundledDir();
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir)) out[`../../src/scenarios/bundled/${f}`] = readFileSync(join(dir, f), 'utf8');
  return out;
}

describe('viz scenario registry', () => {
  const registry = buildRegistry(bundledTexts());

  it('loads every bundled scenario, with no errors', () => {
    expect(registry.errors).toEqual({});
    expect(registry.scenarios.map((s) => s.name)).toEqual(bundledNames());
    expect(registry.get('default')?.variants).toEqual(['spinoffs', 'spillover', 'cheap-entry', 'placebo']);
  });

  it('builds the same jobs as the CLI (batch/compare), interleaved by seed', () => {
    const variants = ['base', 'spinoffs', 'cheap-entry'];
    const mine = buildJobs(registry, { scenario: 'default', variants, seedStart: 3, seedCount: 2, ticks: 40 });
    const cli = cliJobs(variantUnits('default', variants), { start: 3, count: 2 }, 40, null);
    // The same jobs (index, seed, scenario), handed out seed by seed: each seed's variants together.
    expect([...mine].sort((a, b) => a.index - b.index)).toEqual(cli);
    expect(mine.map((j) => j.index)).toEqual([0, 2, 4, 1, 3, 5]);
    expect(mine.map((j) => `${j.variant ?? 'base'}@${j.seed}`)).toEqual(['base@3', 'spinoffs@3', 'cheap-entry@3', 'base@4', 'spinoffs@4', 'cheap-entry@4']);
  });

  it('defaults ticks to the scenario’s, as the CLI does', () => {
    const [job] = buildJobs(registry, { scenario: 'gibrat', variants: ['base'], seedStart: 1, seedCount: 1 });
    expect(job.ticks).toBe(registry.get('gibrat')!.scenario.ticks);
  });

  it('reports broken files and bad requests clearly', () => {
    const r = buildRegistry({ 'a/ok.yaml': readFileSync(join(bundledDir(), 'gibrat.yaml'), 'utf8'), 'a/bad.yaml': 'regions: [', 'a/wrong.yaml': 'ticks: -3\n' });
    expect(r.scenarios.map((s) => s.name)).toEqual(['ok']);
    expect(Object.keys(r.errors).sort()).toEqual(['bad', 'wrong']);
    expect(r.errors.bad).toMatch(/invalid YAML/);
    expect(() => buildJobs(r, { scenario: 'wrong', variants: ['base'], seedStart: 1, seedCount: 1 })).toThrow(/no bundled scenario "wrong"/);
    expect(() => buildJobs(r, { scenario: 'ok', variants: ['nope'], seedStart: 1, seedCount: 1 })).toThrow(/no variant "nope"/);
    expect(() => buildJobs(r, { scenario: 'ok', variants: [], seedStart: 1, seedCount: 1 })).toThrow(/at least one variant/);
    expect(() => buildJobs(r, { scenario: 'ok', variants: ['base'], seedStart: 1, seedCount: 0 })).toThrow(/seeds/);
  });

  it('follows extends to another file of the set', () => {
    const r = buildRegistry({ 'x/gibrat.yaml': readFileSync(join(bundledDir(), 'gibrat.yaml'), 'utf8'), 'x/child.yaml': 'extends: gibrat\nname: child\nticks: 7\n' });
    expect(r.errors).toEqual({});
    expect(r.get('child')!.scenario.ticks).toBe(7);
  });

  it('names files by their base name', () => {
    expect(scenarioName('../../src/scenarios/bundled/core-cluster.yaml')).toBe('core-cluster');
    expect(scenarioName('x.json')).toBe('x');
  });
});
