// The CPU time of Chromium's audio threads, read from Linux's /proc: the renderer processes this Node process
// started (through playwright) and, in each, the threads Chromium names for audio (the AudioWorklet's
// real-time thread, which renders a graph that has a worklet, and the AudioOutputDevice threads).
import { existsSync, readFileSync, readdirSync } from 'node:fs';

/** Chromium's audio threads, by the name the kernel keeps (15 characters: "Realtime AudioW", "AudioOutputDevi"). */
const AUDIO_THREAD = /audio/i;
/** The real-time thread a graph with an AudioWorklet renders on ("Realtime AudioWorklet thread"). */
const WORKLET_THREAD = /^realtime audiow/i;

/** Each audio thread's CPU time so far (ms), by "pid/tid", with its name. */
export type ThreadTimes = Map<string, { name: string; ms: number }>;

export const canReadThreads = (): boolean => existsSync('/proc/self/task');

const read = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process or thread ended between the listing and the read
  }
};

/** The parent pid from /proc/<pid>/stat (after the command name, which may hold spaces and brackets). */
function parentOf(pid: string): number | null {
  const stat = read(`/proc/${pid}/stat`);
  if (stat === null) return null;
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** This process's descendants that are Chromium renderers. */
export function rendererPids(root = process.pid): string[] {
  const parents = new Map<string, number | null>();
  for (const pid of readdirSync('/proc')) if (/^\d+$/.test(pid)) parents.set(pid, parentOf(pid));
  const descends = (pid: string): boolean => {
    for (let parent = parents.get(pid); parent != null && parent > 1; parent = parents.get(String(parent))) {
      if (parent === root) return true;
    }
    return false;
  };
  return [...parents.keys()].filter(
    (pid) => descends(pid) && (read(`/proc/${pid}/cmdline`) ?? '').includes('--type=renderer'),
  );
}

/** The scheduler's total run time of a thread (ms, to the microsecond: finer than stat's 10 ms ticks). */
function runtimeMs(pid: string, tid: string): number | null {
  const sched = read(`/proc/${pid}/task/${tid}/sched`);
  const match = sched === null ? null : /se\.sum_exec_runtime\s*:\s*([\d.]+)/.exec(sched);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** The audio threads of `pids` and their CPU time now. */
export function audioThreadTimes(pids: readonly string[]): ThreadTimes {
  const times: ThreadTimes = new Map();
  for (const pid of pids) {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const name = read(`/proc/${pid}/task/${tid}/comm`)?.trim() ?? '';
      if (!AUDIO_THREAD.test(name)) continue;
      const ms = runtimeMs(pid, tid);
      if (ms !== null) times.set(`${pid}/${tid}`, { name, ms });
    }
  }
  return times;
}

export interface AudioLoad {
  /** Every audio thread's CPU time over the span, as % of one core. */
  totalPercent: number;
  /** The worklet's real-time thread alone (0 where there is none). */
  workletPercent: number;
  /** Name and % of each thread that ran. */
  threads: string;
}

/** The audio threads' CPU between two readings `wallMs` apart, as a share of one core. */
export function audioLoad(before: ThreadTimes, after: ThreadTimes, wallMs: number): AudioLoad {
  let total = 0;
  let worklet = 0;
  const threads: string[] = [];
  for (const [key, { name, ms }] of after) {
    // A thread started during the span counts from zero.
    const used = ms - (before.get(key)?.ms ?? 0);
    if (used <= 0) continue;
    total += used;
    if (WORKLET_THREAD.test(name)) worklet += used;
    threads.push(`${name} ${((100 * used) / wallMs).toFixed(2)}`);
  }
  return {
    totalPercent: (100 * total) / wallMs,
    workletPercent: (100 * worklet) / wallMs,
    threads: threads.join(', '),
  };
}
