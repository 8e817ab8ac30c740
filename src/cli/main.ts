// The command line: `clusterlab run | validate | list | schema | batch | compare | check | sweep | merge | report`.
// `main(argv, io)` parses and dispatches and returns the exit code (0 ok, 1 invalid input, 2 usage,
// 4 some batch runs failed, 130 a batch interrupted by SIGINT/SIGTERM), so tests call it
// in-process; `cli()` binds it to the process. Anything else thrown is a bug: `cli()` prints its
// stack, exit code 3.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { parseMetrics, parseParam, parseShard, type SweepParam } from '../batch/jobs.ts';
import { LIMITS } from '../scenarios/limits.ts';
import { integerOption, numberOption } from './args.ts';
import { calibrateCommand, type CalibrateOptions } from './calibrate.ts';
import { parsePrior } from '../calibrate/priors.ts';
import type { Prior } from '../calibrate/priors.ts';
import { batchCommand, type BatchDeps, type BatchOptions } from './batch.ts';
import { compareCommand, type CompareOptions } from './compare.ts';
import { checkCommand, type CheckOptions } from './check.ts';
import { mergeCommand, type MergeOptions } from './merge.ts';
import { sweepCommand, type SweepOptions } from './sweep.ts';
import { userErrorMessage } from './errors.ts';
import { processIo, type CliIo } from './io.ts';
import { listCommand } from './list.ts';
import { reportCommand, type ReportOptions } from './report.ts';
import { runCommand, type RunCommandOptions } from './run.ts';
import { schemaCommand } from './schema.ts';
import { validateCommand } from './validate.ts';
import { packageVersion } from './version.ts';

export const EXIT = { ok: 0, invalidInput: 1, usage: 2, bug: 3, runsFailed: 4, interrupted: 130 } as const;

/** A fresh program per call: commander keeps parsed state on the command objects. */
/** `--keep`, taken by batch, compare and sweep (check and calibrate keep no tables). */
const KEEP_HELP = 'agent-level tables kept from every run, comma-separated: firms, events, ties (written as <table>.parquet)';

/** The options every batch command (batch, compare, sweep) takes. */
function withBatchOptions(command: Command, name: string): Command {
  return command
    .option('--seed-start <s>', 'first seed; seeds are s, s+1, … (default 1)', integerOption())
    .option('--ticks <t>', `number of ticks per run (default: the scenario's; at most ${LIMITS.ticks})`, integerOption(1, LIMITS.ticks))
    .option('--metrics <list>', 'series kept per run, comma-separated (default: all metrics)', parseMetrics)
    .option('--workers <w>', 'worker threads (default: the available cores; 0 = run on the main thread)', integerOption(0, 1024))
    .option('--shard <k/N>', 'run only the k-th of N slices of the job list (join them with `clusterlab merge`)', parseShard)
    .option('--out <dir>', `output folder (default: out/<scenario>-${name}[-shard<k>of<N>])`)
    .option('--resume', 'finish an interrupted batch in --out: run only the jobs without a result')
    .option('--quiet', 'no progress output')
    .option('--no-report', 'do not write report.html (written by default when the batch finishes)')
    .option('--force', 'start even when the runs are estimated not to fit in this machine\'s memory')
    .option('--json', 'print the result as JSON');
}

function buildProgram(io: CliIo, setExit: (code: number) => void, deps: BatchDeps): Command {
  const program = new Command('clusterlab')
    .description('Deterministic agent-based simulation of industrial clusters.')
    .version(packageVersion(), '-V, --version')
    // Usage errors throw instead of exiting, so main() can return 2 (commander would exit 1).
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(add --help for usage)');

  program
    .command('run')
    .description('run a scenario once; writes timeseries.csv, events.csv, firms.csv, summary.json (and ties.csv when output.ties asks)')
    .argument('<scenario>', 'scenario file (YAML or JSON) or bundled scenario name')
    .option('--seed <n>', 'random seed (default: the scenario\'s)', integerOption())
    .option('--ticks <t>', `number of ticks (default: the scenario's; at most ${LIMITS.ticks})`, integerOption(1, LIMITS.ticks))
    .option('--variant <name>', 'apply one of the scenario\'s variants')
    .option('--out <dir>', 'output directory (default: out/<scenario>[-<variant>]-seed<N>)')
    .option('--json', 'print the summary as JSON instead of text')
    .option('--force', 'start even when the run is estimated not to fit in this machine\'s memory')
    .action((scenario: string, options: RunCommandOptions) => setExit(runCommand(scenario, options, io)));

  program
    .command('validate')
    .description('check scenario files and all their variants; exit code 1 if any is invalid')
    .argument('<scenario...>', 'scenario files or bundled names')
    .option('--json', 'print one JSON report per scenario')
    .action((refs: string[], options: { json?: boolean }) => setExit(validateCommand(refs, options, io)));

  program
    .command('list')
    .description('bundled scenarios, policy levers, metrics, firm kinds and roles, stages, events')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => setExit(listCommand(options, io)));

  program
    .command('schema')
    .description('print the JSON Schema of scenario files (for editors: completion and checks while typing)')
    .option('--targets', 'the schema of targets files (targets: and priors:) instead')
    .action((options: { targets?: boolean }) => setExit(schemaCommand(options, io)));

  withBatchOptions(
    program
      .command('batch')
      .description('run variants × seeds on a worker pool; writes runs.csv, ensemble.csv, failures.csv, manifest.json')
      .argument('<scenario>', 'scenario file (YAML or JSON) or bundled scenario name')
      .requiredOption('--seeds <n>', 'number of seeds per variant', integerOption(1))
      .option('--variants <list>', 'variants to run, comma-separated, in this order; `base` = the scenario itself; `all` = base and every variant (default: base)')
      .option('--keep <tables>', KEEP_HELP),
    'batch',
  ).action((scenario: string, options: BatchOptions) => batchCommand(scenario, options, io, deps).then(setExit));

  withBatchOptions(
    program
      .command('compare')
      .description('every variant against the baseline on the same seeds; writes compare.csv, runs.csv, ensemble.csv, manifest.json')
      .argument('<scenario>', 'scenario file (YAML or JSON) or bundled scenario name')
      .requiredOption('--seeds <n>', 'number of seeds (the same seeds for every variant)', integerOption(1))
      .option('--baseline <name>', 'the variant the others are compared with (default: base, the scenario itself)')
      .option('--variants <list>', 'variants to compare, comma-separated (default: all); the baseline is added when not named')
      .option('--keep <tables>', KEEP_HELP)
      .option('--posterior <file>', 'a calibration\'s posterior.csv: run every variant under --draws parameter draws from it (intervals include parameter uncertainty)')
      .option('--draws <k>', 'parameter draws from --posterior (systematic resampling; each draw runs every variant on the same seeds)', integerOption(1)),
    'compare',
  ).action((scenario: string, options: CompareOptions) => compareCommand(scenario, options, io, deps).then(setExit));

  withBatchOptions(
    program
      .command('check')
      .description('run the seeds against observed targets (--targets FILE or the scenario\'s expect block); writes check.csv and the batch files')
      .argument('<scenario>', 'scenario file (YAML or JSON) or bundled scenario name')
      .requiredOption('--seeds <n>', 'number of seeds', integerOption(1))
      .option('--targets <file>', 'a targets file (targets: [...]); default: the scenario\'s expect block')
      .option('--variant <name>', 'check this variant of the scenario instead of the base'),
    'check',
  ).action((scenario: string, options: CheckOptions) => checkCommand(scenario, options, io, deps).then(setExit));

  withBatchOptions(
    program
      .command('calibrate')
      .description('fit parameters to observed targets (ABC-SMC or the simulated method of moments); writes posterior.csv, fit.csv, parameters.csv, calibrated.yaml')
      .argument('<scenario>', 'scenario file (YAML or JSON) or bundled scenario name')
      .requiredOption('--targets <file>', 'a targets file (targets: [...], priors: [...]) or the name of a bundled one')
      .option('--prior <path=lo:hi[:log|:int]>', 'a parameter to fit (repeat for several), added to the file\'s priors or replacing the one of that path',
        (text: string, all: Prior[] | undefined) => [...(all ?? []), parsePrior(text)])
      .addOption(new Option('--method <method>', 'abc (ABC-SMC with adaptive tolerances) or smm (simulated method of moments, Nelder–Mead)').choices(['abc', 'smm']))
      .option('--particles <n>', 'abc: particles per generation; smm: prior draws to start from and draws of the spread (default 200)', integerOption(2))
      .option('--seeds <k>', 'seeds per particle, the same for every particle (default 2)', integerOption(1))
      .option('--generations <g>', 'abc: generations at most, the prior sample included (default 6)', integerOption(1))
      .option('--alpha <a>', 'abc: each tolerance is this quantile of the last generation\'s distances (default 0.5)', numberOption())
      .option('--min-acceptance <r>', 'abc: stop after a generation accepting fewer candidates than this share (default 0.02)', numberOption())
      .option('--budget <b>', 'abc: candidates a generation may simulate at most, in particles (default 20)', integerOption(1))
      .option('--max-evaluations <n>', 'smm: parameter points the search may simulate at most (default 150)', integerOption(1))
      .option('--variant <name>', 'calibrate this variant of the scenario instead of the base')
      .option('--wait <s>', 'with --shard: seconds to wait for the other shards\' runs of a round (default 3600)', integerOption(1)),
    'calibrate',
  ).action((scenario: string, options: CalibrateOptions) => calibrateCommand(scenario, options, io, deps).then(setExit));

  withBatchOptions(
    program
      .command('sweep')
      .description('run the scenario over a design of parameter values; writes sweep.csv (and sensitivity.csv), manifest.json')
      .argument('<scenario>', 'scenario file (YAML or JSON) or bundled scenario name')
      .option('--param <path=lo:hi[:int]>', 'a swept parameter (repeat for several), e.g. mechanisms.spinoffs.rate=0.01:0.1 or mechanisms.entry.rate=1:6:int',
        (text: string, all: SweepParam[] | undefined) => [...(all ?? []), parseParam(text)])
      .option('--samples <n>', 'grid: values per parameter; lhs: points; morris: trajectories; sobol: base rows N (N·(k + 2) points)', integerOption(1))
      .option('--design <file>', 'run a design made elsewhere: a CSV with one column per scenario path and one row per point (instead of --param, --samples, --method)')
      .addOption(new Option('--method <method>', 'design: grid (full factorial), lhs (Latin hypercube), morris or sobol (Saltelli) (default: grid; the sensitivity method\'s design with --sensitivity)').choices(['grid', 'lhs', 'morris', 'sobol']))
      .option('--seeds <k>', 'seeds per point (default 1)', integerOption(1))
      .addOption(new Option('--sensitivity <method>', 'also compute Morris elementary effects (μ*, σ) or Sobol\' indices (S1, ST with 95 % bootstrap intervals) into sensitivity.csv').choices(['morris', 'sobol']))
      .option('--keep <tables>', KEEP_HELP),
    'sweep',
  ).action((scenario: string, options: SweepOptions) => sweepCommand(scenario, options, io, deps).then(setExit));

  program
    .command('merge')
    .description('join the shard folders of a batch, compare or sweep into the files of the whole batch')
    .argument('<dir...>', 'the shards\' output folders')
    .requiredOption('--out <dir>', 'the merged output folder (run files are copied into it)')
    .option('--quiet', 'no progress output')
    .option('--no-report', 'do not write report.html into --out')
    .option('--json', 'print the result as JSON')
    .action((dirs: string[], options: MergeOptions) => mergeCommand(dirs, options, io).then(setExit));

  program
    .command('report')
    .description('turn the output folder of run, batch, compare, sweep or calibrate into one self-contained report.html (opens offline)')
    .argument('<dir>', 'an output folder')
    .option('--at <ticks>', 'run, compare: the ticks of the map, network and genealogy pictures, comma-separated (default: a quarter, half, three quarters and the end)')
    .option('--quiet', 'print nothing on success')
    .action((dir: string, options: ReportOptions) => reportCommand(dir, options, io).then(setExit));

  return program;
}

/** Parses `argv` (without `node` and the script) and runs the command; returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo, deps: BatchDeps = {}): Promise<number> {
  let code: number = EXIT.ok;
  const own = io === processIo;
  const batchDeps: BatchDeps = { signals: own, tty: own && Boolean(process.stderr.isTTY), argv, ...deps };
  const program = buildProgram(io, (c) => (code = c), batchDeps);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    // --help and --version also end in a CommanderError, with exit code 0.
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const message = userErrorMessage(err);
    if (message === null) throw err;
    io.stderr(message.endsWith('\n') ? message : message + '\n');
    return EXIT.invalidInput;
  }
}

/**
 * What a bug prints: one line with what failed (and, inside a run, the scenario, seed and tick),
 * the command to report; the stack only with --debug.
 */
export function internalErrorText(err: unknown, debug: boolean): string {
  const message = err instanceof Error ? err.message : String(err);
  const line = `clusterlab: internal error: ${message.split('\n')[0]}. This is a bug: please report it with the command line${debug ? '.' : ' (--debug prints the stack).'}\n`;
  return debug && err instanceof Error && err.stack ? `${line}${err.stack}\n` : line;
}

/** The process entry: exit code from main(), or one line about a bug and exit code 3. */
export async function cli(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // --debug belongs to no command: it only asks for the stack of an internal error.
  const debug = argv.includes('--debug');
  try {
    // exitCode rather than exit(): lets stdout drain when it is a pipe.
    process.exitCode = await main(argv.filter((a) => a !== '--debug'));
  } catch (err) {
    process.stderr.write(internalErrorText(err, debug));
    process.exitCode = EXIT.bug;
  }
}

/** True when this file is the script node was started with (`tsx src/cli/main.ts …`). */
function isEntry(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isEntry()) await cli();
