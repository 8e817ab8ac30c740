// Opening a folder in the viz app: the picked files become ReportFiles rooted at the output folder.
import { describe, expect, it } from 'vitest';
import { filesToReportFiles, wantedFile } from '../../viz/src/files.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('filesToReportFiles', () => {
  it('roots the names at the folder of the shallowest marker', () => {
    const files = filesToReportFiles([
      { path: 'out/default/manifest.json', bytes: enc('{}') },
      { path: 'out/default/runs/0.json', bytes: enc('{"a":1}') },
      { path: 'out/default/runs/0.bin', bytes: new Uint8Array([1, 2]) },
      { path: 'elsewhere/x.csv', bytes: enc('x') },
    ]);
    expect(files.names().sort()).toEqual(['manifest.json', 'runs/0.bin', 'runs/0.json']);
    expect(files.text('runs/0.json')).toBe('{"a":1}');
    expect([...files.binary('runs/0.bin')!]).toEqual([1, 2]);
    expect(files.text('missing.csv')).toBeUndefined();
  });

  it('takes loose files as they are (a drop of a run folder’s files)', () => {
    const files = filesToReportFiles([{ path: 'summary.json', bytes: enc('{}') }, { path: 'timeseries.csv', bytes: enc('t') }]);
    expect(files.names().sort()).toEqual(['summary.json', 'timeseries.csv']);
  });

  it('keeps only what a report reads', () => {
    expect(wantedFile('a/report.html')).toBe(false);
    expect(wantedFile('a/runs/3.bin')).toBe(true);
  });
});
