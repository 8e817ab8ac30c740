// `clusterlab merge DIR… --out DIR`: joins the shards of a batch (batch, compare or sweep run with
// --shard k/N) into the files one machine would have written for the whole batch. The run files
// are copied into <out>/runs, so the merged folder is complete on its own.
import { join } from 'node:path';
import { mergeShards } from '../batch/merge.ts';
import { BATCH_EXIT, withBatchErrors } from './batch.ts';
import { compareTable } from './compare.ts';
import type { CliIo } from './io.ts';
import { batchReport } from './report.ts';

export interface MergeOptions {
  out: string;
  quiet?: boolean;
  report?: boolean;
  json?: boolean;
}

export function mergeCommand(dirs: string[], options: MergeOptions, io: CliIo): Promise<number> {
  return withBatchErrors(io, async () => {
    const merged = await mergeShards(dirs, options.out);
    if (options.report !== false && merged.completed > 0) {
      const report = await batchReport(options.out, io);
      if (report) merged.files.push(report);
    }
    const names = merged.files.map((f) => f.slice(f.lastIndexOf('/') + 1));
    if (options.json) {
      io.stdout(JSON.stringify({ command: merged.manifest.command, scenario: merged.manifest.scenario.name, out: options.out, inputs: dirs, jobs: merged.manifest.jobs, completed: merged.completed, failed: merged.failed, files: merged.files }, null, 2) + '\n');
    } else {
      const table = merged.compare.length ? compareTable(merged.compare) + '\n' : '';
      io.stdout(
        table +
          [
            `${merged.manifest.scenario.name}: ${merged.manifest.command} of ${merged.manifest.jobs} runs merged from ${dirs.length} folders`,
            `  runs        ${merged.completed} done, ${merged.failed} failed`,
            `  outputs     ${options.out} (${names.join(', ')})`,
            ...names.filter((n) => n === 'report.html').map(() => `  report      ${join(options.out, 'report.html')}`),
          ].join('\n') + '\n',
      );
    }
    if (merged.failed > 0) io.stderr(`merge: ${merged.failed} of ${merged.manifest.jobs} runs failed; see ${options.out}/failures.csv\n`);
    return merged.failed > 0 ? BATCH_EXIT.runsFailed : BATCH_EXIT.ok;
  });
}
