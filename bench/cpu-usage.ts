/** CPU time of the server, this process and the whole machine, read from /proc (Linux). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// CPU per request stays meaningful when the load generator, not the server, is the bottleneck, and the
// machine-wide figure tells when something else competed for the cores.

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User + system CPU milliseconds of process `pid` (all its threads), from /proc; undefined where there is none. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces: utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / clockTicks() : undefined;
  } catch {
    return undefined;
  }
}

/** This process's own CPU milliseconds (user + system). */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export interface SystemCpu {
  /** CPU milliseconds spent busy, all cores (user, nice, system, irq, softirq). */
  readonly busyMs: number;
  /** Milliseconds the hypervisor ran something else while a vCPU wanted to run. */
  readonly stealMs: number;
}

/** The machine's cumulative CPU time from /proc/stat; undefined where there is none. */
export function systemCpu(): SystemCpu | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const ms = (ticks: number) => (ticks * 1000) / clockTicks();
    return { busyMs: ms(user + nice + system + irq + softirq), stealMs: ms(steal) };
  } catch {
    return undefined;
  }
}
