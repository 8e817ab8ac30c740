// The script of report.html (bundled and inlined by src/report/html.ts): reads the ReportData from
// <script id="report-data" type="application/json"> and draws it into <main id="report">.
import type { ReportData } from '../../src/report/model.ts';
import { renderReport } from './charts/index.ts';

function start(): void {
  const root = document.getElementById('report');
  const source = document.getElementById('report-data');
  if (!root || !source) throw new Error('report.html: missing #report or #report-data');
  const data = JSON.parse(source.textContent ?? 'null') as ReportData;
  // JSON has no NaN: the writer turned it into null; the charts treat both as "no value".
  renderReport(root, data);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
