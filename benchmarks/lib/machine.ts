import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

export interface Machine {
  readonly nproc: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly date: string;
  /** 1-minute load average when the benchmark started: other work on the machine skews the figures. */
  readonly load: number;
}

export function machine(): Machine {
  let cpuModel = 'unknown';
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpuModel;
  } catch {
    // Not Linux: the model stays unknown.
  }
  return { nproc: availableParallelism(), cpuModel, node: process.version, date: new Date().toISOString(), load: loadavg()[0]! };
}

export function describeMachine(m: Machine): string {
  return `${m.nproc} CPUs (nproc), ${m.cpuModel}, Node ${m.node}, ${m.date.slice(0, 16).replace('T', ' ')} UTC, load average ${m.load.toFixed(2)} at start`;
}
