// examples/kubernetes: no cluster here, so (1) the manifests are parsed and checked for what the
// Indexed Job needs, and (2) the pods' shell scripts are run locally, index by index, with the
// environment Kubernetes would give them (ConfigMap, JOB_COMPLETION_INDEX, DATA, WORKERS), on a
// copy of what the Dockerfile puts in the image; the merged result must equal the unsharded batch.
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { clusterlabWrapper, describeResult, directBatch, exec, expectSameFiles, repoRoot, scratch, SMALL } from './helpers.ts';

const DIR = join(repoRoot, 'examples', 'kubernetes');

// Loose shapes: only what the tests look at.
interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  envFrom?: { configMapRef?: { name: string } }[];
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  restartPolicy: string;
  containers: Container[];
  volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[];
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec?: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    template?: { spec: PodSpec };
    accessModes?: string[];
  } & Partial<PodSpec>;
}

function load(file: string): K8sObject[] {
  const docs = parseAllDocuments(readFileSync(join(DIR, file), 'utf8'));
  if (!Array.isArray(docs)) throw new Error(`${file}: no documents`);
  for (const d of docs) expect(d.errors, `${file}: YAML errors`).toEqual([]);
  return docs.map((d) => d.toJS() as K8sObject);
}

const pvc = load('pvc.yaml');
const batch = load('batch-job.yaml');
const merge = load('merge-job.yaml');
const fetch = load('fetch-pod.yaml');

const configMap = batch.find((o) => o.kind === 'ConfigMap')!;
const batchJob = batch.find((o) => o.kind === 'Job')!;
const mergeJob = merge.find((o) => o.kind === 'Job')!;
const claim = pvc[0].metadata.name;

/** The single container's shell script (`sh -c <script>`). */
function script(job: K8sObject): string {
  const c = job.spec!.template!.spec.containers[0];
  expect(c.command).toEqual(['/bin/sh', '-c']);
  expect(c.args).toHaveLength(1);
  return c.args![0];
}

function envValue(c: Container, name: string): string | undefined {
  return c.env?.find((e) => e.name === name)?.value;
}

describe('examples/kubernetes manifests', () => {
  it('are valid YAML with the expected objects', () => {
    expect(pvc.map((o) => o.kind)).toEqual(['PersistentVolumeClaim']);
    expect(pvc[0].spec!.accessModes).toContain('ReadWriteMany');
    expect(batch.map((o) => o.kind)).toEqual(['ConfigMap', 'Job']);
    expect(merge.map((o) => o.kind)).toEqual(['Job']);
    expect(fetch.map((o) => o.kind)).toEqual(['Pod']);
    for (const o of [...pvc, ...batch, ...merge, ...fetch]) {
      expect(o.apiVersion).toMatch(/^(v1|batch\/v1)$/);
      expect(o.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
  });

  it('the batch is an Indexed Job with one completion per shard, sharding by JOB_COMPLETION_INDEX + 1', () => {
    const spec = batchJob.spec!;
    expect(spec.completionMode).toBe('Indexed');
    expect(spec.completions).toBe(Number(configMap.data!.SHARDS));
    expect(spec.parallelism).toBeGreaterThanOrEqual(1);
    expect(spec.parallelism).toBeLessThanOrEqual(spec.completions!);
    const pod = spec.template!.spec;
    expect(pod.restartPolicy).toBe('Never');
    const s = script(batchJob);
    expect(s).toContain('--shard "$k/$SHARDS"');
    expect(s).toContain('k=$((JOB_COMPLETION_INDEX + 1))');
    expect(s).toMatch(/clusterlab "\$COMMAND"/);
    for (const option of ['--out', '--quiet', '--workers', '--seeds']) expect(s).toContain(option);
  });

  it('both Jobs read the same ConfigMap and mount the PVC at $DATA', () => {
    for (const job of [batchJob, mergeJob]) {
      const pod = job.spec!.template!.spec;
      const c = pod.containers[0];
      expect(c.envFrom?.[0]?.configMapRef?.name).toBe(configMap.metadata.name);
      const volume = pod.volumes!.find((v) => v.persistentVolumeClaim?.claimName === claim);
      expect(volume, `${job.metadata.name} mounts ${claim}`).toBeDefined();
      expect(c.volumeMounts!.find((m) => m.name === volume!.name)!.mountPath).toBe(envValue(c, 'DATA'));
      expect(c.image).toBe(batchJob.spec!.template!.spec.containers[0].image);
    }
    expect(script(mergeJob)).toContain('clusterlab merge "$DATA/$RUN"/shard-* --out "$DATA/$RUN/merged"');
  });
});

describe('examples/kubernetes pods run locally', () => {
  const work = scratch('k8s');
  const direct = join(work.dir, 'direct');
  const image = join(work.dir, 'image');
  const path = join(work.dir, 'bin');

  beforeAll(async () => {
    await directBatch(direct);
    // The image's files, as the Dockerfile's COPY lines list them (node_modules from the repo).
    const copies = readFileSync(join(DIR, 'Dockerfile'), 'utf8').split('\n').filter((l) => /^COPY\s/.test(l));
    expect(copies.length).toBeGreaterThan(0);
    mkdirSync(image, { recursive: true });
    for (const line of copies) {
      const words = line.trim().split(/\s+/).slice(1);
      const dest = words.pop()!;
      for (const src of words) cpSync(join(repoRoot, src), dest.endsWith('/') ? join(image, dest, src) : join(image, dest), { recursive: true });
    }
    symlinkSync(join(repoRoot, 'node_modules'), join(image, 'node_modules'));
    mkdirSync(path);
    clusterlabWrapper(path, join(image, 'bin', 'clusterlab.mjs'));
  }, 120_000);
  afterAll(() => work.remove());

  /** A pod's environment: the ConfigMap (with the small batch), its env values, PATH with `clusterlab`. */
  function podEnv(job: K8sObject, extra: Record<string, string>): NodeJS.ProcessEnv {
    const c = job.spec!.template!.spec.containers[0];
    const fixed = Object.fromEntries((c.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]));
    return {
      PATH: `${path}:${process.env.PATH}`,
      HOME: process.env.HOME,
      ...configMap.data,
      SCENARIO: SMALL.scenario,
      SEEDS: String(SMALL.seeds),
      ARGS: SMALL.args.join(' '),
      ...fixed,
      DATA: join(work.dir, 'data'), // the volume
      ...extra,
    };
  }

  it('every index, then the merge Job, give the unsharded batch; a retried index resumes', async () => {
    const shards = batchJob.spec!.completions!;
    const run = configMap.data!.RUN;
    for (let index = 0; index < shards; index++) {
      const r = await exec('/bin/sh', ['-c', script(batchJob)], { env: podEnv(batchJob, { JOB_COMPLETION_INDEX: String(index), WORKERS: '1' }) });
      expect(r.code, describeResult(`pod ${index}`, r)).toBe(0);
      expect(r.stdout).toContain(`shard ${index + 1}/${shards}`);
    }
    const data = join(work.dir, 'data', run);
    expect(readdirSync(data).sort()).toEqual(Array.from({ length: shards }, (_, k) => `shard-${k + 1}`).sort());
    // A pod retried after a failure finds its shard on the volume and resumes it.
    const again = await exec('/bin/sh', ['-c', script(batchJob)], { env: podEnv(batchJob, { JOB_COMPLETION_INDEX: '0', WORKERS: '1' }) });
    expect(again.code, describeResult('pod 0 again', again)).toBe(0);

    const m = await exec('/bin/sh', ['-c', script(mergeJob)], { env: podEnv(mergeJob, {}) });
    expect(m.code, describeResult('merge pod', m)).toBe(0);
    expectSameFiles(join(data, 'merged'), direct);
  });
});
