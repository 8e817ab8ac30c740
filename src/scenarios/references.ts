// Checks that need more than one field at a time, run on a scenario that already passed the
// schema (so defaults are filled in): names that must refer to regions or provinces, segment
// indices within the ring, a square symmetric distance matrix, lengths that depend on the number
// of regions or segments, and a run that has any firms at all. Each problem names its path.
import { describeValue, type Finding, type PathKey } from './errors.ts';
import type { Scenario } from './schema.ts';
import { checkLevers } from './lever-checks.ts';

type Body = Omit<Scenario, 'variants' | 'extends' | 'expect'>;

export function checkReferences(s: Body): Finding[] {
  const out: Finding[] = [];
  const add = (path: PathKey[], expected: string, found: string) => out.push({ path, expected, found });
  const R = s.regions.length;
  const S = s.segments.count;

  // Regions are referred to by name, so names must be unique.
  const firstIndex = new Map<string, number>();
  s.regions.forEach((r, i) => {
    const first = firstIndex.get(r.name);
    // `all` names the whole system in timeseries.csv and summary.json.
    if (r.name === 'all') add(['regions', i, 'name'], 'a region name other than "all" (it stands for the whole system)', '"all"');
    if (first === undefined) firstIndex.set(r.name, i);
    else add(['regions', i, 'name'], 'a region name not used before', `${describeValue(r.name)}, already the name of regions[${first}]`);
  });
  const regionNames = `one of the regions ${listNames([...firstIndex.keys()])}`;
  const checkRegion = (path: PathKey[], name: string) => {
    if (!firstIndex.has(name)) add(path, regionNames, describeValue(name));
  };
  s.firms.initial.forEach((f, i) => checkRegion(['firms', 'initial', i, 'region'], f.region));
  s.researchOrgs.forEach((o, i) => checkRegion(['researchOrgs', i, 'region'], o.region));
  s.promotionOrgs.forEach((o, i) => o.regions.forEach((name, j) => checkRegion(['promotionOrgs', i, 'regions', j], name)));
  const weights = s.firms.generate?.regionWeights;
  if (weights) {
    for (const name of Object.keys(weights)) {
      if (!firstIndex.has(name)) add(['firms', 'generate', 'regionWeights', name], regionNames, `unknown region ${describeValue(name)}`);
    }
    const total = Object.values(weights).reduce((a, b) => a + b, 0);
    if (s.firms.generate!.count > 0 && !(total > 0)) add(['firms', 'generate', 'regionWeights'], 'at least one weight > 0', 'all weights 0');
  }

  // Segments are positions 0..S-1 on the technology ring.
  const segmentRange = S === 1 ? 'segment 0 (segments.count is 1)' : `a segment from 0 to ${S - 1} (segments.count is ${S})`;
  const checkSegment = (path: PathKey[], segment: number) => {
    if (segment >= S) add(path, segmentRange, String(segment));
  };
  s.firms.initial.forEach((f, i) => checkSegment(['firms', 'initial', i, 'segment'], f.segment));
  const seenSegment = new Map<number, number>();
  s.segments.perSegment.forEach((p, i) => {
    checkSegment(['segments', 'perSegment', i, 'segment'], p.segment);
    const first = seenSegment.get(p.segment);
    if (first === undefined) seenSegment.set(p.segment, i);
    else add(['segments', 'perSegment', i, 'segment'], 'each segment at most once', `segment ${p.segment} again (also segments.perSegment[${first}])`);
  });
  s.researchOrgs.forEach((o, i) => o.segments.forEach((seg, j) => checkSegment(['researchOrgs', i, 'segments', j], seg)));
  s.mechanisms.supply.partsSegments?.forEach((seg, j) => checkSegment(['mechanisms', 'supply', 'partsSegments', j], seg));
  s.promotionOrgs.forEach((o, i) => o.segments?.forEach((seg, j) => checkSegment(['promotionOrgs', i, 'segments', j], seg)));

  if (s.distances) checkDistances(s.distances, R, add);

  // Barriers name provinces; a region's province is its own name unless given.
  const provinces = [...new Set(s.regions.map((r) => r.province ?? r.name))];
  s.barriers.pairs.forEach((p, i) => {
    for (const side of ['a', 'b'] as const) {
      if (!provinces.includes(p[side])) add(['barriers', 'pairs', i, side], `one of the provinces ${listNames(provinces)}`, describeValue(p[side]));
    }
    if (p.a === p.b) add(['barriers', 'pairs', i, 'b'], 'a province other than a', describeValue(p.b));
  });

  const a = s.mechanisms.entry.proportional.a;
  if (Array.isArray(a) && a.length !== R) {
    add(['mechanisms', 'entry', 'proportional', 'a'], `a single number or a list of ${R} (one per region)`, describeValue(a));
  }

  // Ring distance is at most ⌊S/2⌋, so weights beyond index ⌊S/2⌋ could never be used.
  const w = s.mechanisms.learning.cognitive.weights;
  const maxWeights = Math.floor(S / 2) + 1;
  if (w && w.length > maxWeights) {
    add(['mechanisms', 'learning', 'cognitive', 'weights'], `at most ${maxWeights} weights (ring distances 0 to ${maxWeights - 1} with ${S} segments)`, describeValue(w));
  }

  checkLevers(s, [...firstIndex.keys()], add);

  if (!canHaveFirms(s)) {
    add(['firms'], 'firms.initial, firms.generate.count > 0 or entry (mechanisms.entry with rate > 0)', 'no firms and no way for any to enter');
  }
  return out;
}

function checkDistances(d: number[][], R: number, add: (path: PathKey[], expected: string, found: string) => void): void {
  if (d.length !== R) {
    add(['distances'], `${R} rows (one per region)`, `${d.length}`);
    return;
  }
  let square = true;
  d.forEach((row, i) => {
    if (row.length !== R) {
      add(['distances', i], `${R} entries (one per region)`, `${row.length}`);
      square = false;
    }
  });
  if (!square) return;
  for (let i = 0; i < R; i++) {
    if (d[i][i] !== 0) add(['distances', i, i], '0 (the distance of a region to itself)', String(d[i][i]));
    for (let j = i + 1; j < R; j++) {
      if (d[i][j] !== d[j][i]) add(['distances', j, i], `${d[i][j]}, the same as distances[${i}][${j}] (symmetric)`, String(d[j][i]));
    }
  }
}

/** Firms at the start, or some process that creates firms from nothing; otherwise the run is empty. */
function canHaveFirms(s: Body): boolean {
  const initial = s.firms.initial.reduce((n, f) => n + f.count, 0) + (s.firms.generate?.count ?? 0);
  const entry = s.mechanisms.entry;
  const entrants = entry.enabled && (entry.rate > 0 || entry.branches.rate > 0);
  const academic = s.mechanisms.spinoffs.enabled && s.mechanisms.spinoffs.academic.rate > 0 && s.researchOrgs.length > 0;
  return initial > 0 || entrants || academic;
}

function listNames(names: string[]): string {
  const shown = names.slice(0, 12).map((n) => JSON.stringify(n));
  return names.length > 12 ? `${shown.join(', ')}, …` : shown.join(', ');
}
