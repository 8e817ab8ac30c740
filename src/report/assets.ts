// The script and styles inlined into every report.html: viz/src/report-entry.ts bundled with uPlot,
// and uPlot's CSS with viz/src/style.css. The build (scripts/build.ts) writes them once to
// dist/report.js and dist/report.css, which the built CLI reads; running from the TypeScript
// sources, they are bundled by esbuild on first use (imported lazily: the built CLI never loads it).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT, packagePath } from '../package-root.ts';

export interface ReportAssets {
  js: string;
  css: string;
}

/** Where the build puts the prebuilt assets, relative to the package root. */
export const REPORT_ASSET_FILES = { js: 'dist/report.js', css: 'dist/report.css' } as const;

/** Text that could read as an address to fetch, made inert (same meaning inside JS strings and CSS). */
export function neutralise(text: string): string {
  return text.replace(/\b(https?):\/\//g, '$1:\\/\\/');
}

/** Bundles the report's script and reads its styles from the sources, made safe to inline in HTML. */
export async function bundleReportAssets(): Promise<ReportAssets> {
  const vizSrc = packagePath('viz/src/');
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(vizSrc, 'report-entry.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const js = neutralise(result.outputFiles[0].text).replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  const require = createRequire(import.meta.url);
  const uplotCss = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
  const css = neutralise(uplotCss + '\n' + readFileSync(join(vizSrc, 'style.css'), 'utf8')).replace(/<\/(style)/gi, '<\\/$1');
  return { js, css };
}

/** The prebuilt assets in the built package; bundled from the sources otherwise. */
export async function reportAssets(): Promise<ReportAssets> {
  if (!BUILT) return bundleReportAssets();
  return {
    js: readFileSync(packagePath(REPORT_ASSET_FILES.js), 'utf8'),
    css: readFileSync(packagePath(REPORT_ASSET_FILES.css), 'utf8'),
  };
}
