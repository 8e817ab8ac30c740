// The published package as a user gets it: `npm pack`, the tarball installed offline into an empty
// folder (it has no dependencies: the build bundles them), and the installed `clusterlab` run from
// there: a single run, a batch on a worker thread with its report, and the library entry. Nothing
// above that folder has a node_modules, so anything needing tsx, esbuild or the sources would fail.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));

function npmAvailable(): boolean {
  return spawnSync('npm', ['--version'], { encoding: 'utf8' }).status === 0;
}

const hasNpm = npmAvailable();
// dist/ is there: the global setup (test/support/build.ts) builds it when missing.
const suite = hasNpm ? describe : describe.skip;

interface Packed {
  filename: string;
  files: { path: string }[];
}

suite(`the packed package (npm pack → npm install --offline)${hasNpm ? '' : ' — skipped: npm is not on PATH'}`, () => {
  let dir = '';
  let app = '';
  let packed: Packed;

  const npm = (cwd: string, ...args: string[]) =>
    execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });

  const clusterlab = (...argv: string[]) => {
    const r = spawnSync(join(app, 'node_modules', '.bin', 'clusterlab'), argv, { cwd: app, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'clusterlab-pack-'));
    // --ignore-scripts: pack the dist/ the global setup keeps current instead of rebuilding it
    // (prepare) while other test files may be running it.
    packed = (JSON.parse(npm(root, 'pack', '--json', '--ignore-scripts', '--pack-destination', dir)) as Packed[])[0];
    app = join(dir, 'app');
    execFileSync('mkdir', [app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    npm(app, 'install', '--offline', '--no-package-lock', join(dir, packed.filename));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ships the built code, the bundled scenarios and targets, and no tests, benches or sources', () => {
    const paths = packed.files.map((f) => f.path);
    for (const needed of ['package.json', 'bin/clusterlab.mjs', 'dist/cli.mjs', 'dist/node-worker.mjs', 'dist/index.mjs', 'dist/report.js', 'dist/report.css', 'dist/types/index.d.ts', 'src/scenarios/bundled/default.yaml']) {
      expect(paths).toContain(needed);
    }
    expect(paths.some((p) => p.startsWith('targets/'))).toBe(true);
    // The JSON Schemas the bundled scenarios' first line points at.
    expect(paths).toContain('schema/scenario.schema.json');
    expect(paths.filter((p) => /^(test|bench|scratch|out|viz|examples)\//.test(p) || /\.ts$/.test(p) && !p.endsWith('.d.ts'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: object };
    expect(Object.keys(manifest.dependencies ?? {})).toEqual([]);
  });

  it('runs `clusterlab run default --ticks 10` from the installed package', () => {
    const r = clusterlab('run', 'default', '--ticks', '10', '--seed', '3', '--out', 'run');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    for (const name of ['timeseries.csv', 'events.csv', 'firms.csv', 'summary.json']) expect(existsSync(join(app, 'run', name))).toBe(true);
    const lines = readFileSync(join(app, 'run', 'timeseries.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^seed,tick,/);
    // Ticks 0 (the initial state) to 10, every row of seed 3.
    expect(Math.max(...lines.slice(1).map((l) => Number(l.split(',')[1])))).toBe(10);
    expect(lines.slice(1).every((l) => l.startsWith('3,'))).toBe(true);
    const summary = JSON.parse(readFileSync(join(app, 'run', 'summary.json'), 'utf8'));
    expect(JSON.stringify(summary)).toContain('"default"');
    expect(clusterlab('--version').out.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  it('runs a batch on a worker thread and writes its report from the prebuilt assets', () => {
    const r = clusterlab('batch', 'default', '--seeds', '2', '--ticks', '8', '--workers', '1', '--quiet', '--out', 'batch');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rows = readFileSync(join(app, 'batch', 'runs.csv'), 'utf8').trim().split('\n').slice(1);
    expect(new Set(rows.map((l) => l.split(',').slice(0, 2).join(',')))).toEqual(new Set(['base,1', 'base,2']));
    const html = readFileSync(join(app, 'batch', 'report.html'), 'utf8');
    expect(html).toContain(readFileSync(join(root, 'dist', 'report.js'), 'utf8').slice(0, 200));
  });

  it('imports the library entry', () => {
    const script = "import { loadScenario, run } from 'clusterlab'; const r = run(loadScenario('default').scenario, { ticks: 4, seed: 1 }); console.log(typeof r);";
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
    expect(out.trim()).toBe('object');
  });
});
