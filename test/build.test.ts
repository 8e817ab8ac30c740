// The build (scripts/build.ts → dist/, kept current by the global setup test/support/build.ts):
// what each bundle loads. Start-up times are measured by bench/startup.ts, not here; this checks
// the properties they rest on.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundleReportAssets } from '../src/report/assets.ts';

const dist = new URL('../dist/', import.meta.url);

/** The text of a bundle and of every chunk it imports, transitively. */
function graph(entry: string, seen = new Set<string>()): string {
  if (seen.has(entry)) return '';
  seen.add(entry);
  const text = readFileSync(new URL(entry, dist), 'utf8');
  const chunks = [...text.matchAll(/from "\.\/(chunk-[\w-]+\.mjs)"/g)].map((m) => m[1]);
  return text + chunks.map((c) => graph(c, seen)).join('');
}

/** npm packages a bundle's code comes from (esbuild marks each bundled file with its path). */
function packages(text: string): Set<string> {
  return new Set([...text.matchAll(/^\/\/ .*node_modules\/((?:@[\w.-]+\/)?[\w.-]+)\//gm)].map((m) => m[1]));
}

/** Bare imports left in the code (packages loaded from node_modules at run time). */
function externalImports(text: string): Set<string> {
  const statics = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s*"([^"]+)"/gm)].map((m) => m[1]);
  const dynamics = [...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]);
  return new Set([...statics, ...dynamics].filter((s) => !s.startsWith('node:') && !s.startsWith('./')));
}

describe('dist/', () => {
  it('the worker thread loads the engine without zod, commander or yaml (a worker starts in tens of ms)', () => {
    const worker = packages(graph('node-worker.mjs'));
    expect(worker.has('comlink')).toBe(true);
    for (const heavy of ['zod', 'commander', 'yaml']) expect(worker.has(heavy), heavy).toBe(false);
  });

  it('the CLI bundles its dependencies and imports no package at run time but esbuild, from the sources path only', () => {
    const cli = graph('cli.mjs');
    expect(packages(cli).has('zod')).toBe(true);
    expect([...externalImports(cli)]).toEqual(['esbuild']);
    expect(cli).toContain('var BUILT = true');
  });

  it("the report's prebuilt script and styles are what the sources bundle to (report.html is the same either way)", async () => {
    const fromSources = await bundleReportAssets();
    expect(readFileSync(new URL('report.js', dist), 'utf8')).toBe(fromSources.js);
    expect(readFileSync(new URL('report.css', dist), 'utf8')).toBe(fromSources.css);
  });
});
