// The schema of `levers`: policy interventions with a target, a trigger, an intensity, extra
// parameters and a budget (MODEL.md §6). What each lever does is in src/engine/policy/catalogue.ts;
// cross-field checks (regions, parameters, impossible triggers) are in lever-checks.ts.
import { z } from 'zod';
import { LEVER_KINDS } from '../engine/policy/catalogue.ts';
import { STAGES } from '../engine/series.ts';
import { nonNegative, positive } from './units.ts';

const stageList = z.union([z.enum(STAGES), z.array(z.enum(STAGES)).min(1)]);

/**
 * When a lever is on. Every condition given must hold (an empty trigger: always on). Conditions
 * are read from the state at the end of the previous tick: the stage and metrics recorded then.
 */
export interface Trigger {
  /** Window in years (from ≤ year < to) or in ticks (fromTick ≤ tick ≤ toTick). */
  from?: number;
  to?: number;
  fromTick?: number;
  toTick?: number;
  /** Being in one of these stages. */
  stage?: (typeof STAGES)[number] | (typeof STAGES)[number][];
  /** Having entered one of these stages at most `forYears` years ago. */
  entered?: (typeof STAGES)[number] | (typeof STAGES)[number][];
  forYears?: number;
  /** A metric above / below a threshold; with `latch`, on for good once it first holds. */
  metric?: string;
  above?: number;
  below?: number;
  latch: boolean;
  /** Whose stage and metrics: each target region's own, or the whole system's. */
  of: 'region' | 'all';
  all?: Trigger[];
  any?: Trigger[];
  not?: Trigger;
}

export const triggerSchema: z.ZodType<Trigger, z.input<z.ZodTypeAny>> = z.lazy(() =>
  z
    .object({
      from: nonNegative.optional(),
      to: positive.optional(),
      fromTick: z.number().int().min(0).optional(),
      toTick: z.number().int().min(0).optional(),
      stage: stageList.optional(),
      entered: stageList.optional(),
      forYears: positive.optional(),
      metric: z.string().min(1).optional(),
      above: z.number().optional(),
      below: z.number().optional(),
      latch: z.boolean().default(false),
      of: z.enum(['region', 'all']).default('region'),
      all: z.array(triggerSchema).optional(),
      any: z.array(triggerSchema).min(1).optional(),
      not: triggerSchema.optional(),
    })
    .strict(),
) as z.ZodType<Trigger, z.input<z.ZodTypeAny>>;

export const leverSchema = z
  .object({
    lever: z.enum(LEVER_KINDS),
    /** A name for outputs (policy.csv, events); default `<lever>-<index>`. */
    name: z.string().min(1).optional(),
    /** Target regions by name, or `all`. */
    regions: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]).default('all'),
    /** Target segments (entrySubsidy only): offered to entrants of these segments; omitted: all. */
    segments: z.array(z.number().int().min(0)).min(1).optional(),
    when: triggerSchema.prefault({}),
    /** Strength of the lever (meaning by lever; `clusterlab list` shows it); default by lever. */
    intensity: nonNegative.optional(),
    /** How the lever decides, for levers with a choice of rules (see `clusterlab list`); default by lever. */
    rule: z.string().min(1).optional(),
    /** Lever-specific parameters (see `clusterlab list`); unknown names are errors. */
    params: z.record(z.string(), z.number()).default({}),
    budget: z
      .object({
        /** Spend allowed per year of the run (null: no limit). */
        perYear: nonNegative.nullable().default(null),
        /** Spend allowed over the whole run; the lever stops for good when it is spent (null: no limit). */
        total: nonNegative.nullable().default(null),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type LeverSpec = z.infer<typeof leverSchema>;
