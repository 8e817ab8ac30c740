// `sweep --design points.csv`: a design made elsewhere (SALib, R's lhs, a spreadsheet) — a CSV
// whose header names scenario paths (as `--param` does) and whose rows are the points, one value
// per column. Every value is checked against the scenario before any run: a column the scenario
// does not have, or a value outside its domain, is an error naming the file, the row and the column.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Param } from '../analysis/design.ts';
import { parseDecimal } from '../io/format.ts';
import type { LoadedScenario } from '../scenarios/load.ts';
import { BatchError } from './errors.ts';
import { scenarioAtPoint, type Unit } from './jobs.ts';

export interface DesignFile {
  file: string;
  /** sha256 of the file's bytes (the manifest records it: part of the batch's identity). */
  hash: string;
  /** One per column: its path, the column's min and max, integer when every value is one. */
  params: Param[];
  points: number[][];
}

const PATH = /^[A-Za-z_][\w-]*(\.[\w-]+)*$/;

export function readDesignFile(file: string): DesignFile {
  const fail = (where: string, expected: string, found: string): never => {
    throw new BatchError(`${file}${where ? `: ${where}` : ''}: expected ${expected}, found ${found}`);
  };
  if (!existsSync(file)) fail('', 'a design file (CSV: a header of scenario paths, a row per point)', 'no such file');
  const bytes = readFileSync(file);
  const lines = bytes.toString('utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) fail('', 'a header of scenario paths and at least one row', 'an empty file');
  const unquote = (f: string) => f.trim().replace(/^"(.*)"$/, '$1');
  const header = lines[0].split(',').map(unquote);
  header.forEach((h, c) => {
    if (!PATH.test(h)) fail(`column ${c + 1}`, 'a scenario path such as mechanisms.spinoffs.rate', JSON.stringify(h));
    if (header.indexOf(h) !== c) fail(`column "${h}"`, 'each path once', 'it twice');
  });
  if (lines.length === 1) fail('', 'at least one row of values under the header', 'only the header');
  const points = lines.slice(1).map((line, r) => {
    const fields = line.split(',').map(unquote);
    if (fields.length !== header.length) fail(`row ${r + 1}`, `${header.length} values (one per column)`, `${fields.length}`);
    return fields.map((f, c) => {
      const x = parseDecimal(f);
      return Number.isNaN(x) ? fail(`row ${r + 1}, column "${header[c]}"`, 'a number', JSON.stringify(f)) : x;
    });
  });
  const params = header.map((path, c): Param => {
    const column = points.map((p) => p[c]);
    // Loops, not Math.min(...column): a design may have more points than a call takes arguments.
    return { path, lo: column.reduce((a, b) => Math.min(a, b)), hi: column.reduce((a, b) => Math.max(a, b)), integer: column.every(Number.isInteger) };
  });
  return { file, hash: createHash('sha256').update(bytes).digest('hex'), params, points };
}

/** The design's points as units, each checked against the scenario (errors name row and column). */
export function designUnits(base: LoadedScenario, design: DesignFile): Unit[] {
  const paths = design.params.map((p) => p.path);
  return design.points.map((values, i) => ({
    label: `point ${i}`, variant: null, point: i, loaded: scenarioAtPoint(base, paths, values, design.file, `row ${i + 1}`),
  }));
}
