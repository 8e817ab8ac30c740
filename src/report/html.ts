// ReportData → one self-contained report.html: the chart code (viz/src/report-entry.ts with uPlot)
// bundled by esbuild at call time, uPlot's CSS and viz/src/style.css, and the data as JSON, all
// inlined. No external URL of any kind, so the file opens offline from file:// and can be mailed.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { writeFileAtomic } from '../io/write.ts';
import { loadReportData } from './load.ts';
import type { ReportData } from './model.ts';

export const REPORT_FILE = 'report.html';

const VIZ_SRC = fileURLToPath(new URL('../../viz/src/', import.meta.url));

let bundled: Promise<{ js: string; css: string }> | null = null;

/** Text that could read as an address to fetch, made inert (same meaning inside JS strings and CSS). */
function neutralise(text: string): string {
  return text.replace(/\b(https?):\/\//g, '$1:\\/\\/');
}

/** The script and styles of every report, built once per process. */
function assets(): Promise<{ js: string; css: string }> {
  bundled ??= (async () => {
    const result = await build({
      entryPoints: [join(VIZ_SRC, 'report-entry.ts')],
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
    const css = neutralise(uplotCss + '\n' + readFileSync(join(VIZ_SRC, 'style.css'), 'utf8')).replace(/<\/(style)/gi, '<\\/$1');
    return { js, css };
  })();
  bundled.catch(() => (bundled = null));
  return bundled;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** The data as JSON safe inside <script>: NaN/±Infinity → null, `<` → \u003c (no </script>, no <!--). */
export function reportJson(data: ReportData): string {
  return JSON.stringify(data, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export async function reportHtml(data: ReportData): Promise<string> {
  const { js, css } = await assets();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="clusterlab">
<title>${escapeHtml(data.title)}</title>
<style>${css}</style>
</head>
<body>
<main id="report" class="clusterlab-report"><h1>${escapeHtml(data.title)}</h1><noscript>This report draws its charts with JavaScript; please enable it.</noscript></main>
<script id="report-data" type="application/json">${reportJson(data)}</script>
<script>${js}</script>
</body>
</html>
`;
}

/** Writes <dir>/report.html (atomically) from the output folder `dir`; returns its path. */
export async function writeReport(dir: string): Promise<string> {
  const html = await reportHtml(loadReportData(dir));
  const file = join(dir, REPORT_FILE);
  writeFileAtomic(file, html);
  return file;
}
