// The map, tie network and genealogy pictures of a report (Node side): the output folder's run
// — a `run`'s own, or for `compare` the first seed of the baseline and of the first other variant —
// replayed by the engine from its scenario (found by the manifest's file, its hash checked) and
// snapshot at a quarter, half, three quarters and the end of the run. The same scenario and seed
// give the same world, so the pictures are those of the runs whose numbers the report shows.
import type { ReportData, ReportPictures } from './model.ts';
import { packageVersion } from '../cli/version.ts';
import { loadScenario } from '../scenarios/load.ts';
import { mapSnapshots, pictureTicks } from './snapshot.ts';

/** Runs larger than this (firms alive at a pictured tick) get a note instead of pictures: the report would grow by megabytes. */
export const PICTURE_FIRMS_MAX = 5000;

interface PictureSource {
  version: string;
  file: string;
  hash: string;
  seed: number;
  ticks: number;
  variants: (string | null)[];
}

function sourceOf(data: ReportData): PictureSource | null {
  const m = data.manifest as Record<string, any> | null;
  if (!m) return null;
  if (data.kind === 'run') return { version: m.version, file: m.file, hash: m.hash, seed: m.seed, ticks: m.ticks, variants: [m.variant ?? null] };
  if (data.kind === 'compare' && !m.posterior) {
    const baseline = m.baseline ?? 'base';
    const other = (m.variants as { name: string }[]).map((v) => v.name).find((v) => v !== baseline);
    const name = (v: string) => (v === 'base' ? null : v);
    return { version: m.version, file: m.scenario.file, hash: m.scenario.hash, seed: m.seeds.start, ticks: m.ticks, variants: other ? [name(baseline), name(other)] : [name(baseline)] };
  }
  return null;
}

/** The pictures for `data` at `ticks` (default: pictureTicks), a note why there are none, or undefined for kinds that have none. */
export function reportPictures(data: ReportData, ticks?: readonly number[]): ReportPictures | undefined {
  const source = sourceOf(data);
  if (!source) return undefined;
  // A tick the run never reached is the caller's mistake (`--at`), not a missing picture.
  if (ticks?.some((t) => t > source.ticks)) throw new Error(`--at: expected ticks up to the run's ${source.ticks}, found ${ticks.join(',')}`);
  const at = ticks?.length ? [...ticks] : pictureTicks(source.ticks);
  // Checked before replaying: a run of a national scenario is not replayed to be turned down.
  const most = mostFirms(data);
  if (most > PICTURE_FIRMS_MAX) return { note: `No map, network or genealogy pictures: up to ${Math.round(most)} firms, more than the ${PICTURE_FIRMS_MAX} a report pictures.` };
  try {
    // Another engine could draw another run: only this version's runs are replayed.
    if (source.version !== packageVersion()) throw new Error(`the run was made by clusterlab ${source.version}, this is ${packageVersion()}`);
    const runs = source.variants.map((variant) => {
      const loaded = loadScenario(source.file, { variant });
      if (loaded.hash !== source.hash) throw new Error(`the scenario ${source.file} has changed since the run (its hash differs)`);
      const snapshots = mapSnapshots(loaded.scenario, source.seed, source.ticks, at);
      const largest = Math.max(...snapshots.map((s) => s.firms.count));
      if (largest > PICTURE_FIRMS_MAX) throw new Error(`${largest} firms: more than the ${PICTURE_FIRMS_MAX} a report pictures`);
      return { variant: variant ?? 'base', snapshots };
    });
    return { seed: source.seed, ticks: at, runs };
  } catch (error) {
    return { note: `No map, network or genealogy pictures: ${(error as Error).message.split('\n')[0]}.` };
  }
}

/** The most firms alive at any tick of any variant's series (its 95th percentile where there is one). */
function mostFirms(data: ReportData): number {
  let most = 0;
  for (const v of data.variants) {
    const band = v.series.all?.firms;
    for (const x of band?.p95 ?? band?.p50 ?? []) if (Number.isFinite(x)) most = Math.max(most, x);
  }
  return most;
}
