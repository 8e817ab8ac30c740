// CPU time of the machine and of this process, to say how much other processes took during a
// measurement: on a 2-core machine anything else running distorts throughput and speedups.
import os from 'node:os';

/** CPU time in ms of the whole machine (all cores, busy) and of this process (all its threads). */
export function cpuNow(): { machine: number; own: number; wall: number } {
  let machine = 0;
  for (const c of os.cpus()) machine += c.times.user + c.times.nice + c.times.sys + c.times.irq;
  const u = process.cpuUsage();
  return { machine, own: (u.user + u.system) / 1000, wall: performance.now() };
}

/** The share of the machine's CPU time (all cores) other processes used since `start`. */
export function othersSince(start: ReturnType<typeof cpuNow>): number {
  const end = cpuNow();
  const wall = (end.wall - start.wall) * os.cpus().length;
  return Math.max(0, (end.machine - start.machine - (end.own - start.own)) / wall);
}
