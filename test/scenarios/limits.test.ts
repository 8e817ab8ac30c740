// The largest scenario accepted (src/scenarios/limits.ts), and files that are no finite tree:
// each refused with the file, the path, what was expected and what was found — never a stack
// trace, never a run that cannot end.
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/scenarios/limits.ts';
import { loadScenario } from '../../src/scenarios/load.ts';
import { ScenarioError } from '../../src/scenarios/errors.ts';
import { workspace } from '../cli/fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());

function refused(name: string, text: string): ScenarioError {
  const file = ws.file(name, text);
  try {
    loadScenario(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }
  throw new Error(`${name} was accepted`);
}

describe('scenario limits', () => {
  it('refuses names with control characters, which would act on the terminal that prints them', () => {
    const text = 'name: x\nregions:\n  - name: "a\\e[2Jb"\nlevers:\n  - { lever: rdSubsidy, name: "l\\nm" }\nvariants:\n  "v\\e[31mX":\n    set: { mechanisms.entry.rate: 2 }\n';
    const message = refused('control.yaml', text).message;
    expect(message).toMatch(/regions\[0\]\.name \(line 3\): expected a name without control characters .*found "a\\u001b\[2Jb"/);
    expect(message).toMatch(/levers\[0\]\.name \(line 5\): expected a name without control characters/);
    expect(message).toMatch(/variants\["v\\u001b\[31mX"\] \(line 7\): expected a variant name without control characters/);
    // Letters of any script are names: only control characters are refused.
    expect(() => loadScenario(ws.file('unicode.yaml', 'name: 长沙\nregions:\n  - name: 长沙\n'))).not.toThrow();
  });

  it('refuses more ticks, firms or variants than it can run', () => {
    expect(refused('ticks.yaml', `extends: default\nticks: ${LIMITS.ticks + 1}\n`).message).toMatch(/ticks \(line 2\): expected an integer from 1 to 100000, found 100001/);
    expect(refused('firms.yaml', 'extends: default\nfirms:\n  initial:\n    - { region: valley, segment: 1, count: 6000000 }\n  generate:\n    count: 5000000\n').message)
      .toMatch(/firms \(line 2\): expected at most 10,000,000 initial firms \(explicit and generated together\), found 11000000/);
    const variants = Object.fromEntries(Array.from({ length: LIMITS.variants + 1 }, (_, k) => [`v${k}`, { set: { ticks: 10 } }]));
    expect(refused('variants.json', JSON.stringify({ extends: 'default', variants })).message).toMatch(/variants.*expected at most 1000 variants, found 1005/); // with default's four
  });

  it('refuses a file larger than the limit before reading it', () => {
    const error = refused('big.yaml', `# ${'x'.repeat(LIMITS.fileBytes)}\nextends: default\n`);
    expect(error.message).toMatch(/big\.yaml: expected a scenario file of at most 1,048,576 bytes .*, found 1,048,5\d\d bytes/);
  });

  it('refuses a YAML alias that contains itself, and nesting deeper than 64 levels', () => {
    // A variant's `set` takes any value: this one reached deepFreeze and overflowed the stack.
    expect(refused('set.yaml', 'extends: default\nvariants: { v: { set: &s { x: *s } } }\n').message).toMatch(/set\.yaml: variants\.v\.set\.x: expected values that do not contain themselves/);
    expect(refused('alias.yaml', 'extends: default\ndescription: &d [*d]\n').message).toMatch(/alias\.yaml: description\[0\]: expected values that do not contain themselves, found a YAML alias that refers to its own anchor/);
    let deep: unknown = 1;
    for (let k = 0; k < 80; k++) deep = { a: deep };
    expect(refused('deep.json', JSON.stringify({ extends: 'default', description: deep })).message).toMatch(/expected at most 64 levels of nesting/);
  });
});
