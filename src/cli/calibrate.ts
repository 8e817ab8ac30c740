// `clusterlab calibrate <scenario> --targets FILE`: fits the priors' parameters to the targets by
// ABC-SMC (default) or the simulated method of moments, on the worker pool. Writes, as it goes,
// simulations.csv (every run's target values: the log that --resume replays) and, after each
// generation, posterior.csv and generations.csv; at the end parameters.csv, fit.csv,
// calibrated.yaml, manifest.json and report.html. Same inputs → the same files, byte for byte,
// with any number of workers. Exit 0 (whether or not every target is reached: fit.csv says),
// 1 invalid input, 2 usage, 130 interrupted (resume with --resume).
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BatchError } from '../batch/errors.ts';
import { abcSmc } from '../calibrate/abc.ts';
import { distance, targetScales, type TargetScale } from '../calibrate/distance.ts';
import { prepareFolder, type CalibrationManifest, type CalibrationSettings } from '../calibrate/manifest.ts';
import { calibratedYaml, extendsRef, fitCsv, fitRows, generationsCsv, parametersCsv, posteriorCsv, summariseParameters, type GenerationRow, type PopulationRow } from '../calibrate/outputs.ts';
import { valueOf, type Prior } from '../calibrate/priors.ts';
import { checkPrior, createSimulator, Interrupted, SimulationLog } from '../calibrate/simulate.ts';
import { smm } from '../calibrate/smm.ts';
import { median } from '../calibrate/weighted.ts';
import { scenarioHash } from '../scenarios/hash.ts';
import { findBundled } from '../scenarios/bundled.ts';
import { loadScenario } from '../scenarios/load.ts';
import { ScenarioError } from '../scenarios/errors.ts';
import { loadTargetFile, resolveTargets } from '../scenarios/target-files.ts';
import { targetName } from '../scenarios/targets.ts';
import { removeTemporaryFiles } from '../io/temporary.ts';
import { makeDir, writeFileAtomic } from '../io/write.ts';
import { defaultWorkers } from '../workers/node.ts';
import { reusable } from '../workers/reuse.ts';
import { LOCK_FILE, lockFolder } from '../batch/lock.ts';
import { memoryProblem } from '../scenarios/resources.ts';
import { BATCH_EXIT, defaultBatchDir, defaultPool, resumeHint, withBatchErrors, type BatchDeps, type CommonOptions } from './batch.ts';
import type { CliIo } from './io.ts';
import { createProgress } from './progress.ts';
import { batchReport } from './report.ts';
import { packageVersion } from './version.ts';

export interface CalibrateOptions extends CommonOptions {
  targets: string;
  prior?: Prior[];
  method?: 'abc' | 'smm';
  particles?: number;
  seeds?: number;
  generations?: number;
  alpha?: number;
  minAcceptance?: number;
  budget?: number;
  maxEvaluations?: number;
  variant?: string;
  /** Sharded calibrations: seconds to wait for the other shards' runs of a round (default 3600). */
  wait?: number;
  /** Sharded calibrations: milliseconds between looks at the other shards' logs (default 2000; tests shorten it). */
  pollMs?: number;
}

export const CALIBRATE_FILES = ['posterior.csv', 'generations.csv', 'parameters.csv', 'fit.csv', 'calibrated.yaml'] as const;

function settingsOf(o: CalibrateOptions): CalibrationSettings {
  const method = o.method ?? 'abc';
  const s: CalibrationSettings = { method, particles: o.particles ?? 200, seeds: o.seeds ?? 2 };
  if (method === 'abc') {
    s.generations = o.generations ?? 6;
    s.alpha = o.alpha ?? 0.5;
    s.minAcceptance = o.minAcceptance ?? 0.02;
    s.budget = o.budget ?? 20;
  } else {
    s.maxEvaluations = o.maxEvaluations ?? 150;
  }
  return s;
}

/** The options that belong to the other method, as a usage message. */
function misplaced(o: CalibrateOptions): string | null {
  const abcOnly = ['generations', 'alpha', 'minAcceptance', 'budget'] as const;
  if ((o.method ?? 'abc') === 'smm') {
    const given = abcOnly.filter((k) => o[k] !== undefined);
    if (given.length) return `--${given[0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is for --method abc`;
  } else if (o.maxEvaluations !== undefined) {
    return '--max-evaluations is for --method smm';
  }
  if (o.alpha !== undefined && !(o.alpha > 0 && o.alpha < 1)) return `--alpha must lie strictly between 0 and 1, got ${o.alpha}`;
  if (o.minAcceptance !== undefined && !(o.minAcceptance >= 0 && o.minAcceptance < 1)) return `--min-acceptance must lie in [0, 1), got ${o.minAcceptance}`;
  return null;
}

const short = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(4))) : x === Infinity ? '∞' : '–');

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => '  ' + r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

export function calibrateCommand(ref: string, options: CalibrateOptions, io: CliIo, deps: BatchDeps = {}): Promise<number> {
  return withBatchErrors(io, async () => {
    const usage = misplaced(options);
    if (usage) { io.stderr(`error: ${usage}\n`); return BATCH_EXIT.usage; }
    if (options.metrics) throw new BatchError('calibrate keeps the metrics its targets read: drop --metrics');
    const base = loadScenario(ref, { variant: options.variant ?? null });
    const s = base.scenario;
    const ticks = options.ticks ?? s.ticks;
    const targetsPath = resolveTargets(options.targets);
    const file = loadTargetFile(targetsPath, { regions: s.regions.map((r) => r.name), ticks, ticksPerYear: s.ticksPerYear });
    // --prior adds priors, or replaces the file's prior of the same path.
    const cli = options.prior ?? [];
    const priors = [...file.priors.filter((p) => !cli.some((q) => q.path === p.path)), ...cli];
    if (priors.length === 0) throw new ScenarioError(file.display, [{ path: 'priors', expected: 'at least one prior (here, or --prior path=lo:hi[:log|:int])', found: 'none' }]);
    file.priors.forEach((p, i) => { if (priors.includes(p)) checkPrior(base, p, file.display, `priors[${i}]`, file.priorLines[i]); });
    cli.forEach((p) => checkPrior(base, p, `--prior ${p.path}=${p.lo}:${p.hi}`, ''));
    const targets = file.targets;
    const settings = settingsOf(options);
    const seeds = { start: options.seedStart ?? 1, count: settings.seeds };
    const manifest: CalibrationManifest = {
      command: 'calibrate', engine: 'clusterlab', version: packageVersion(),
      scenario: { name: base.name, file: ref, hash: base.hash, variant: base.variant },
      targets: { file: options.targets, hash: scenarioHash(targets) },
      priors, settings, seeds, ticks, ticksPerYear: s.ticksPerYear,
      seedKey: `calibrate/${base.name}/${seeds.start}`,
      completed: null, stopped: null,
    };
    if (!options.force) {
      // The runs at once (the workers), estimated from the base scenario (a prior on a size, such as
      // firms.generate.count, may ask for more at its upper end).
      const tooBig = memoryProblem(s, ticks, Math.max(1, options.workers ?? defaultWorkers()));
      if (tooBig) throw new BatchError(`calibrate: ${ref}: ${tooBig}`);
    }
    const out = options.out ?? defaultBatchDir(base.name, 'calibrate', undefined);
    // One writer per folder, or per shard of a shared folder (lock.ts): taken before the folder is read.
    makeDir(out);
    const release = lockFolder(out, options.shard ? `.clusterlab-shard-${options.shard.k}of${options.shard.n}.lock` : LOCK_FILE);
    let stopSignals = () => {};
    try {
      prepareFolder(out, manifest, { resume: options.resume ?? false, sharded: options.shard !== undefined });
      // What a killed calibration left half-written (shards share the folder: only unsharded).
      if (!options.shard) removeTemporaryFiles(out);
      writeFileAtomic(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

      const workers = options.workers ?? defaultWorkers();
      const setup = (deps.pool ?? defaultPool)(workers);
      // One pool per round of candidates, the same worker threads for all of them.
      const workerSet = reusable(setup.spawn);
      const pool = { ...setup, spawn: workerSet.spawn };
      const abort = new AbortController();
      const onSignal = () => abort.abort();
      const signals = deps.signals ?? false;
      if (signals) { process.on('SIGINT', onSignal); process.on('SIGTERM', onSignal); }
      // Until the end, report included: the default action would stop the process without a word.
      stopSignals = () => { if (signals) { process.off('SIGINT', onSignal); process.off('SIGTERM', onSignal); } };
      const interrupted = () => {
        io.stderr(`calibrate: interrupted; ${log.size} runs are saved in ${out}. To go on from there:\n${resumeHint(deps.argv, out, 'calibrate')}\n`);
        return BATCH_EXIT.interrupted;
      };
      const log = new SimulationLog(out, targets.length, options.shard ?? null);
      const known = log.size;
      const names = targets.map(targetName);
      let round = 0;
      const simulator = createSimulator({
        base, priors, targets, targetNames: names, seeds, ticks, pool, log, shard: options.shard ?? null, signal: abort.signal,
        waitMs: (options.wait ?? 3600) * 1000, pollMs: options.pollMs,
      });
      const evaluate = async (points: number[][]) => {
        // A redrawn line per round on a terminal; in logs, only the line per generation below.
        const progress = createProgress({ label: `calibrate round ${++round}`, write: io.stderr, tty: deps.tty ?? false, quiet: options.quiet || !(deps.tty ?? false) });
        try {
          return await simulator.statistics(points, (done, total) => progress.update(done, 0, total));
        } finally {
          progress.finish();
        }
      };
      const start = performance.now();
      const populations: PopulationRow[] = [];
      const generationRows: GenerationRow[] = [];
      let scales: TargetScale[] = [];
      let stopped: string;
      let posterior: PopulationRow;
      let perSeed: Float64Array[];
      const write = (name: string, text: string) => { if (!options.shard || options.shard.k === 1) writeFileAtomic(join(out, name), text); };
      try {
        if (settings.method === 'abc') {
          const result = await abcSmc(priors, {
            particles: settings.particles, generations: settings.generations!, alpha: settings.alpha!, minAcceptance: settings.minAcceptance!,
            budget: settings.budget!, seedKey: manifest.seedKey,
          }, evaluate, (prior) => {
            scales = targetScales(targets, prior);
            return (stats) => distance(stats, scales, targets);
          }, (g) => {
            const distances = g.particles.map((p) => p.distance);
            populations.push({ generation: g.index, values: g.particles.map((p) => p.values), weights: g.particles.map((p) => p.weight), distances });
            generationRows.push({ generation: g.index, epsilon: g.epsilon, candidates: g.candidates, acceptance: g.acceptance, ess: g.ess, distanceMedian: median(distances) });
            write('posterior.csv', posteriorCsv(priors, populations));
            write('generations.csv', generationsCsv(generationRows));
            if (!options.quiet) io.stderr(`calibrate: generation ${g.index}: ε ${short(g.epsilon)}, acceptance ${short(g.acceptance)}, median distance ${short(median(distances))}\n`);
          });
          stopped = result.stopped;
          posterior = populations.at(-1)!;
        } else {
          const result = await smm(priors, targets, { starts: settings.particles, maxEvaluations: settings.maxEvaluations!, particles: settings.particles, seeds: settings.seeds, seedKey: manifest.seedKey }, evaluate);
          scales = result.scales;
          stopped = result.stopped;
          const values = result.draws.map((latent) => latent.map((x, j) => valueOf(priors[j], x)));
          posterior = { generation: 0, values, weights: values.map(() => 1 / values.length), distances: values.map(() => NaN) };
          populations.push(posterior);
          result.trace.forEach((t) => generationRows.push({ generation: t.iteration, epsilon: NaN, candidates: t.evaluations, acceptance: NaN, ess: NaN, distanceMedian: t.distance }));
          write('posterior.csv', posteriorCsv(priors, populations));
          write('generations.csv', generationsCsv(generationRows));
          manifest.estimate = { values: result.values, distance: result.distance, evaluations: result.evaluations };
        }
        // The posterior predictive: ABC's particles are in the log; SMM's draws are new points.
        perSeed = await simulator.simulate(posterior.values);
      } catch (err) {
        if (!(err instanceof Interrupted)) throw err;
        return interrupted();
      } finally {
        await workerSet.close();
      }
      // A signal that came while the last runs were gathered: stop before the results are written.
      await new Promise((resolve) => setImmediate(resolve));
      if (abort.signal.aborted) return interrupted();
      if (options.shard && options.shard.k !== 1) {
        io.stdout(`calibrate: shard ${options.shard.k}/${options.shard.n} done (${simulator.runs} runs); shard 1 writes the results in ${out}\n`);
        return BATCH_EXIT.ok;
      }
      if (posterior.distances.every((d) => d === Infinity)) {
        throw new BatchError(`calibrate: no particle produced the targets' metrics (every distance is infinite); see ${join(out, 'simulations.csv')}`);
      }
      const summaries = summariseParameters(priors, posterior);
      const fit = fitRows(targets, scales, perSeed, posterior.weights, settings.seeds);
      const centre = settings.method === 'smm' ? manifest.estimate!.values : summaries.map((x) => x.median);
      write('parameters.csv', parametersCsv(priors, summaries));
      write('fit.csv', fitCsv(fit));
      write('calibrated.yaml', calibratedYaml({
        ref: extendsRef(ref, base.file, findBundled(ref) === base.file, resolve(out)), name: base.name, scenario: s, priors, values: centre.map((v) => Number(v.toPrecision(6))),
        header: `${base.name} calibrated to ${options.targets} by clusterlab ${packageVersion()} (${settings.method === 'abc' ? 'ABC-SMC, posterior medians' : 'simulated method of moments, the estimate'}).\nSee parameters.csv for the intervals and fit.csv for the fit; posterior.csv for every particle.`,
      }));
      if (!options.shard) log.canonicalise(names);
      manifest.completed = true;
      manifest.stopped = stopped;
      writeFileAtomic(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
      const files = [...CALIBRATE_FILES].map((f) => join(out, f));
      if (options.report !== false) {
        const report = await batchReport(out, io);
        if (report) files.push(report);
      }
      if (abort.signal.aborted) return interrupted();
      const seconds = (performance.now() - start) / 1000;
      if (options.json) {
        io.stdout(JSON.stringify({ scenario: base.name, method: settings.method, out, stopped, parameters: summaries, fit, files }, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
        return BATCH_EXIT.ok;
      }
      const reached = fit.filter((f) => f.reached).length;
      const lines = [
        `${base.name}: ${settings.method === 'abc' ? 'ABC-SMC' : 'simulated method of moments'}, ${settings.particles} particles × ${settings.seeds} seeds, ${ticks} ticks; stopped: ${stopped}`,
        ...table(['parameter', settings.method === 'abc' ? 'median' : 'estimate', '90 % interval'],
          summaries.map((x, j) => [x.path, short(centre[j]), `[${short(x.q05)}, ${short(x.q95)}]`])),
        '',
        ...table(['target', 'observed', 'simulated mean [90 %]', 'result'],
          fit.map((f) => [f.target, f.observed_low === f.observed_high ? short(f.observed_low) : `[${short(f.observed_low)}, ${short(f.observed_high)}]`,
            f.kind === 'stage' ? `share ${short(f.simulated_mean)}` : `${short(f.simulated_mean)} [${short(f.simulated_low)}, ${short(f.simulated_high)}]`, f.reached ? 'reached' : 'NOT REACHED'])),
        `  ${reached} of ${fit.length} targets reached`,
        '',
        `  runs        ${simulator.runs} simulated, ${known} read back from the log`,
        `  wall time   ${seconds.toFixed(1)} s (${(simulator.runs / Math.max(seconds, 1e-9)).toFixed(1)} runs/s)`,
        `  outputs     ${out} (${files.map((f) => f.slice(f.lastIndexOf('/') + 1)).join(', ')})`,
      ];
      io.stdout(lines.join('\n') + '\n');
      return BATCH_EXIT.ok;
    } finally {
      stopSignals();
      release();
    }
  });
}
