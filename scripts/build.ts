// The build: the built JavaScript the published package and `bin/clusterlab.mjs` run, so that
// neither tsx nor esbuild is needed at run time. Run by `npm run build:cli` and by npm's `prepare`
// step (so `npm ci` / `npm install` in a checkout and `npm pack` build it); dist/ is not committed.
//
//   dist/cli.mjs, dist/index.mjs, dist/node-worker.mjs   ES modules bundled by esbuild with their
//                      npm dependencies (code split: shared code in dist/chunk-*.mjs)
//   dist/report.js, dist/report.css                       the report's browser script and styles
//   dist/types/                                           declarations (tsc), `--types` only
//
// Dependencies are bundled, not imported from node_modules: resolving and loading zod, commander,
// yaml … as separate packages costs about 0.1 s more per start (docs/PERFORMANCE.md, Start-up), and
// the package then installs with no dependencies at all. The bundles are not minified, so that the
// stack of an internal error stays readable.
//
// All bundles sit directly in dist/, one folder below the package root, as src/package-root.ts
// (inlined into them) assumes; node.ts finds dist/node-worker.mjs beside the code that spawns it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { bundleReportAssets, REPORT_ASSET_FILES } from '../src/report/assets.ts';
import { packagePath } from '../src/package-root.ts';

const withTypes = process.argv.includes('--types');
const dist = packagePath('dist/');

// Old bundles go (chunk names change with their content); the declarations stay unless rebuilt.
mkdirSync(dist, { recursive: true });
for (const name of readdirSync(dist)) if (/\.(mjs|js|css)$/.test(name)) rmSync(dist + name);

await build({
  entryPoints: {
    cli: packagePath('src/cli/main.ts'),
    index: packagePath('src/index.ts'),
    'node-worker': packagePath('src/workers/node-thread.ts'),
  },
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // esbuild is only reached from the sources' code path (report assets), never from the built one.
  external: ['esbuild'],
  // Bundled CommonJS dependencies (seedrandom) call require() for Node built-ins.
  banner: { js: "import { createRequire as __clusterlabRequire } from 'node:module';\nconst require = __clusterlabRequire(import.meta.url);" },
  define: { CLUSTERLAB_BUILT: 'true' },
  legalComments: 'none',
  logLevel: 'warning',
});

const assets = await bundleReportAssets();
writeFileSync(packagePath(REPORT_ASSET_FILES.js), assets.js);
writeFileSync(packagePath(REPORT_ASSET_FILES.css), assets.css);

if (withTypes) {
  rmSync(packagePath('dist/types/'), { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', packagePath('tsconfig.build.json')], { stdio: 'inherit' });
}
