// Progress of a batch on standard error. On a terminal: one line redrawn in place (at most ~10
// times a second) with a bar, runs done/total, runs per second and the time left. Not a terminal
// (CI, log files): one line each time another 10 % of the runs is done. --quiet: nothing.
// Runs per second count only the runs done by this invocation (not those found on disk by --resume).

export interface ProgressOptions {
  /** The command, as the prefix of every line: `batch`, `compare`, `sweep`. */
  label: string;
  write: (text: string) => void;
  /** Redraw in place (stderr is a terminal) or print a line per 10 %. */
  tty: boolean;
  quiet?: boolean;
  /** Milliseconds; injectable for tests. */
  now?: () => number;
  /** Width of the bar in characters (terminal only). */
  width?: number;
}

export interface Progress {
  update(done: number, failed: number, total: number): void;
  /** Ends the display (the terminal line is completed with a line break). */
  finish(): void;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

function formatRate(rate: number): string {
  return Number.isFinite(rate) ? rate.toFixed(1) : '–';
}

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const width = options.width ?? 24;
  const start = now();
  let first: number | null = null; // runs done when the display started (resumed runs)
  let lastDraw = -Infinity;
  let lastDecile = -1;
  let drawn = false;
  let state = { done: 0, failed: 0, total: 0 };

  const rate = (): number => {
    const seconds = (now() - start) / 1000;
    const ran = state.done + state.failed - (first ?? 0);
    return seconds > 0 ? ran / seconds : NaN;
  };

  const line = (): string => {
    const { done, failed, total } = state;
    const finished = done + failed;
    const share = total > 0 ? finished / total : 1;
    const filled = Math.round(share * width);
    const r = rate();
    const eta = r > 0 ? (total - finished) / r : NaN;
    const fail = failed > 0 ? `, ${failed} failed` : '';
    return `${options.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${finished}/${total} runs${fail}  ${formatRate(r)} runs/s  ETA ${finished >= total ? '0 s' : formatDuration(eta)}`;
  };

  return {
    update(done, failed, total) {
      if (options.quiet) return;
      state = { done, failed, total };
      first ??= done + failed;
      if (options.tty) {
        const t = now();
        if (t - lastDraw < 100 && done + failed < total) return;
        lastDraw = t;
        options.write(`\r${line()}\x1b[K`);
        drawn = true;
        return;
      }
      if (total === 0) return;
      const decile = Math.floor(((done + failed) * 10) / total);
      if (decile <= lastDecile) return;
      const starting = lastDecile < 0;
      lastDecile = decile;
      // The starting point (0 %, or what --resume found on disk) gets no line of its own.
      if (starting) return;
      const r = rate();
      const fail = failed > 0 ? `, ${failed} failed` : '';
      options.write(`${options.label}: ${decile * 10} % (${done + failed}/${total} runs${fail}, ${formatRate(r)} runs/s)\n`);
    },
    finish() {
      if (options.quiet) return;
      if (options.tty && drawn) {
        options.write(`\r${line()}\x1b[K\n`);
      }
    },
  };
}
