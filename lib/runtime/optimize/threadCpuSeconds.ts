import { readFileSync } from 'node:fs';

/** Linux's clock ticks per second (USER_HZ), the unit of /proc's CPU times. */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time (user + system) the calling thread has used, in seconds, to 10 ms; undefined
 * where /proc/thread-self is not there (not Linux). Node 20 has no per-thread CPU clock, and
 * process.cpuUsage() adds up every thread of the process, so a worker reads its own here.
 */
export function threadCpuSeconds(): number | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/thread-self/stat', 'utf8');
  } catch {
    return undefined;
  }
  // The thread's name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  return Number.isFinite(userTicks) && Number.isFinite(systemTicks) ? (userTicks + systemTicks) / TICKS_PER_SECOND : undefined;
}

/** The CPU seconds all workers used between two readings; undefined when a worker could not tell. */
export function cpuUsedSince(before: readonly (number | undefined)[], after: readonly (number | undefined)[]): number | undefined {
  let used = 0;
  for (let i = 0; i < after.length; i++) {
    const start = before[i];
    const end = after[i];
    if (start === undefined || end === undefined) return undefined;
    used += end - start;
  }
  return used;
}
