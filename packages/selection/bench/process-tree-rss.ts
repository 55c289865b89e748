import { readFileSync } from 'node:fs';

const pageBytes = 4096;

// Children started by the process's main thread, as workers and tsx's helpers are: reading
// every thread's list would cost the sampler more than the runs it measures.
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter((child) => child !== '')
      .map(Number);
  } catch {
    return [];
  }
}

function rssOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * pageBytes;
  } catch {
    return 0;
  }
}

/**
 * The resident memory of this process and all its descendants, in bytes. Worker threads are in
 * this process, but workers run from sources are child processes (tsx), so a peak that left them
 * out would flatter them. Reads Linux's /proc; elsewhere, this process's RSS alone.
 */
export function processTreeRss(): number {
  if (process.platform !== 'linux') return process.memoryUsage().rss;
  let total = 0;
  const pending = [process.pid];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    total += rssOf(pid);
    pending.push(...childrenOf(pid));
  }
  return total;
}
