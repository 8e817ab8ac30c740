// examples/slurm: the job-array script and merge.sh.
//
// 1. Always: the scripts run locally with the environment SLURM gives an array task (no SLURM
//    needed), and the merged shards equal the unsharded batch.
// 2. On a real single-node SLURM cluster (issue 3): `../shared/ci/slurm-single-node.sh start`
//    (Debian's slurmctld, slurmd and munge; installs them on first use), `sbatch --wait` of the
//    example array, merge.sh, the same comparison, then `slurm-single-node.sh stop` — unless SLURM
//    was already running before the test, in which case it is left running. Without root, without
//    the script, or when SLURM does not start, the test is reported as skipped, with the reason
//    printed: never passed without running.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterlabWrapper, describeResult, directBatch, exec, expectSameFiles, repoRoot, scratch, SMALL, type Result } from './helpers.ts';

const ARRAY_SCRIPT = join(repoRoot, 'examples', 'slurm', 'batch-array.sh');
const MERGE_SCRIPT = join(repoRoot, 'examples', 'slurm', 'merge.sh');
/** In CI the repository is cloned with shared/ beside it. */
const SLURM_SCRIPT = resolve(repoRoot, '../shared/ci/slurm-single-node.sh');

const work = scratch('slurm');
const wrapper = clusterlabWrapper(work.dir);
const direct = join(work.dir, 'direct');

/** The environment batch-array.sh and merge.sh read (as sbatch passes it to the job). */
function exampleEnv(out: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, SCENARIO: SMALL.scenario, SEEDS: String(SMALL.seeds), ARGS: SMALL.args.join(' '), OUT: out, CLUSTERLAB: wrapper, ...extra };
}

beforeAll(async () => {
  await directBatch(direct);
}, 120_000);
afterAll(() => work.remove());

describe('examples/slurm run locally with SLURM array variables', () => {
  async function task(out: string, id: number, min: number, count: number, extra: NodeJS.ProcessEnv = {}): Promise<Result> {
    const env = exampleEnv(out, { SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: String(min), SLURM_ARRAY_TASK_COUNT: String(count), SLURM_CPUS_PER_TASK: '1', ...extra });
    return exec('bash', [ARRAY_SCRIPT], { env });
  }

  it('3 tasks (ids 1–3) + merge.sh give the unsharded batch; a task rerun alone resumes its shard', async () => {
    const out = join(work.dir, 'local');
    for (const id of [1, 2, 3]) {
      const r = await task(out, id, 1, 3);
      expect(r.code, describeResult(`batch-array.sh task ${id}`, r)).toBe(0);
      expect(r.stdout).toContain(`shard ${id}/3`);
    }
    expect(readdirSync(out).sort()).toEqual(['shard-1', 'shard-2', 'shard-3']);
    // `SHARDS=3 sbatch --array=2`: the shard is already there, so the task resumes it.
    const again = await task(out, 2, 2, 1, { SHARDS: '3' });
    expect(again.code, describeResult('batch-array.sh task 2 again', again)).toBe(0);
    expect(again.stdout).toContain('shard 2/3');
    const m = await exec('bash', [MERGE_SCRIPT], { env: exampleEnv(out) });
    expect(m.code, describeResult('merge.sh', m)).toBe(0);
    expectSameFiles(join(out, 'merged'), direct);
  });

  it('a 0-based array (ids 0–1) counts shards from 1', async () => {
    const out = join(work.dir, 'local0');
    for (const id of [0, 1]) {
      const r = await task(out, id, 0, 2);
      expect(r.code, describeResult(`batch-array.sh task ${id}`, r)).toBe(0);
    }
    expect(readdirSync(out).sort()).toEqual(['shard-1', 'shard-2']);
    const m = await exec('bash', [MERGE_SCRIPT], { env: exampleEnv(out) });
    expect(m.code, describeResult('merge.sh', m)).toBe(0);
    expectSameFiles(join(out, 'merged'), direct);
  });

  it('refuses to run outside a job array', async () => {
    const r = await exec('bash', [ARRAY_SCRIPT], { env: exampleEnv(join(work.dir, 'none'), { SLURM_ARRAY_TASK_ID: '' }) });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('sbatch --array');
  });
});

/** Why the real-SLURM test cannot run here, or null. */
function skipReason(): string | null {
  if (process.platform !== 'linux') return `SLURM integration test skipped: needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'SLURM integration test skipped: needs root to start slurmctld, slurmd and munge (run the tests as root, as CI does)';
  if (!existsSync(SLURM_SCRIPT)) return `SLURM integration test skipped: ${SLURM_SCRIPT} not found (CI clones shared/ beside the repository)`;
  return null;
}

/** True when a SLURM controller answers and this machine's node is usable. */
function slurmRunning(): boolean {
  const r = spawnSync('sinfo', ['-h', '-o', '%T'], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 && /^(idle|mix|alloc)/m.test(r.stdout);
}

function skipLoudly(skip: (note: string) => never, reason: string): never {
  // Printed, so that a skip is never mistaken for a pass in the logs.
  process.stderr.write(`\n*** ${reason}\n\n`);
  return skip(reason);
}

describe('examples/slurm on a real single-node SLURM cluster', () => {
  /** Stop the cluster in afterAll: we started it (or tried to) and it was not running before. */
  let stopAfter = false;
  afterAll(async () => {
    if (!stopAfter) return;
    const r = await exec('bash', [SLURM_SCRIPT, 'stop'], { timeoutMs: 60_000 });
    if (r.code !== 0) process.stderr.write(describeResult('slurm-single-node.sh stop', r) + '\n');
  }, 90_000);

  it('sbatch --wait of batch-array.sh (3 tasks, 2 at a time) + merge.sh equals the unsharded batch', async (ctx) => {
    const reason = skipReason();
    if (reason !== null) skipLoudly((note) => ctx.skip(note), reason);

    const before = Date.now();
    const wasRunning = slurmRunning();
    stopAfter = !wasRunning;
    // Idempotent: installs on first use, starts only the daemons that are not running.
    const start = await exec('bash', [SLURM_SCRIPT, 'start'], { timeoutMs: 480_000 });
    if (start.code !== 0 || !slurmRunning()) {
      skipLoudly((note) => ctx.skip(note), `SLURM integration test skipped: the single-node cluster did not start.\n${describeResult(`bash ${SLURM_SCRIPT} start`, start)}`);
    }
    process.stderr.write(`slurm: cluster ${wasRunning ? 'already running' : `started in ${((Date.now() - before) / 1000).toFixed(1)} s`}\n`);

    const out = join(work.dir, 'slurm');
    const logs = join(work.dir, 'slurm-logs');
    mkdirSync(logs, { recursive: true });
    // Options on the command line override the script's #SBATCH defaults: 1 CPU per task, so
    // that 2 tasks run at once on a 2-core node.
    const args = ['--wait', '--array=1-3%2', '--cpus-per-task=1', `--output=${join(logs, 'task-%a.out')}`, `--chdir=${work.dir}`, '--job-name=clusterlab-test', ARRAY_SCRIPT];
    const submitted = await exec('sbatch', args, { env: exampleEnv(out), timeoutMs: 300_000 });
    const taskLogs = () =>
      existsSync(logs) ? readdirSync(logs).sort().map((f) => `--- ${f}\n${readFileSync(join(logs, f), 'utf8').slice(-2000)}`).join('\n') : '(no task logs)';
    if (submitted.code !== 0) {
      const id = /Submitted batch job (\d+)/.exec(submitted.stdout)?.[1];
      if (id) spawnSync('scancel', [id]);
      expect.fail(`${describeResult(`sbatch ${args.join(' ')}`, submitted)}\n${taskLogs()}`);
    }
    expect(submitted.stdout).toMatch(/Submitted batch job \d+/);
    // Each task ran its own shard under SLURM.
    for (const k of [1, 2, 3]) {
      expect(readFileSync(join(logs, `task-${k}.out`), 'utf8'), taskLogs()).toContain(`shard ${k}/3`);
    }
    expect(readdirSync(out).sort()).toEqual(['shard-1', 'shard-2', 'shard-3']);

    const merged = await exec('bash', [MERGE_SCRIPT], { env: exampleEnv(out) });
    expect(merged.code, describeResult('merge.sh', merged)).toBe(0);
    expectSameFiles(join(out, 'merged'), direct);
    process.stderr.write(`slurm: integration test done in ${((Date.now() - before) / 1000).toFixed(1)} s\n`);
  }, 600_000);
});
