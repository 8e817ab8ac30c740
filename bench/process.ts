// A clusterlab command as its own process, watched from outside: wall time, and on Linux its
// CPU time and resident memory (all threads: the worker threads live in the same process) read
// from /proc/<pid> every `everyMs`. The last sample before exit stands for the CPU total, so
// the CPU figure may miss up to one interval. Elsewhere only the wall time is measured.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface ProcessSample {
  /** Seconds since the start. */
  t: number;
  /** Resident set size, bytes (VmRSS). */
  rss: number;
}

export interface ProcessRun {
  seconds: number;
  /** user + system CPU seconds of the process (all threads), or NaN without /proc. */
  cpuSeconds: number;
  /** CPU seconds the whole machine was busy (all cores) meanwhile. */
  machineSeconds: number;
  samples: ProcessSample[];
  code: number | null;
  stderr: string;
}

const TICK = 100; // USER_HZ: /proc reports CPU times in 1/100 s on Linux

function procCpu(pid: number): number {
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICK;
}

function procRss(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

function machineBusy(): number {
  let ms = 0;
  for (const c of os.cpus()) ms += c.times.user + c.times.nice + c.times.sys + c.times.irq;
  return ms / 1000;
}

/** Runs `node args…` to its end, sampling it every `everyMs`; `onSample` sees each sample. */
export function watchProcess(args: string[], everyMs: number, onSample?: (s: ProcessSample) => void): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const busy0 = machineBusy();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const samples: ProcessSample[] = [];
    let cpu = NaN;
    const sample = () => {
      try {
        cpu = procCpu(child.pid!);
        const s = { t: (performance.now() - t0) / 1000, rss: procRss(child.pid!) };
        samples.push(s);
        onSample?.(s);
      } catch {
        // no /proc (not Linux), or the process has just ended
      }
    };
    const timer = setInterval(sample, everyMs);
    sample();
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ seconds: (performance.now() - t0) / 1000, cpuSeconds: cpu, machineSeconds: machineBusy() - busy0, samples, code, stderr });
    });
  });
}
