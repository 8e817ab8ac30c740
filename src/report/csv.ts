// CSV as the clusterlab writers produce it: RFC 4180 rows, numbers spelled NaN/inf/-inf, and a
// header-indexed Table with clear errors for missing columns. Pure and browser-safe.
/** RFC 4180 rows (quoted fields with commas, quotes and line breaks); a trailing newline is fine. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r') { i++; continue; }
    if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; continue; }
    field += c; i++;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** A number as the writers spell it (NaN, inf, -inf included; Inf, -Inf of older folders); empty → NaN. */
export function csvNumber(text: string): number {
  if (text === 'inf' || text === 'Inf') return Infinity;
  if (text === '-inf' || text === '-Inf') return -Infinity;
  if (text === '' || text === 'NaN') return NaN;
  return Number(text);
}

export interface Table { header: string[]; rows: string[][]; col: (name: string) => number }

export function table(text: string, name: string): Table {
  const all = parseCsv(text);
  if (all.length === 0) throw new Error(`${name} is empty`);
  const [header, ...rows] = all;
  return {
    header,
    rows,
    col: (c) => {
      const i = header.indexOf(c);
      if (i < 0) throw new Error(`${name} has no column ${c} (columns: ${header.join(', ')})`);
      return i;
    },
  };
}
