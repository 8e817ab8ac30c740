// The engine writes out the defaults a lever's promotion organisation takes (so that it need not
// load zod); they must be the scenario schema's.
import { describe, expect, it } from 'vitest';
import { PROMOTION_ORG_DEFAULTS } from '../../src/engine/promotion.ts';
import { promotionOrgSchema } from '../../src/scenarios/networks.ts';

describe('PROMOTION_ORG_DEFAULTS', () => {
  it('equal the defaults of promotionOrgSchema', () => {
    const parsed = promotionOrgSchema.parse({ name: 'x', regions: ['x'] }) as Record<string, unknown>;
    for (const [key, value] of Object.entries(PROMOTION_ORG_DEFAULTS)) expect(parsed[key], key).toBe(value);
  });
});
