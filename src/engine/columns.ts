// Columnar stores that grow: the event log, the ledger of exited firms, the tie edge list, tie
// snapshots and the policy log keep one typed array per field and double them all together.
type Column = Int32Array | Uint8Array | Float64Array;

/**
 * Replaces every typed-array field of `store` by one at least `minLength` long (doubling), keeping
 * the contents, and returns the new length. All columns of a store have the same length.
 */
export function growColumns(store: object, minLength: number): number {
  const fields = store as Record<string, unknown>;
  let length = 0;
  for (const value of Object.values(fields)) {
    if (ArrayBuffer.isView(value)) {
      length = (value as Column).length;
      break;
    }
  }
  let next = Math.max(1, length);
  while (next < minLength) next *= 2;
  if (next === length) return length;
  for (const [key, value] of Object.entries(fields)) {
    if (!ArrayBuffer.isView(value)) continue;
    const column = value as Column;
    const grown = new (column.constructor as new (n: number) => Column)(next);
    grown.set(column);
    fields[key] = grown;
  }
  return next;
}
