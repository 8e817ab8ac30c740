// The schema of `levers`: policy interventions with a target, a trigger, an intensity, extra
// parameters and a budget (MODEL.md §6). What each lever does is in src/engine/policy/catalogue.ts;
// cross-field checks (regions, parameters, impossible triggers) are in lever-checks.ts.
import { z } from 'zod';
import { LEVER_KINDS } from '../engine/policy/catalogue.ts';
import { STAGES } from '../engine/series.ts';
import { label, nonNegative, positive } from './units.ts';

const stageList = z.union([z.enum(STAGES), z.array(z.enum(STAGES)).min(1)]);

/**
 * When a lever is on. Every condition given must hold (an empty trigger: always on). Conditions
 * are read from the state at the end of the previous tick: the stage and metrics recorded then.
 * The type of triggerSchema, spelt out because it is recursive; the fields are described there.
 */
export interface Trigger {
  from?: number;
  to?: number;
  fromTick?: number;
  toTick?: number;
  stage?: (typeof STAGES)[number] | (typeof STAGES)[number][];
  entered?: (typeof STAGES)[number] | (typeof STAGES)[number][];
  forYears?: number;
  metric?: string;
  above?: number;
  below?: number;
  latch: boolean;
  of: 'region' | 'all';
  all?: Trigger[];
  any?: Trigger[];
  not?: Trigger;
}

export const triggerSchema: z.ZodType<Trigger, z.input<z.ZodTypeAny>> = z.lazy(() =>
  z
    .object({
      from: nonNegative.optional().describe('On from this year (inclusive).'),
      to: positive.optional().describe('On until this year (exclusive).'),
      fromTick: z.number().int().min(0).optional().describe('On from this tick (inclusive).'),
      toTick: z.number().int().min(0).optional().describe('On until this tick (inclusive).'),
      stage: stageList.optional().describe('On while the region is in this stage (or one of these stages).'),
      entered: stageList.optional().describe('On for `forYears` years after the region last entered this stage (or one of these).'),
      forYears: positive.optional().describe('How long after entering a stage of `entered` the lever is on, years.'),
      metric: z.string().min(1).optional().describe('A metric of timeseries.csv compared with `above` and/or `below`.'),
      above: z.number().optional().describe('On while `metric` is above this.'),
      below: z.number().optional().describe('On while `metric` is below this.'),
      latch: z.boolean().default(false).describe('Once the metric condition first holds, on for good.'),
      of: z.enum(['region', 'all']).default('region')
        .describe('Whose stage and metrics: each target region\'s own (region), or the whole system\'s (all).'),
      all: z.array(triggerSchema).optional().describe('On when every one of these triggers is on.'),
      any: z.array(triggerSchema).min(1).optional().describe('On when at least one of these triggers is on.'),
      not: triggerSchema.optional().describe('On when this trigger is off.'),
    })
    .strict(),
) as z.ZodType<Trigger, z.input<z.ZodTypeAny>>;
// Named, so that the JSON Schema of scenario files calls the recursive definition `trigger`.
z.globalRegistry.add(triggerSchema, { id: 'trigger', description: 'When a lever is on: every condition given must hold (an empty trigger: always on).' });

export const leverSchema = z
  .object({
    lever: z.enum(LEVER_KINDS).describe('Which lever (`clusterlab list` shows what each does).'),
    name: label.optional().describe('A name for outputs (policy.csv, events); default `<lever>-<index>`.'),
    regions: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]).default('all')
      .describe('Target regions by name, or `all`.'),
    segments: z.array(z.number().int().min(0)).min(1).optional()
      .describe('Target segments (entrySubsidy only): offered to entrants of these segments; omitted: all.'),
    when: triggerSchema.prefault({})
      .describe('When the lever is on: every condition given must hold, read from the previous tick (empty: always).'),
    intensity: nonNegative.optional()
      .describe('Strength of the lever (meaning by lever; `clusterlab list` shows it); default by lever.'),
    rule: z.string().min(1).optional()
      .describe('How the lever decides, for levers with a choice of rules (see `clusterlab list`); default by lever.'),
    params: z.record(z.string(), z.number()).default({})
      .describe('Lever-specific parameters (see `clusterlab list`); unknown names are errors.'),
    budget: z
      .object({
        perYear: nonNegative.nullable().default(null).describe('Spend allowed per year of the run (null: no limit).'),
        total: nonNegative.nullable().default(null)
          .describe('Spend allowed over the whole run; the lever stops for good when it is spent (null: no limit).'),
      })
      .strict()
      .prefault({})
      .describe('What the lever may spend, shared by its regions (default: no limit).'),
  })
  .strict();
export type LeverSpec = z.infer<typeof leverSchema>;
