// `clusterlab list`: every policy lever of the catalogue, with its description, intensity meaning
// and default, parameters with defaults, and cost rule — in text and in --json.
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.ts';
import { listCommand, listing } from '../../src/cli/list.ts';
import { LEVER_KINDS, LEVERS } from '../../src/engine/policy/catalogue.ts';

function list(json: boolean) {
  const io = bufferIo();
  const code = listCommand({ json }, io);
  return { code, out: io.out };
}

describe('list: levers', () => {
  it('--json has all 15 levers in catalogue order with every field', () => {
    const r = list(true);
    expect(r.code).toBe(0);
    const l = JSON.parse(r.out);
    expect(l.levers.map((x: { name: string }) => x.name)).toEqual([...LEVER_KINDS]);
    expect(l.levers).toHaveLength(15);
    const chain = l.levers.find((x: { name: string }) => x.name === 'chainLeader');
    expect(chain).toEqual({
      name: 'chainLeader',
      description: LEVERS.chainLeader.description,
      acts: LEVERS.chainLeader.acts,
      intensity: { default: 1, description: LEVERS.chainLeader.intensity.description },
      params: [{ name: 'costPerTie', default: 0.1, description: 'cost per supply tie per year' }],
      cost: 'costPerTie per supply tie of a leader in the region per year',
      requires: 'supply',
      runningCost: false,
      rules: null,
    });
    const race = l.levers.find((x: { name: string }) => x.name === 'subsidyRace');
    expect(race.rules.default).toBe('bestResponse');
    expect(race.rules.options.map((o: { name: string }) => o.name)).toEqual(['bestResponse', 'escalate']);
    const open = l.levers.find((x: { name: string }) => x.name === 'openness');
    expect(open.runningCost).toBe(true);
    expect(open.params).toEqual([]);
    expect(open.requires).toBeNull();
  });

  it('the text listing has a block per lever: description, intensity + default, each param + default, cost', () => {
    const { code, out } = list(false);
    expect(code).toBe(0);
    expect(out).toContain('Policy levers');
    for (const kind of LEVER_KINDS) {
      const d = LEVERS[kind];
      expect(out).toContain(`  ${kind} — ${d.description}\n`);
      expect(out).toContain(`intensity (default ${d.intensity.default}): ${d.intensity.description}`);
      for (const [name, p] of Object.entries(d.params)) expect(out).toContain(`params.${name} (default ${p.default}): ${p.description}`);
      expect(out).toContain(`cost: ${d.cost}`);
    }
    // Details of the talent programme, as a user reads them.
    expect(out).toContain('  talentProgram — grows the skilled-labour pool and attracts migrants\n      intensity (default 0.02): extra growth of the labour pool per year\n');
    expect(out).toContain('params.costPerWorker (default 0.1): cost per added worker');
    expect(out).toContain('cost: budget.perYear every year it is on (running cost) — needs budget.perYear');
    expect(out).toContain('— requires mechanisms.networking');
    expect(out).toContain(`      rule: bestResponse (default): ${LEVERS.subsidyRace.rules!.options.bestResponse}`);
    expect(out).toContain(`      rule: fixed: always offers intensity`);
  });

  it('lists the bundled stage-policy scenario', () => {
    expect(listing().scenarios.map((s) => s.name)).toContain('stage-policy');
  });
});
