// The real executable in a subprocess: the tsx shim, exit codes and streams as a shell sees them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BROKEN, hasStackTrace, TINY, workspace } from './fixtures.ts';

const bin = fileURLToPath(new URL('../../bin/clusterlab.mjs', import.meta.url));
const ws = workspace();
afterAll(() => ws.remove());

function clusterlab(...argv: string[]) {
  const r = spawnSync(process.execPath, [bin, ...argv], { cwd: ws.dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('bin/clusterlab.mjs', () => {
  it('exits 2 on a usage error, with a short message', () => {
    const r = clusterlab('run', 'tiny.yaml', '--seed', 'abc');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--seed');
    expect(hasStackTrace(r.err)).toBe(false);
  });

  it('exits 1 on a broken scenario, naming the file and the path, without a stack', () => {
    ws.file('broken.yaml', BROKEN);
    const r = clusterlab('run', 'broken.yaml');
    expect(r.code).toBe(1);
    expect(r.err).toContain('broken.yaml');
    expect(r.err).toMatch(/regions.*wage/);
    expect(hasStackTrace(r.err)).toBe(false);
  });

  it('runs a scenario into the default directory and lists as JSON', () => {
    ws.file('tiny.yaml', TINY);
    const r = clusterlab('run', 'tiny.yaml', '--seed', '3');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    for (const name of ['timeseries.csv', 'events.csv', 'firms.csv', 'summary.json']) {
      expect(existsSync(join(ws.dir, 'out', 'tiny-seed3', name))).toBe(true);
    }
    const l = clusterlab('list', '--json');
    expect(l.code).toBe(0);
    expect(JSON.parse(l.out).stages).toContain('formation');
  });
});
