// Number types shared by the scenario schemas: what a rate, a share or a range may be.
import { z } from 'zod';

export const nonNegative = z.number().min(0);
export const positive = z.number().gt(0);
export const probability = z.number().min(0).max(1);
export const count = z.number().int().min(0);

export const range = (min: number, max: number) =>
  z
    .object({ min: z.number(), max: z.number() })
    .strict()
    .refine((r) => r.min <= r.max, { message: 'expected min ≤ max' })
    .default({ min, max });

export const intRange = (min: number, max: number) =>
  z
    .object({ min: z.number().int(), max: z.number().int() })
    .strict()
    .refine((r) => r.min <= r.max, { message: 'expected min ≤ max' })
    .default({ min, max });
