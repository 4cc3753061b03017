import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

/** A monotonic clock in milliseconds shared by every thread and process of this machine. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

let ticks: number | undefined;

/** Kernel clock ticks per second (the unit of utime/stime in /proc/<pid>/stat). */
export function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

/** User + system CPU seconds a process has used so far, from /proc/<pid>/stat. */
export function procCpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after it are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / clockTicks();
}

export interface Memory {
  /** Resident set size now, MiB. */
  rssMiB: number;
  /** Peak resident set size so far, MiB. */
  hwmMiB: number;
}

/** Resident memory of a process, from /proc/<pid>/status. */
export function procMemory(pid: number): Memory {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, hwmMiB: kib('VmHWM') / 1024 };
}

/** CPU used by this process (all its threads, so the load workers too), seconds. */
export function selfCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** Measures CPU use of a process over an interval, in cores (1.0 = one core busy). */
export class CpuMeter {
  private startCpu = 0;
  private startWall = 0;

  constructor(private readonly read: () => number) {}

  start(): void {
    this.startCpu = this.read();
    this.startWall = nowMs();
  }

  /** Cores used since start(). */
  stop(): number {
    const cpu = this.read() - this.startCpu;
    const wall = (nowMs() - this.startWall) / 1000;
    return wall > 0 ? cpu / wall : NaN;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; keeps the maximum and the last. */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  max = 0;
  last = 0;

  constructor(
    private readonly pid: number,
    private readonly everyMs = 250,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
  }

  private sample(): void {
    try {
      const { rssMiB } = procMemory(this.pid);
      this.last = rssMiB;
      this.max = Math.max(this.max, rssMiB);
    } catch {
      // The process has gone; keep what we have.
    }
  }

  stop(): { maxMiB: number; lastMiB: number } {
    clearInterval(this.timer);
    this.sample();
    return { maxMiB: this.max, lastMiB: this.last };
  }
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
}

export function machineInfo(): MachineInfo {
  let cpus = os.cpus().length;
  try {
    cpus = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || cpus;
  } catch {
    // keep os.cpus()
  }
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    cpuModel = info.match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? cpuModel;
  } catch {
    // keep os.cpus()
  }
  let memoryGiB = os.totalmem() / 1024 ** 3;
  try {
    const kib = Number(fs.readFileSync('/proc/meminfo', 'utf8').match(/^MemTotal:\s+(\d+) kB/m)?.[1]);
    if (kib) memoryGiB = kib / 1024 ** 2;
  } catch {
    // keep os.totalmem()
  }
  return { cpus, cpuModel, memoryGiB, node: process.version, os: `${os.type()} ${os.release()} ${os.arch()}` };
}

/** CPU seconds the whole machine has spent busy (all processes, all cores), from /proc/stat. */
export function systemBusySeconds(): number {
  const first = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = first.trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq) / clockTicks();
}

/** The 1, 5 and 15 minute load averages. */
export function loadAverage(): string {
  try {
    return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}

/**
 * Waits (at most `maxMs`) until the machine is quiet — less than `threshold` cores busy
 * over a one-second probe — so that a run does not share the CPU with unrelated work.
 * Returns how long it waited and how busy the last probe was.
 */
export async function waitForQuiet(maxMs: number, threshold = 0.25): Promise<{ waitedMs: number; busyCores: number }> {
  const started = nowMs();
  let busyCores = NaN;
  for (;;) {
    const meter = new CpuMeter(systemBusySeconds);
    meter.start();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    busyCores = meter.stop();
    const waitedMs = nowMs() - started;
    if (busyCores < threshold || waitedMs >= maxMs) return { waitedMs, busyCores };
  }
}

/**
 * Seconds the threads of a process have spent runnable but waiting for a CPU (the second
 * field of /proc/<pid>/task/<tid>/schedstat), summed over its current threads.
 */
export function procRunQueueWaitSeconds(pid: number): number {
  let total = 0;
  let tids: string[] = [];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return NaN;
  }
  for (const tid of tids) {
    try {
      total += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[1]);
    } catch {
      // the thread has exited
    }
  }
  return total / 1e9;
}
