// Where the CLI writes: the process's streams by default, a buffer in tests (so most CLI tests
// run in-process, without spawning node).

export interface CliIo {
  /** Writes text (with its own line breaks) to standard output. */
  stdout(text: string): void;
  /** Writes text (with its own line breaks) to standard error. */
  stderr(text: string): void;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** An io that keeps what was written, for tests. */
export function bufferIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
  };
  return io;
}
