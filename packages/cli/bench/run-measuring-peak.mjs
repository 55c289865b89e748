// Runs the built `s1` command line in this process with the arguments given, and writes the
// process's peak resident memory in KiB (worker threads included) to file descriptor 3 at exit.
import { writeSync } from 'node:fs';

process.on('exit', () => writeSync(3, `${process.resourceUsage().maxRSS}\n`));
await import(new URL('../dist/bin.js', import.meta.url).href);
