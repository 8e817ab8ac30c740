// One batch job, start to finish: run the engine on the job's scenario and seed, then pack what
// the batch keeps — the selected metrics' series (metric-major, one Float64Array), the stage
// column and the per-run outcomes — into a JobResult whose buffers can be transferred. Pure: the
// same job gives the same result on any thread, in Node or in a browser.
import { finalStageOf, outcomesOf, regionOutcomesOf } from '../analysis/outcomes.ts';
import { sizeHistogram } from '../analysis/sizes.ts';
import { run, type RunResult } from '../engine/run.ts';
import type { KeepTable } from '../batch/keep.ts';
import { eventsCsv } from '../io/events.ts';
import { firmsCsv } from '../io/firms.ts';
import { csvText } from '../io/format.ts';
import { tiesCsv, TIES_HEADER } from '../io/ties.ts';
import type { Job, JobResult } from './protocol.ts';

export function runJob(job: Job): JobResult {
  const result = run(job.scenario, { seed: job.seed, ticks: job.ticks });
  const { world } = result;
  const { series } = world;
  const columns = selectColumns(series.metrics, job.metrics);
  const rows = series.recorded * (series.regions + 1);
  const byRegion = regionOutcomesOf(world);
  const values = new Float64Array(columns.length * rows);
  columns.forEach((c, k) => values.set(series.values[c].subarray(0, rows), k * rows));
  return {
    index: job.index,
    metrics: columns.map((c) => series.metrics[c]),
    regions: [...world.regions.names, 'all'],
    ticksPerYear: world.ticksPerYear,
    rows,
    series: values,
    stage: series.stage.slice(0, rows),
    outcomes: outcomesOf(world),
    finalStage: finalStageOf(world),
    regionOutcomes: byRegion.outcomes,
    regionFinalStages: byRegion.finalStages,
    sizes: sizeHistogram(world.firms.employees, world.firms.count),
    ...(job.keep?.length ? { kept: keptTables(job.keep, result) } : {}),
  };
}

/** The agent-level tables a job keeps, as the text a single run writes (ties: empty unless the scenario logs them). */
function keptTables(keep: readonly KeepTable[], result: RunResult): Partial<Record<KeepTable, string>> {
  const kept: Partial<Record<KeepTable, string>> = {};
  for (const table of keep) {
    if (table === 'firms') kept.firms = firmsCsv(result.world);
    else if (table === 'events') kept.events = eventsCsv(result.world);
    else kept.ties = result.ties ? tiesCsv(result.ties, result.world) : csvText(TIES_HEADER, []);
  }
  return kept;
}

/** Column indices of the requested metrics, in the requested order (all when null). */
function selectColumns(available: readonly string[], wanted: readonly string[] | null): number[] {
  if (wanted === null) return available.map((_, k) => k);
  const unknown = wanted.filter((m) => !available.includes(m));
  if (unknown.length) {
    throw new Error(`unknown metric${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (known: ${available.join(', ')})`);
  }
  const repeated = wanted.filter((m, k) => wanted.indexOf(m) !== k);
  if (repeated.length) throw new Error(`metric${repeated.length > 1 ? 's' : ''} listed twice: ${[...new Set(repeated)].join(', ')}`);
  return wanted.map((m) => available.indexOf(m));
}
