import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectedFeatures, fixtureRows, solverAnswers } from '../../test-utils/difficulty-fixture';
import { type DifficultyServers, difficultyServers } from '../../test-utils/difficulty-servers';
import { canonicalJson } from '../cache/canonical-json';

const distinctAttempts = () =>
  new Set(
    fixtureRows.flatMap((row, index) =>
      row.solution === undefined
        ? []
        : [solverAnswers.qwen7b[index], solverAnswers.qwen32b[index]].map(
            (answer) => `${row.question}|${answer}`,
          ),
    ),
  ).size;

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
const servers = difficultyServers();

function spawnChild(args: string[]): { child: ChildProcess; exit: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@s1/source', 'test-utils/difficulty-child.ts', ...args],
    { cwd: packageRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  return { child, exit };
}

async function cacheEntries(folder: string): Promise<number> {
  const files = await readdir(folder, { recursive: true }).catch(() => []);
  return files.filter((file) => file.endsWith('.json')).length;
}

/**
 * A fingerprint of the servers and the cache when the child is stuck on a stalled request and
 * nothing else is in the middle: every request the servers took was answered and every answer is
 * in the cache; undefined otherwise. The same fingerprint twice in a row means the child is idle,
 * so a kill then loses no completed call and any repeat after it would be the cache's fault.
 */
async function idleFingerprint(all: DifficultyServers, stallsBefore: number, cache: string) {
  const requests = Object.values(all).flatMap((server) => server.requests);
  const stalls = requests.filter((request) => request.fault === 'stall').length;
  const calls = Object.values(all).flatMap((server) => server.completions());
  const entries = await cacheEntries(cache);
  const idle =
    stalls > stallsBefore &&
    calls.every((call) => call.text !== undefined) &&
    entries === calls.length;
  return idle ? `${requests.length} requests, ${entries} entries` : undefined;
}

describe('difficulty features through crashes', () => {
  it('should finish after SIGKILLs mid-run without making any model call twice', async () => {
    const all = await servers({ rate: 0.1, seed: 11, kinds: ['stall'] });
    const folder = await mkdtemp(join(tmpdir(), 's1-difficulty-'));
    const [cache, output] = [join(folder, 'cache'), join(folder, 'features.json')];
    const args = [cache, output, all.qwen7b.baseURL, all.qwen32b.baseURL, all.grader.baseURL];
    const answeredAtKills: number[] = [];
    let exitCode: number | null = null;
    for (let run = 0; run < 12 && exitCode !== 0; run++) {
      const stallsBefore = Object.values(all)
        .flatMap((server) => server.requests)
        .filter((request) => request.fault === 'stall').length;
      const { child, exit } = spawnChild(args);
      let exited = false;
      void exit.then(() => {
        exited = true;
      });
      let previous: string | undefined;
      // Past the deadline it kills anyway; the assertions below then tell what went wrong.
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        const fingerprint = await idleFingerprint(all, stallsBefore, cache);
        if (exited || (fingerprint !== undefined && fingerprint === previous)) break;
        previous = fingerprint;
      }
      if (!exited) {
        child.kill('SIGKILL');
        answeredAtKills.push(await cacheEntries(cache));
      }
      exitCode = await exit;
    }

    expect(exitCode).toBe(0);
    expect(JSON.parse(await readFile(output, 'utf8'))).toEqual(expectedFeatures);
    // Killed more than once, with calls done before each kill and calls left after it.
    expect(answeredAtKills.length).toBeGreaterThanOrEqual(2);
    expect(answeredAtKills[0]).toBeGreaterThan(0);
    const calls = Object.values(all).flatMap((server) => server.completions());
    expect(answeredAtKills.every((count) => count < calls.length)).toBe(true);
    // No call (model, prompt, seed, …) was answered twice across the runs.
    const keys = calls.map((call) => canonicalJson(call.body));
    expect(new Set(keys).size).toBe(keys.length);
    const graded = fixtureRows.filter((row) => row.solution !== undefined).length;
    expect(all.qwen7b.completions()).toHaveLength(graded);
    expect(all.qwen32b.completions()).toHaveLength(graded);
    // One grading call per distinct attempt, and a retry for the two flaky ones.
    const gradingPrompts = new Set(all.grader.completions().map((call) => call.body.prompt));
    expect(gradingPrompts.size).toBe(distinctAttempts());
    expect(all.grader.completions()).toHaveLength(gradingPrompts.size + 2);
  });
});
