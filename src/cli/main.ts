// The command line: `clusterlab run | validate | list`. `main(argv, io)` parses and dispatches and
// returns the exit code (0 ok, 1 invalid input, 2 usage), so tests call it in-process; `cli()`
// binds it to the process. Anything else thrown is a bug: `cli()` prints its stack, exit code 3.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { integerOption } from './args.ts';
import { userErrorMessage } from './errors.ts';
import { processIo, type CliIo } from './io.ts';
import { listCommand } from './list.ts';
import { runCommand, type RunCommandOptions } from './run.ts';
import { validateCommand } from './validate.ts';
import { packageVersion } from './version.ts';

export const EXIT = { ok: 0, invalidInput: 1, usage: 2, bug: 3 } as const;

/** A fresh program per call: commander keeps parsed state on the command objects. */
function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('clusterlab')
    .description('Deterministic agent-based simulation of industrial clusters.')
    .version(packageVersion(), '-V, --version')
    // Usage errors throw instead of exiting, so main() can return 2 (commander would exit 1).
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(add --help for usage)');

  program
    .command('run')
    .description('run a scenario once; writes timeseries.csv, events.csv, firms.csv, summary.json')
    .argument('<scenario>', 'scenario file (YAML or JSON) or bundled scenario name')
    .option('--seed <n>', 'random seed (default: the scenario\'s)', integerOption())
    .option('--ticks <t>', 'number of ticks (default: the scenario\'s)', integerOption(1))
    .option('--variant <name>', 'apply one of the scenario\'s variants')
    .option('--out <dir>', 'output directory (default: out/<scenario>[-<variant>]-seed<N>)')
    .option('--json', 'print the summary as JSON instead of text')
    .action((scenario: string, options: RunCommandOptions) => setExit(runCommand(scenario, options, io)));

  program
    .command('validate')
    .description('check scenario files and all their variants; exit code 1 if any is invalid')
    .argument('<scenario...>', 'scenario files or bundled names')
    .option('--json', 'print one JSON report per scenario')
    .action((refs: string[], options: { json?: boolean }) => setExit(validateCommand(refs, options, io)));

  program
    .command('list')
    .description('bundled scenarios, metrics, firm kinds and roles, stages')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => setExit(listCommand(options, io)));

  return program;
}

/** Parses `argv` (without `node` and the script) and runs the command; returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
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

/** The process entry: exit code from main(), or the stack of a bug and exit code 3. */
export async function cli(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  try {
    // exitCode rather than exit(): lets stdout drain when it is a pipe.
    process.exitCode = await main(argv);
  } catch (err) {
    process.stderr.write(`clusterlab: internal error (a bug, please report it)\n${err instanceof Error ? err.stack : String(err)}\n`);
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
