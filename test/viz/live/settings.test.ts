// The live view's settings (viz/src/live/settings.ts): which fields a scenario offers, what
// changed, and the YAML that runs them.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScenario } from '../../../src/scenarios/load.ts';
import { applyChanges } from '../../../src/scenarios/variants.ts';
import { changedSettings, settingFields, settingsYaml } from '../../../viz/src/live/settings.ts';

describe('live view settings', () => {
  it('offers the main parameters and, per lever, intensity, years on, the stage it waits for and its budget', () => {
    const staged = loadScenario('stage-policy', { variant: 'staged' }).scenario;
    const fields = settingFields(staged);
    expect(fields.map((f) => f.path)).toContain('mechanisms.spinoffs.rate');
    const k = staged.levers.findIndex((l) => typeof l.when.stage === 'string');
    expect(k).toBeGreaterThanOrEqual(0);
    const stage = fields.find((f) => f.path === `levers.${k}.when.stage`)!;
    expect(stage.value).toBe(staged.levers[k].when.stage);
    expect(stage.options).toContain('renewal');
    expect(fields.find((f) => f.path === `levers.${k}.budget.perYear`)).toBeDefined();
  });

  it('keeps only what changed, numbers as numbers and stages as names', () => {
    const fields = [
      { path: 'a', label: 'a', value: 1 },
      { path: 'b', label: 'b', value: null },
      { path: 'c', label: 'c', value: 'growth', options: ['growth', 'decline'] },
    ];
    expect(changedSettings(fields, ['1', '', 'growth'])).toEqual({});
    expect(changedSettings(fields, ['2.5', '3', 'decline'])).toEqual({ a: 2.5, b: 3, c: 'decline' });
  });

  it('writes a variant that, applied to the base, is the scenario the view runs', () => {
    const base = loadScenario('stage-policy').scenario;
    const staged = loadScenario('stage-policy', { variant: 'staged' }).scenario;
    const set = { 'mechanisms.spinoffs.rate': 0.05, 'levers.0.intensity': 2 };
    const yaml = settingsYaml('stage-policy', base, 'staged', set);
    const file = parse(yaml) as { extends: string; variants: Record<string, { overlay?: Record<string, unknown>; set?: Record<string, unknown> }> };
    expect(file.extends).toBe('stage-policy');
    const fromYaml = applyChanges(base, file.variants['live-settings']);
    const inView = applyChanges(staged, { set });
    if (!fromYaml.ok || !inView.ok) throw new Error('invalid settings');
    const { variants: _a, description: _b, ...a } = fromYaml.scenario;
    const { variants: _c, description: _d, ...b } = inView.scenario;
    expect(a).toEqual(b);
  });
});
