/**
 * @module
 * The runtime's processes under a `wrangler dev` (Linux /proc): which workerd processes serve a Worker, their
 * resident memory and the CPU time they have used. bench/README.md, "Where the time goes".
 */
import { readdirSync, readFileSync } from 'node:fs';

/**
 * A process's /proc stat: its command name and the fields after it (state, ppid, …), or null once it has ended. The
 * name is in parentheses and may hold spaces, so the fields are counted from its closing parenthesis.
 */
function procStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const end = stat.lastIndexOf(')');
    return { comm: stat.slice(stat.indexOf('(') + 1, end), fields: stat.slice(end + 2).split(' ') };
  } catch {
    return null;
  }
}

/** Every process's parent and command name. */
function processTree() {
  const processes = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (stat) processes.set(Number(entry), { ppid: Number(stat.fields[1]), comm: stat.comm });
  }
  return processes;
}

/**
 * The workerd processes started by `wrangler dev` (pid `root`). There are two: the proxy that listens on the dev
 * port, and the runtime that runs the Worker (and local D1), which wrangler starts with an inspector.
 */
export function workerdPids(root) {
  const tree = processTree();
  const below = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, { ppid }] of tree) {
      if (below.has(ppid) && !below.has(pid)) {
        below.add(pid);
        grew = true;
      }
    }
  }
  return [...below].filter((pid) => tree.get(pid)?.comm === 'workerd');
}

/** Resident memory of `pids` in MB (VmRSS). */
export function rssMb(pids) {
  let kb = 0;
  for (const pid of pids) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      kb += match ? Number(match[1]) : 0;
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) `pids` have used so far, in milliseconds. */
export function cpuMs(pids) {
  let ticks = 0;
  for (const pid of pids) {
    const fields = procStat(pid)?.fields;
    // utime and stime: fields 14 and 15 of stat, 12 and 13 after the command name.
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}
