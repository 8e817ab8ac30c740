// `npm run bench:validate`: how long `validate` (loadScenario: read, parse, extends, validate,
// freeze) takes on the largest files it accepts — about 1 MiB each of the shapes that cost most:
// many explicit firm entries, many regions, many unknown keys (refused), many variants (up to the
// limit), deep YAML anchors. Median of 5 in-process loads; docs/RELIABILITY.md keeps the figures.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIMITS } from '../src/scenarios/limits.ts';
import { loadScenario } from '../src/scenarios/load.ts';

const dir = mkdtempSync(join(tmpdir(), 'clusterlab-bench-validate-'));
const fill = (make: (k: number) => string, header: string, footer = '') => {
  const parts: string[] = [header];
  let size = header.length + footer.length;
  for (let k = 0; ; k++) {
    const part = make(k);
    if (part === '' || size + part.length > LIMITS.fileBytes - 16) break;
    parts.push(part);
    size += part.length;
  }
  return parts.join('') + footer;
};
const files: Record<string, string> = {
  'firm entries': fill((k) => `  - { region: r0, segment: ${k % 12}, count: 1 }\n`, 'name: big\nregions: [{ name: r0 }]\nfirms:\n  initial:\n'),
  'regions': fill((k) => `  - { name: r${k}, x: ${k}, y: 0 }\n`, 'name: big\nregions:\n'),
  'unknown keys (refused)': fill((k) => `  k${k}: 1\n`, 'name: big\nregions: [{ name: a }]\nmechanisms:\n'),
  'variants (the limit)': fill((k) => (k < LIMITS.variants ? `  v${k}: { set: { ticks: ${k + 1} } }\n` : ''), 'name: big\nregions: [{ name: a }]\nvariants:\n'),
  'anchors and aliases': fill((k) => `  - &a${k} { name: r${k} }\n`, 'name: big\nregions:\n'),
};
console.log(`validate on files of up to ${LIMITS.fileBytes.toLocaleString('en')} bytes (median of 5 loads):`);
try {
  for (const [what, text] of Object.entries(files)) {
    const file = join(dir, `${what.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, text);
    const times: number[] = [];
    let outcome = '';
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      try {
        loadScenario(file);
        outcome = 'valid';
      } catch (error) {
        outcome = `refused: ${(error as Error).message.split('\n')[0].slice(file.length + 2, file.length + 80)}…`;
      }
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`  ${what.padEnd(24)} ${statSync(file).size.toLocaleString('en').padStart(10)} bytes  ${(times[2] / 1000).toFixed(3)} s  ${outcome}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
