// ReportData → one self-contained report.html: the chart code (viz/src/report-entry.ts with uPlot),
// uPlot's CSS and viz/src/style.css (prebuilt in dist/, or bundled on first use from the sources:
// see assets.ts), and the data as JSON, all inlined. No external URL of any kind, so the file opens offline from file:// and can be mailed.
import { join } from 'node:path';
import { writeFileAtomic } from '../io/write.ts';
import { reportAssets, type ReportAssets } from './assets.ts';
import { loadReportData } from './load.ts';
import { reportPictures } from './pictures.ts';
import type { ReportData } from './model.ts';

export const REPORT_FILE = 'report.html';

let cachedAssets: Promise<ReportAssets> | null = null;

/** The script and styles of every report, read or built once per process. */
function assets(): Promise<ReportAssets> {
  cachedAssets ??= reportAssets();
  cachedAssets.catch(() => (cachedAssets = null));
  return cachedAssets;
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

/** Writes <dir>/report.html (atomically) from the output folder `dir`, with its pictures at `pictureTicks` (default: pictures.ts's); returns its path. */
export async function writeReport(dir: string, pictureTicks?: readonly number[]): Promise<string> {
  const data = loadReportData(dir);
  const pictures = reportPictures(data, pictureTicks);
  const html = await reportHtml(pictures ? { ...data, pictures } : data);
  const file = join(dir, REPORT_FILE);
  writeFileAtomic(file, html);
  return file;
}
