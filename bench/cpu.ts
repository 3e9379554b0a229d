import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU time used by processes, from /proc (Linux only; elsewhere every reading is null). Read before and after
 * a run, it says what each part of the system cost, whatever else the machine was doing meanwhile.
 */
function ticks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]);
}

/** Seconds of CPU used so far by a process alone. */
export function cpuSeconds(pid: number | undefined): number | null {
  try {
    return pid ? ticks(pid) / 100 : null;
  } catch {
    return null;
  }
}

/** Seconds of CPU used so far by a process and its children (a database server and its backends, say). */
export function treeCpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
    let total = ticks(pid);
    for (const child of children) {
      try {
        total += ticks(child);
      } catch {
        // Gone between the listing and the reading.
      }
    }
    return total / 100;
  } catch (error) {
    // pgrep exits 1 when there are no children.
    try {
      return (error as { status?: number }).status === 1 ? ticks(pid) / 100 : null;
    } catch {
      return null;
    }
  }
}

/** The process id of a program by name (the Redis server), or undefined. */
export function pidOf(name: string): number | undefined {
  try {
    return Number(execFileSync('pgrep', ['-x', '-o', name], { encoding: 'utf8' }).trim()) || undefined;
  } catch {
    return undefined;
  }
}
