// Per-run state lives in the world (world.context), never in a module: no module-level `let`,
// no WeakMap keyed by the world, no module-level collection or typed array that a call writes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStreams } from '../../src/engine/rng.ts';
import { run } from '../../src/engine/run.ts';
import { createWorld } from '../../src/engine/world.ts';
import { loadScenario } from '../../src/scenarios/load.ts';

// math.ts reinterprets one float's bits through a one-element buffer, written and read within
// one call of exp/log (no call or draw in between): it carries nothing from call to call. HI is a
// number (the machine's byte order) read from a throwaway array. POW2 is a constant table of the
// powers of two, filled once when the module loads and only read after.
const ALLOWED = new Set(['src/engine/math.ts: scratch', 'src/engine/math.ts: words', 'src/engine/math.ts: HI', 'src/engine/math.ts: POW2']);

const MUTABLE = /^(?:export\s+)?const\s+(\w+)(?:\s*:[^=]+)?\s*=\s*new\s+(?:Weak)?(?:Map|Set|Array|Float64Array|Float32Array|Int32Array|Int16Array|Int8Array|Uint32Array|Uint16Array|Uint8Array|Uint8ClampedArray|BigInt64Array)\b/;

/** Module-level declarations of state that calls could share, as `file: name (line)`. */
function moduleState(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      found.push(...moduleState(path));
      continue;
    }
    if (!path.endsWith('.ts')) continue;
    readFileSync(path, 'utf8').split('\n').forEach((line, k) => {
      const code = line.replace(/\/\/.*$/, '');
      const where = `${path.replaceAll('\\', '/')}:${k + 1}: ${line.trim()}`;
      if (/^(?:export\s+)?(?:let|var)\s/.test(code) || /\bnew\s+Weak(?:Map|Set)\b/.test(code)) found.push(where);
      const m = MUTABLE.exec(code);
      if (m && !ALLOWED.has(`${path.replaceAll('\\', '/')}: ${m[1]}`)) found.push(where);
    });
  }
  return found;
}

describe('per-run state', () => {
  it('no module of the engine keeps state of its own: no top-level let, WeakMap or mutable collection', () => {
    expect(moduleState('src/engine')).toEqual([]);
  });

  it('the check finds each kind of module state it forbids', () => {
    const probe = [
      'let desired = new Float64Array(0);',
      'const scratchOf = new WeakMap<World, Scratch>();',
      'const formedPairs = new Set<number>();',
      'const top: Int32Array = new Int32Array(8);',
    ];
    expect(probe.filter((line) => /^(?:export\s+)?(?:let|var)\s/.test(line) || /\bnew\s+Weak(?:Map|Set)\b/.test(line) || MUTABLE.test(line))).toEqual(probe);
    expect(MUTABLE.test("const DEFS = ['a', 'b'] as const;")).toBe(false);
  });

  it('each world gets its own context, and a run leaves its working arrays in its world', () => {
    const scenario = loadScenario('yangtze-delta').scenario;
    const a = createWorld(scenario, createStreams(1).init);
    const b = createWorld(scenario, createStreams(1).init);
    expect(a.context).not.toBe(b.context);
    expect(a.context.growth).not.toBe(b.context.growth);
    expect(a.context.networking.formedPairs).not.toBe(b.context.networking.formedPairs);
    const { world } = run(scenario, { seed: 1, ticks: 5 });
    expect(world.context.growth.desired.length).toBeGreaterThanOrEqual(world.firms.count);
    expect(world.context.metrics?.regions).toBe(world.regions.count);
    expect(a.context.growth.desired.length).toBe(0); // untouched by the other run
  });
});
