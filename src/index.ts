// The library entry (`import … from 'clusterlab'`): load a scenario, run it, turn the result into
// the CSV texts the CLI writes, or drive the command line from a script. The package's `exports`
// points here (built: dist/index.mjs, declarations dist/types/index.d.ts).
export { run, type RunOptions, type RunResult } from './engine/run.ts';
export {
  loadScenario,
  validateScenarioFile,
  withOverrides,
  withVariantOn,
  listBundled,
  ScenarioError,
  type LoadedScenario,
  type LoadOptions,
  type Problem,
} from './scenarios/load.ts';
export type { Scenario } from './scenarios/schema.ts';
export { timeseriesCsv } from './io/timeseries.ts';
export { eventsCsv } from './io/events.ts';
export { firmsCsv } from './io/firms.ts';
export { main, cli, EXIT } from './cli/main.ts';
export { packageVersion } from './cli/version.ts';
