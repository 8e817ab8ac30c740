// `clusterlab schema [--targets]`: prints the JSON Schema of scenario (targets) files; the copies
// published in schema/ are exactly that output.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

async function schema(...args: string[]) {
  const io = bufferIo();
  const code = await main(['schema', ...args], io);
  return { code, out: io.out, err: io.err };
}

const published = (name: string) => readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8');

describe('schema', () => {
  it('prints the draft 2020-12 JSON Schema of scenario files, with $id and title', async () => {
    const r = await schema();
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'urn:clusterlab:schema:scenario', title: 'clusterlab scenario file', type: 'object' });
    expect(Object.keys(s.properties)).toEqual(expect.arrayContaining(['regions', 'mechanisms', 'extends', 'variants', 'expect']));
  });

  it('--targets prints the schema of targets files', async () => {
    const s = JSON.parse((await schema('--targets')).out);
    expect(s).toMatchObject({ $id: 'urn:clusterlab:schema:targets', title: 'clusterlab targets file', required: ['targets'] });
    expect(Object.keys(s.properties)).toEqual(['targets', 'priors']);
  });

  it('is what schema/*.schema.json hold (regenerate with the commands in the message)', async () => {
    const scenario = (await schema()).out;
    const targets = (await schema('--targets')).out;
    expect(published('scenario.schema.json') === scenario, 'schema/scenario.schema.json is stale: run `npx tsx src/cli/main.ts schema > schema/scenario.schema.json`').toBe(true);
    expect(published('targets.schema.json') === targets, 'schema/targets.schema.json is stale: run `npx tsx src/cli/main.ts schema --targets > schema/targets.schema.json`').toBe(true);
  });
});
