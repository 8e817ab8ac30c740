// Number types shared by the scenario schemas: what a rate, a share or a range may be.
import { z } from 'zod';

export const nonNegative = z.number().min(0);
export const positive = z.number().gt(0);
export const probability = z.number().min(0).max(1);
export const count = z.number().int().min(0);

export const range = (min: number, max: number) =>
  z
    .object({ min: z.number().describe('Lowest value (inclusive).'), max: z.number().describe('Highest value (inclusive).') })
    .strict()
    .refine((r) => r.min <= r.max, { message: 'expected min ≤ max' })
    .default({ min, max });

export const intRange = (min: number, max: number) =>
  z
    .object({ min: z.number().int().describe('Lowest value (inclusive).'), max: z.number().int().describe('Highest value (inclusive).') })
    .strict()
    .refine((r) => r.min <= r.max, { message: 'expected min ≤ max' })
    .default({ min, max });

/** The switch of a mechanism. */
/** Control characters: escape sequences and line breaks in a name would act on the terminal that prints it. */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** A name that outputs and terminals show: not empty, no control characters. */
export const label = z.string().min(1).refine((v) => !CONTROL_CHARACTERS.test(v), { message: 'expected a name without control characters (escape sequences, line breaks, tabs)' });

export const enabled = (on: boolean) => z.boolean().default(on).describe('Switch the mechanism on (true) or off (false).');
