// Validation of plain data, with no file system: the schema (which also fills in defaults) and
// then the cross-reference checks. Pure, so the browser can validate what it holds in memory.
import { describeValue, type Finding } from './errors.ts';
import { translateIssues } from './issues.ts';
import { isPlainObject } from './merge.ts';
import { checkReferences } from './references.ts';
import { scenarioSchema, type Scenario } from './schema.ts';
import { checkTargets } from './targets.ts';

export type Validated = { ok: true; scenario: Scenario } | { ok: false; findings: Finding[] };

export function validateRaw(raw: unknown): Validated {
  if (!isPlainObject(raw)) {
    return { ok: false, findings: [{ path: [], expected: 'a mapping of scenario keys (regions, firms, mechanisms, …)', found: describeValue(raw, true) }] };
  }
  const parsed = scenarioSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return { ok: false, findings: translateIssues(parsed.error.issues, scenarioSchema) };
  // Cross-references only make sense once every field has the right type.
  const findings = checkReferences(parsed.data);
  if (parsed.data.expect) {
    const s = parsed.data;
    findings.push(...checkTargets(s.expect!, { regions: s.regions.map((r) => r.name), ticks: s.ticks, ticksPerYear: s.ticksPerYear }, ['expect']));
  }
  return findings.length ? { ok: false, findings } : { ok: true, scenario: parsed.data };
}
