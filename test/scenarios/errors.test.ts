// Each broken scenario must produce a message that names the file, the path, what was expected
// and what was found — and, for YAML, the line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScenarioError, formatPath, formatProblems } from '../../src/scenarios/errors.ts';
import { loadScenario } from '../../src/scenarios/load.ts';
import { problemAt, scenarioError, tempDir, type TempDir } from './helpers.ts';

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

/** Loads `text` from `name` and returns the error, checking that its message names the file. */
function broken(text: string, name = 'broken.yaml'): ScenarioError {
  const file = tmp.write(name, text);
  const err = scenarioError(() => loadScenario(file));
  for (const line of err.message.split('\n')) expect(line.startsWith(err.file)).toBe(true);
  expect(err.file.endsWith(name)).toBe(true);
  return err;
}

const FIRM = 'firms: { initial: [{ region: a, segment: 0 }] }\n';

describe('schema problems', () => {
  it('wrong type', () => {
    const err = broken(`regions: [{ name: a }]\n${FIRM}ticks: "abc"\n`);
    expect(err.message).toBe(`${err.file}: ticks (line 3): expected an integer from 1 to 100000, found string "abc"`);
    expect(err).toMatchObject({ path: 'ticks', expected: 'an integer from 1 to 100000', found: 'string "abc"' });
  });

  it('unknown key, with the allowed keys and a suggestion', () => {
    const err = broken(`regions: [{ name: a }]\n${FIRM}mechanisms:\n  spinoff:\n    rate: 0.1\n`);
    const p = problemAt(err, 'mechanisms.spinoff');
    expect(p.line).toBe(4);
    expect(p.expected).toBe('one of market, learning, innovation, growth, spinoffs, entry, exit, networking, supply, migration, relocation, localReturns, upgrading');
    expect(p.found).toBe('unknown key "spinoff" (did you mean "spinoffs"?)');
  });

  it('missing required field', () => {
    const err = broken(`regions:\n  - name: a\n  - wage: 2\n${FIRM}`);
    expect(problemAt(err, 'regions[1].name')).toMatchObject({ expected: 'a non-empty string', found: 'nothing', line: 3 });
  });

  it('NaN', () => {
    const err = broken(`regions: [{ name: a }]\n${FIRM}mechanisms:\n  growth:\n    noise: .nan\n`);
    expect(problemAt(err, 'mechanisms.growth.noise')).toMatchObject({ expected: 'a number ≥ 0', found: 'NaN', line: 5 });
  });

  it('negative rate', () => {
    const err = broken(`regions: [{ name: a }]\n${FIRM}mechanisms:\n  entry:\n    rate: -1\n`);
    expect(err.message).toBe(`${err.file}: mechanisms.entry.rate (line 5): expected a number ≥ 0, found -1`);
  });

  it('lever segments: only on entrySubsidy, and within the ring', () => {
    const err = broken(`regions: [{ name: a }]\nsegments: { count: 4 }\n${FIRM}levers:\n  - { lever: entrySubsidy, segments: [1, 4] }\n  - { lever: rdSubsidy, segments: [0] }\n`);
    expect(problemAt(err, 'levers[0].segments[1]')).toMatchObject({ expected: 'a segment from 0 to 3', found: '4' });
    expect(problemAt(err, 'levers[1].segments')).toMatchObject({ expected: 'no segments (only entrySubsidy targets segments)', found: 'segments on rdSubsidy' });
  });

  it('local returns outside their domain', () => {
    const err = broken(`regions: [{ name: a }]\n${FIRM}mechanisms:\n  localReturns:\n    enabled: true\n    sharedSuppliers: 1.5\n    halfEmployment: 0\n    relatedDistance: 1.5\n`);
    expect(problemAt(err, 'mechanisms.localReturns.sharedSuppliers')).toMatchObject({ expected: 'a number from 0 to 1', found: '1.5', line: 6 });
    expect(problemAt(err, 'mechanisms.localReturns.halfEmployment')).toMatchObject({ expected: 'a number > 0', found: '0', line: 7 });
    expect(problemAt(err, 'mechanisms.localReturns.relatedDistance')).toMatchObject({ expected: 'an integer ≥ 0', found: '1.5', line: 8 });
  });

  it('probability above 1 and bad enum', () => {
    const err = broken(`regions: [{ name: a }]\n${FIRM}mechanisms:\n  spinoffs: { rate: 1.5 }\n  entry: { choice: lgoit }\n`);
    expect(problemAt(err, 'mechanisms.spinoffs.rate')).toMatchObject({ expected: 'a number from 0 to 1', found: '1.5' });
    expect(problemAt(err, 'mechanisms.entry.choice')).toMatchObject({ expected: 'one of "logit", "proportional"', found: '"lgoit"' });
  });

  it('differentiation: width above 0.5, too few bins, negative premium and noise, an unknown key', () => {
    const err = broken(`regions: [{ name: a }]\n${FIRM}mechanisms:\n  market:\n    differentiation: { enabled: true, width: 0.7, bins: 1, premium: -1, spinoffNoise: -0.1, spread: 2 }\n`);
    const at = 'mechanisms.market.differentiation';
    expect(problemAt(err, `${at}.width`)).toMatchObject({ found: '0.7', line: 5 });
    expect(problemAt(err, `${at}.width`).expected).toMatch(/0\.5/);
    expect(problemAt(err, `${at}.bins`)).toMatchObject({ found: '1' });
    expect(problemAt(err, `${at}.premium`)).toMatchObject({ expected: 'a number ≥ 0', found: '-1' });
    expect(problemAt(err, `${at}.spinoffNoise`)).toMatchObject({ expected: 'a number ≥ 0', found: '-0.1' });
    expect(problemAt(err, `${at}.spread`).found).toMatch(/unknown key "spread"/);
  });

  it('stage: negative minimum spell and renewal margin', () => {
    const err = broken(`regions: [{ name: a }]\n${FIRM}stage:\n  minSpellYears: -1\n  renewalMargin: -0.1\n`);
    expect(problemAt(err, 'stage.minSpellYears')).toMatchObject({ expected: 'a number ≥ 0', found: '-1', line: 4 });
    expect(problemAt(err, 'stage.renewalMargin')).toMatchObject({ expected: 'a number ≥ 0', found: '-0.1', line: 5 });
  });

  it('stage: new-segment shares outside 0..1', () => {
    const err = broken(`regions: [{ name: a }]\n${FIRM}stage:\n  newSegmentBelow: 1.5\n  newSegmentShare: -0.2\n`);
    expect(problemAt(err, 'stage.newSegmentBelow')).toMatchObject({ expected: 'a number from 0 to 1', found: '1.5', line: 4 });
    expect(problemAt(err, 'stage.newSegmentShare')).toMatchObject({ expected: 'a number from 0 to 1', found: '-0.2', line: 5 });
  });

  it('empty regions and a failed refinement', () => {
    const err = broken(`regions: []\nfirms:\n  generate: { count: 3, capability: { min: 2, max: 1 } }\n`);
    expect(problemAt(err, 'regions')).toMatchObject({ expected: 'a list with at least 1 item', found: 'an empty list' });
    expect(problemAt(err, 'firms.generate.capability')).toMatchObject({ expected: 'min ≤ max', line: 3 });
  });

  it('upgrading: industries that do not fill the ring, values outside their domain', () => {
    const err = broken(
      `regions: [{ name: a }]\n${FIRM}segments: { count: 12, industries: [4, 4] }\nmechanisms:\n  upgrading:\n` +
        `    functional: { initial: 4, rate: 2, threshold: [1, 2], valueAdded: [1, 0, 1, 1] }\n` +
        `    intersectoral: { maxDistance: 0, retained: 1.5 }\n`,
    );
    expect(problemAt(err, 'segments.industries')).toMatchObject({
      expected: 'industry sizes that sum to segments.count (12)', found: 'a list of 2 items', line: 3,
    });
    const f = 'mechanisms.upgrading.functional';
    expect(problemAt(err, `${f}.initial`)).toMatchObject({ expected: 'an integer from 0 to 3', found: '4', line: 6 });
    expect(problemAt(err, `${f}.rate`)).toMatchObject({ expected: 'a number from 0 to 1', found: '2' });
    expect(problemAt(err, `${f}.threshold`)).toMatchObject({ expected: 'a list with at least 3 items', found: 'a list of 2 items' });
    expect(problemAt(err, `${f}.valueAdded[1]`)).toMatchObject({ expected: 'a number > 0', found: '0' });
    const i = 'mechanisms.upgrading.intersectoral';
    expect(problemAt(err, `${i}.maxDistance`)).toMatchObject({ expected: 'an integer ≥ 1', found: '0', line: 7 });
    expect(problemAt(err, `${i}.retained`)).toMatchObject({ expected: 'a number from 0 to 1', found: '1.5' });
  });

  it('lists several problems, one per line, in line order', () => {
    const err = broken(`ticks: 0\nregions: [{ name: a, wage: 0 }]\n${FIRM}seed: 1.5\n`);
    expect(err.problems.map((p) => p.path)).toEqual(['ticks', 'regions[0].wage', 'seed']);
    expect(err.message.split('\n')).toHaveLength(3);
  });

  it('reports problems in JSON files with their path', () => {
    const err = broken(JSON.stringify({ regions: [{ name: 'a', wage: 'high' }] }), 'broken.json');
    expect(problemAt(err, 'regions[0].wage')).toMatchObject({ expected: 'a number > 0', found: 'string "high"' });
  });
});

describe('cross-reference problems', () => {
  it('unknown region reference', () => {
    const err = broken(`regions: [{ name: a }, { name: b }]\nfirms:\n  initial:\n    - { region: c, segment: 0 }\n`);
    expect(err.message).toBe(`${err.file}: firms.initial[0].region (line 4): expected one of the regions "a", "b", found "c"`);
  });

  it('unknown regions in research organisations and region weights; duplicate names', () => {
    const err = broken(`regions: [{ name: a }, { name: a }]
researchOrgs: [{ region: x }]
firms:
  generate: { count: 4, regionWeights: { a: 1, y: 2 } }
`);
    expect(problemAt(err, 'regions[1].name').found).toContain('already the name of regions[0]');
    expect(problemAt(err, 'researchOrgs[0].region').found).toBe('"x"');
    expect(problemAt(err, 'firms.generate.regionWeights.y')).toMatchObject({ line: 4 });
  });

  it('promotion organisations name known regions; their rates are checked', () => {
    const err = broken(`regions: [{ name: a }, { name: b }]
${FIRM}promotionOrgs:
  - { name: weaver, regions: [a, z] }
`);
    expect(problemAt(err, 'promotionOrgs[0].regions[1]')).toMatchObject({ expected: 'one of the regions "a", "b"', found: '"z"', line: 4 });
    const cost = broken(`regions: [{ name: a }]
${FIRM}promotionOrgs: [{ name: w, regions: [a], costPerMember: 0 }]
`);
    expect(problemAt(cost, 'promotionOrgs[0].costPerMember')).toMatchObject({ expected: 'a number > 0', found: '0' });
  });

  it('membership by choice: the mode, fees, rates, founders and segments are checked', () => {
    const mode = broken(`regions: [{ name: a }]
${FIRM}promotionOrgs: [{ name: w, regions: [a], membership: vote }]
`);
    expect(problemAt(mode, 'promotionOrgs[0].membership').expected).toContain('quota');
    const fee = broken(`regions: [{ name: a }]
${FIRM}promotionOrgs: [{ name: w, regions: [a], membership: choice, feeSme: -1, leaveRate: 2, benefitSpread: 0, founders: 2.5 }]
`);
    expect(problemAt(fee, 'promotionOrgs[0].feeSme')).toMatchObject({ expected: 'a number ≥ 0', found: '-1' });
    expect(problemAt(fee, 'promotionOrgs[0].leaveRate').found).toBe('2');
    expect(problemAt(fee, 'promotionOrgs[0].benefitSpread')).toMatchObject({ expected: 'a number > 0', found: '0' });
    expect(problemAt(fee, 'promotionOrgs[0].founders').found).toBe('2.5');
    const seg = broken(`regions: [{ name: a }]
segments: { count: 4 }
${FIRM}promotionOrgs: [{ name: w, regions: [a], segments: [1, 7] }]
mechanisms: { supply: { partsSegments: [9] } }
`);
    expect(problemAt(seg, 'promotionOrgs[0].segments[1]')).toMatchObject({ expected: 'a segment from 0 to 3 (segments.count is 4)', found: '7' });
    expect(problemAt(seg, 'mechanisms.supply.partsSegments[0]').found).toBe('9');
  });

  it('levers: unknown lever, negative budget, a trigger condition that does not exist', () => {
    const kind = broken(`regions: [{ name: a }]\n${FIRM}levers:\n  - { lever: subsidies }\n`);
    expect(problemAt(kind, 'levers[0].lever')).toMatchObject({ line: 4 });
    expect(problemAt(kind, 'levers[0].lever').expected).toContain('entrySubsidy');
    const budget = broken(`regions: [{ name: a }]\n${FIRM}levers:\n  - lever: openness\n    budget: { perYear: -5 }\n`);
    expect(problemAt(budget, 'levers[0].budget.perYear')).toMatchObject({ expected: 'a number ≥ 0 or null', found: '-5', line: 5 });
    const key = broken(`regions: [{ name: a }]\n${FIRM}levers:\n  - { lever: openness, when: { during: growth } }\n`);
    expect(problemAt(key, 'levers[0].when.during').found).toContain('unknown key');
  });

  it('levers: unknown region and parameter, impossible triggers, missing running budget, mechanism off', () => {
    const err = broken(`ticks: 40
regions: [{ name: a }, { name: b }]
${FIRM}levers:
  - { lever: openness, regions: [a, z], budget: { perYear: 1 } }
  - { lever: chainLeader, params: { costPerTie: 1, rate: 2 } }
  - { lever: publicPlatform, when: { from: 12 } }
  - { lever: rdSubsidy, when: { from: 4, to: 2, all: [{ metric: firms, above: 10, below: 5 }, { metric: jobs, above: 1 }] } }
`);
    expect(problemAt(err, 'levers[0].regions[1]')).toMatchObject({ expected: '"all" or one of the regions "a", "b"', found: '"z"' });
    expect(problemAt(err, 'levers[1].params.rate').found).toBe('unknown parameter "rate"');
    expect(problemAt(err, 'levers[1].lever').expected).toContain('mechanisms.supply, which is off');
    expect(problemAt(err, 'levers[2].when.from')).toMatchObject({ expected: 'a year before the end of the run (10 years)', found: '12' });
    expect(problemAt(err, 'levers[2].budget.perYear').expected).toContain('a yearly budget');
    expect(problemAt(err, 'levers[3].when.to').found).toBe('2');
    expect(problemAt(err, 'levers[3].when.all[0].below').expected).toContain('no value can be both above 10 and below it');
    expect(problemAt(err, 'levers[3].when.all[1].metric').found).toBe('"jobs"');
  });

  it('levers: a rule the lever does not have, a rule on a lever without rules, a negative value of an entrant', () => {
    const err = broken(`regions: [{ name: a }, { name: b }]
${FIRM}levers:
  - { lever: subsidyRace, rule: outbid }
  - { lever: openness, rule: joint, budget: { perYear: 1 } }
  - { lever: coordination, rule: joint, params: { value: -5 } }
`);
    expect(problemAt(err, 'levers[0].rule')).toMatchObject({ expected: 'one of bestResponse, escalate (rules of subsidyRace)', found: '"outbid"', line: 4 });
    expect(problemAt(err, 'levers[1].rule')).toMatchObject({ expected: 'no rule (openness has none)', found: '"joint"' });
    expect(problemAt(err, 'levers[2].params.value')).toMatchObject({ expected: 'a number ≥ 0', found: '-5' });
    const type = broken(`regions: [{ name: a }]\n${FIRM}levers:\n  - { lever: coordination, rule: 3 }\n`);
    expect(problemAt(type, 'levers[0].rule')).toMatchObject({ expected: 'a non-empty string', found: '3', line: 4 });
  });

  it('segment out of range', () => {
    const err = broken(`segments: { count: 4, perSegment: [{ segment: 4, peak: 10 }] }
regions: [{ name: a }]
researchOrgs: [{ region: a, segments: [1, 9] }]
firms: { initial: [{ region: a, segment: 5 }] }
`);
    expect(problemAt(err, 'firms.initial[0].segment')).toMatchObject({ expected: 'a segment from 0 to 3 (segments.count is 4)', found: '5', line: 4 });
    expect(problemAt(err, 'segments.perSegment[0].segment').found).toBe('4');
    expect(problemAt(err, 'researchOrgs[0].segments[1]').found).toBe('9');
  });

  it('bad distance matrices', () => {
    const rows = broken(`regions: [{ name: a }, { name: b }]\n${FIRM}distances: [[0, 1]]\n`);
    expect(problemAt(rows, 'distances')).toMatchObject({ expected: '2 rows (one per region)', found: '1', line: 3 });
    const ragged = broken(`regions: [{ name: a }, { name: b }]\n${FIRM}distances: [[0, 1], [1]]\n`);
    expect(problemAt(ragged, 'distances[1]').expected).toBe('2 entries (one per region)');
    const asym = broken(`regions: [{ name: a }, { name: b }]\n${FIRM}distances:\n  - [5, 1]\n  - [2, 0]\n`);
    expect(problemAt(asym, 'distances[0][0]')).toMatchObject({ found: '5', line: 4 });
    expect(problemAt(asym, 'distances[1][0]')).toMatchObject({ expected: '1, the same as distances[0][1] (symmetric)', found: '2', line: 5 });
  });

  it('barriers name provinces, entry weights match regions, cognitive weights fit the ring', () => {
    const err = broken(`regions: [{ name: a, province: p }, { name: b }]
segments: { count: 4 }
${FIRM}barriers: { pairs: [{ a: p, b: a, friction: 0.5 }] }
mechanisms:
  entry: { proportional: { a: [1, 2, 3] } }
  learning: { cognitive: { weights: [1, 1, 1, 1] } }
`);
    expect(problemAt(err, 'barriers.pairs[0].b').expected).toBe('one of the provinces "p", "b"');
    expect(problemAt(err, 'mechanisms.entry.proportional.a').expected).toBe('a single number or a list of 2 (one per region)');
    expect(problemAt(err, 'mechanisms.learning.cognitive.weights').expected).toMatch(/^at most 3 weights/);
  });

  it('a run with no firms and no entry', () => {
    const err = broken(`regions: [{ name: a }]\nmechanisms: { entry: { enabled: false } }\n`);
    expect(err.path).toBe('firms');
    expect(err.found).toBe('no firms and no way for any to enter');
    // Entry alone is enough to populate the run.
    expect(loadScenario(tmp.write('entry.yaml', 'regions: [{ name: a }]\n')).scenario.firms.initial).toEqual([]);
  });
});

describe('ScenarioError', () => {
  it('formats paths and problems', () => {
    expect(formatPath(['regions', 2, 'wage'])).toBe('regions[2].wage');
    expect(formatPath(['firms', 'generate', 'regionWeights', 'New York'])).toBe('firms.generate.regionWeights["New York"]');
    expect(formatProblems('f.yaml', [{ path: 'a.b', expected: 'x', found: 'y', line: 3, file: 'base.yaml' }])).toBe(
      'f.yaml: a.b (base.yaml line 3): expected x, found y',
    );
    const err = new ScenarioError('f.yaml', [
      { path: 'b', expected: '1', found: '2', line: 9 },
      { path: 'a', expected: '1', found: '2', line: 2 },
    ]);
    expect(err.message).toBe('f.yaml: a (line 2): expected 1, found 2\nf.yaml: b (line 9): expected 1, found 2');
    expect(err.path).toBe('a');
    expect(err).toBeInstanceOf(Error);
  });
});
