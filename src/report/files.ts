// How the parser sees an output folder: a ReportFiles (names, text, bytes). The CLI backs it with
// the disk (load.ts), the viz app and the tests with a map (filesFromMap). Browser-safe: no Node
// module is imported here.
/** The files of an output folder; names are paths relative to it with `/` (e.g. `runs/12.json`). */
export interface ReportFiles {
  names(): string[];
  text(name: string): string | undefined;
  binary(name: string): Uint8Array | undefined;
  /**
   * `length` bytes of a file from `offset`, and the file's size, without reading the rest (the
   * stage column at the end of a run's .bin). Optional: `binary` is used where it is missing.
   */
  range?(name: string, offset: number, length: number): { bytes: Uint8Array; size: number } | undefined;
}

/** ReportFiles over a plain map (tests, and the viz app once it has read the files). */
export function filesFromMap(map: ReadonlyMap<string, string | Uint8Array>): ReportFiles {
  return {
    names: () => [...map.keys()],
    text: (name) => {
      const v = map.get(name);
      if (v === undefined) return undefined;
      return typeof v === 'string' ? v : new TextDecoder().decode(v);
    },
    binary: (name) => {
      const v = map.get(name);
      if (v === undefined) return undefined;
      return typeof v === 'string' ? new TextEncoder().encode(v) : v;
    },
  };
}

export function json<T>(files: ReportFiles, name: string): T {
  const text = files.text(name);
  if (text === undefined) throw new Error(`missing ${name}`);
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new Error(`${name} is not valid JSON: ${(err as Error).message}`);
  }
}
