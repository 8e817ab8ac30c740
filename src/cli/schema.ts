// `clusterlab schema [--targets]`: the JSON Schema of scenario files (or of targets files), for
// editors. schema/scenario.schema.json and schema/targets.schema.json are this output, committed.
import { scenarioJsonSchema, targetsJsonSchema } from '../scenarios/json-schema.ts';
import type { CliIo } from './io.ts';

/** The text `clusterlab schema` prints (and the published files hold). */
export function schemaText(targets: boolean): string {
  return JSON.stringify(targets ? targetsJsonSchema() : scenarioJsonSchema(), null, 2) + '\n';
}

export function schemaCommand(options: { targets?: boolean }, io: CliIo): number {
  io.stdout(schemaText(options.targets === true));
  return 0;
}
