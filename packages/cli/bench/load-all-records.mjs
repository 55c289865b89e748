// The baseline of the peak-memory benchmark: parses every record of a JSONL file into memory,
// what any tool that holds a dataset needs at least, and writes the peak resident memory in KiB
// to file descriptor 3.
import { readFileSync, writeSync } from 'node:fs';

const records = readFileSync(process.argv[2], 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line));
writeSync(3, `${process.resourceUsage().maxRSS}\n`);
process.stderr.write(`${records.length} records held\n`);
