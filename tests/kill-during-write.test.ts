// SIGKILLs `s1 select`, `s1 eval` and `s1 format` at many moments of a run that replaces an
// earlier output, and checks that the output is then the old set or the new set, never a mix, and
// that the next run leaves no temporary file behind (for eval also: results.jsonl ends with each
// sample once; for format, the statistics file may be missing, never stale).
// Each kill is classified by what it left (`Landing`), and the test fails unless some landed
// inside the write. Each command is a `KillScenario`; another command slots in as one more
// entry of `scenarios`. Needs the build (packages/cli/dist).
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { type FSWatcher, watch } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { createThinkingScript, startVllmCompatibleServer } from '@s1/budget-forcing/testing';
import { loadTokenizer } from '@s1/chat-template';
import { resolveQwen25TokenizerFolder } from '@s1/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userEnvironment } from './run-command';

const bin = join(import.meta.dirname, '..', 'packages', 'cli', 'dist', 'bin.js');

/** A command whose output set a kill must leave old or new. */
interface KillScenario {
  command: string;
  /** Once, before any run: inputs, servers. */
  prepare(work: string): Promise<void>;
  /** The arguments of the run that writes the old set into the fresh folder `root`. */
  oldArgs(root: string): string[];
  /** The arguments of the run that writes the new set over it: the killed runs and the reruns. */
  newArgs(root: string): string[];
  /**
   * The folder written as one set. Its parent is watched for the writer's staging entries
   * (`.NAME.PID.HEX.tmp`, `writeFolderAtomically`), and must hold nothing temporary after a run.
   */
  target(root: string): string;
  /**
   * For a set written file by file rather than as one folder: the files inside the target that
   * are each written atomically (`writeFileAtomically`), in the order written. The target itself
   * is then watched for their staging entries (`.NAME.PID.HEX.tmp` beside each), and the set is
   * compared without them.
   */
  files?: readonly string[];
  /**
   * Files of the set a kill may leave missing: the set is then the old or the new one without
   * them. None where not given.
   */
  mayBeMissing?: readonly string[];
  /**
   * A file in the watched folder whose changes kills also land at (`KillPlan.progress`): one the
   * run appends to before its write (a resume log), or one of `files`, to land in the short gaps
   * between their writes.
   */
  progressFile?: string;
  /** How many kills of each kind (see `Kill`); `defaultPlan` where not given. */
  plan?: Partial<KillPlan>;
  /** After a kill, before the next run: checks of outputs outside the set. */
  afterKill?(root: string, kill: Kill, landing: Landing): Promise<void>;
  /** After a run to completion (the reference run, and the reruns after kills). */
  afterCompletion?(root: string): Promise<void>;
  /** Printed with the kill counts. */
  notes?(): string;
  dispose?(): Promise<void>;
}

/** Where a kill landed, read from the output once the process is gone. */
type Landing = 'before' | 'during' | 'after';

interface Kill {
  index: number;
  /**
   * `timed`: `at` times the reference run's duration after the start, from the old set; these
   * spread over the whole run and past it (runs are slower side by side than the reference run
   * alone). `staging`: `at` (0 to 2) times the reference write window after the writer's staging
   * folder appears; these land in and around the write itself. `progress`: at the `at`-th change
   * to the scenario's `progressFile`, from the old set.
   */
  kind: 'timed' | 'staging' | 'progress';
  at: number;
}

interface KillPlan {
  timed: number;
  /** Even: they run as two chains. */
  staging: number;
  /** The changes of the progress file to kill at, for a command that has one. */
  progress: number[];
}

const defaultPlan: KillPlan = { timed: 6, staging: 10, progress: [] };
// If no kill landed inside the write, up to this many more at the moment the staging appears.
const extraKills = 10;
// Two runs at a time, each in its own folder: the checks read the folders, not the clock.
const parallel = 2;

/**
 * The kills of a command, derived from its plan alone: timed ones spread from the start to past
 * the end, staging ones from the staging's appearance to past the write, progress ones at the
 * given changes. Staging kills form two chains: each kill's next run is the next kill of its
 * chain (which must first recover what the killed one left), until the new set is in; then a
 * run to completion, and the chain starts again from the old set.
 */
function killsOf(plan: KillPlan): { singles: Kill[]; chains: Kill[][] } {
  const timed = Array.from({ length: plan.timed }, (_, i) => ({
    index: i,
    kind: 'timed' as const,
    at: (1.5 * (i + 0.5)) / plan.timed,
  }));
  const chains = [0, 1].map((chain) =>
    Array.from({ length: plan.staging / 2 }, (_, i) => {
      const step = 2 * i + chain;
      return {
        index: plan.timed + step,
        kind: 'staging' as const,
        at: (2 * step) / (plan.staging - 1),
      };
    }),
  );
  const progress = plan.progress.map((at, i) => ({
    index: plan.timed + plan.staging + i,
    kind: 'progress' as const,
    at,
  }));
  return { singles: [...progress, ...timed], chains };
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  pid: number;
  stdout: string;
  stderr: string;
  /** Milliseconds from the start to the exit. */
  durationMs: number;
  /** Milliseconds from the start to the appearance of the run's first own staging entry. */
  stagingAtMs: number | undefined;
  /** Milliseconds from the start to the last change seen to a staged path or the run's staging. */
  writtenAtMs: number | undefined;
  /** The staged paths whose own staging entry was seen. */
  stagedPaths: string[];
}

/**
 * The paths a scenario's run writes atomically, each through staging entries beside it, all in
 * one folder: the target, or the scenario's `files` inside it.
 */
const stagedPaths = (scenario: KillScenario, root: string): string[] => {
  const target = scenario.target(root);
  return scenario.files?.map((file) => join(target, file)) ?? [target];
};

/**
 * Runs the CLI to its end, or SIGKILLs it `afterMs` after its start (`timed`), after its first
 * own staging entry appears beside one of `staged` (`staging`), or at the `afterMs`-th change to
 * `progressFile` beside them (`progress`).
 */
async function runCli(
  args: readonly string[],
  staged: readonly string[],
  kill?: { kind: Kill['kind']; afterMs: number; progressFile?: string | undefined },
): Promise<RunResult> {
  const folder = dirname(staged[0] as string);
  // It must exist to be watched (select and eval make it anyway; format needs it).
  await mkdir(folder, { recursive: true });
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let stagingAtMs: number | undefined;
    let writtenAtMs: number | undefined;
    const stagedSeen = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    let watcher: FSWatcher | undefined;
    let progress = 0;
    const child: ChildProcess = spawn(process.execPath, [bin, ...args], {
      env: userEnvironment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const killNow = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    watcher = watch(folder, (_event, name) => {
      if (kill?.kind === 'progress' && name === kill.progressFile && ++progress === kill.afterMs) {
        killNow();
      }
      const path = staged.find(
        (path) => name === basename(path) || name?.startsWith(ownStagingPrefix(path, child.pid)),
      );
      if (path === undefined) return;
      writtenAtMs = performance.now() - started;
      if (name === basename(path)) return;
      stagedSeen.add(path);
      if (stagingAtMs !== undefined) return;
      stagingAtMs = writtenAtMs;
      if (kill?.kind !== 'staging') return;
      if (kill.afterMs <= 0) killNow();
      else timer = setTimeout(killNow, kill.afterMs);
    });
    if (kill?.kind === 'timed') timer = setTimeout(killNow, kill.afterMs);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      watcher?.close();
      watcher = undefined;
      resolve({
        code,
        signal,
        pid: child.pid as number,
        stdout,
        stderr,
        durationMs: performance.now() - started,
        stagingAtMs,
        writtenAtMs,
        stagedPaths: [...stagedSeen],
      });
    });
  });
}

const stagingPrefix = (target: string) => `.${basename(target)}.`;
const ownStagingPrefix = (target: string, pid: number | undefined) =>
  `${stagingPrefix(target)}${pid}.`;

const describeRun = (args: readonly string[], result: RunResult) =>
  `s1 ${args.join(' ')} exited with ${result.code ?? result.signal}\n--- stdout\n${result.stdout.slice(-3000)}\n--- stderr\n${result.stderr.slice(-3000)}`;

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Every file under `folder`, by relative path, but those at the paths in `except`. */
async function readSet(
  folder: string,
  except: readonly string[] = [],
): Promise<Map<string, Buffer>> {
  const set = new Map<string, Buffer>();
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (except.includes(path)) continue;
    set.set(relative(folder, path), await readFile(path));
  }
  return set;
}

const sameSet = (a: ReadonlyMap<string, Buffer>, b: ReadonlyMap<string, Buffer>) =>
  a.size === b.size && [...a].every(([name, bytes]) => b.get(name)?.equals(bytes) === true);

/**
 * The files of `reference` that `set` lacks, where it is `reference` but for some of those that
 * `mayBeMissing` names; otherwise undefined.
 */
function missingFrom(
  set: ReadonlyMap<string, Buffer>,
  reference: ReadonlyMap<string, Buffer>,
  mayBeMissing: readonly string[],
): string[] | undefined {
  const missing = [...reference.keys()].filter((name) => !set.has(name));
  const rest = new Map([...reference].filter(([name]) => !missing.includes(name)));
  return missing.every((name) => mayBeMissing.includes(name)) && sameSet(set, rest)
    ? missing.sort()
    : undefined;
}

/** Which files differ from `reference`, for a failure message. */
const differences = (set: ReadonlyMap<string, Buffer>, reference: ReadonlyMap<string, Buffer>) =>
  [...new Set([...set.keys(), ...reference.keys()])]
    .filter((name) => set.get(name)?.equals(reference.get(name) ?? Buffer.alloc(0)) !== true)
    .sort();

/** Temporary names anywhere under `folder`: staging folders and files, folders moved aside. */
async function temporaryEntries(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter(({ name }) => /\.tmp($|\.)|\.previous$|^\./.test(name))
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)));
}

/** Every entry under `folder` by relative path, with the hash of each file's content. */
async function folderState(folder: string): Promise<string> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const lines = await Promise.all(
    entries.map(async (entry) => {
      const path = join(entry.parentPath, entry.name);
      const content = entry.isFile()
        ? createHash('sha256')
            .update(await readFile(path))
            .digest('hex')
        : entry.isDirectory()
          ? '/'
          : '?';
      return `${relative(folder, path)} ${content}`;
    }),
  );
  return lines.sort().join('\n');
}

type Counts = Record<Kill['kind'], Record<Landing, number>> & {
  /** Kills inside the write that found the old set moved aside and the new one not yet in. */
  parked: number;
  /** Runs that ended before their kill (counted `after`). */
  finished: number;
  /**
   * What the kills left (`old`, `new`, `new without stats.json`…), reported for a scenario with
   * files that may be missing.
   */
  states: Record<string, number>;
  /** Runs to completion after a kill. */
  completions: number;
};

/** One command's kill runs: the old and new sets, the reference timings, the counts. */
class KillHarness {
  readonly counts: Counts = {
    timed: { before: 0, during: 0, after: 0 },
    staging: { before: 0, during: 0, after: 0 },
    progress: { before: 0, during: 0, after: 0 },
    parked: 0,
    finished: 0,
    completions: 0,
    states: {},
  };
  /** States (`folderState`) a run to completion started from and passed. */
  readonly completed = new Set<string>();

  constructor(
    readonly scenario: KillScenario,
    readonly template: string,
    readonly sets: { old: Map<string, Buffer>; next: Map<string, Buffer> },
    readonly timing: { durationMs: number; windowMs: number },
  ) {}

  get during(): number {
    const { timed, staging, progress } = this.counts;
    return timed.during + staging.during + progress.during;
  }

  /** Runs the new command in `root` and kills it; checks that the set is old or new. */
  async kill(root: string, kill: Kill): Promise<'old' | 'new'> {
    const { scenario, sets, counts } = this;
    const target = scenario.target(root);
    const staged = stagedPaths(scenario, root);
    const args = scenario.newArgs(root);
    const afterMs =
      kill.kind === 'progress'
        ? kill.at
        : kill.at * (kill.kind === 'timed' ? this.timing.durationMs : this.timing.windowMs);
    const what = `${scenario.command}, kill ${kill.index} (${kill.kind} ${Math.round(afterMs)}${kill.kind === 'progress' ? '' : ' ms'})`;
    const result = await runCli(args, staged, {
      kind: kill.kind,
      afterMs,
      progressFile: scenario.progressFile,
    });
    if (result.code !== 0 && result.signal !== 'SIGKILL') expect.fail(describeRun(args, result));

    const parent = dirname(staged[0] as string);
    const entries = await readdir(parent);
    const staging: string[] = [];
    const own: string[] = [];
    for (const path of staged) {
      const ofPath = entries.filter((name) => name.startsWith(stagingPrefix(path)));
      const ownOfPath = ofPath.filter((name) =>
        name.startsWith(ownStagingPrefix(path, result.pid)),
      );
      // A writer recovers what killed writers left before it stages its own.
      if (result.stagedPaths.includes(path)) {
        expect(
          ofPath.filter((name) => !ownOfPath.includes(name)),
          `${what}: leftovers of earlier runs`,
        ).toEqual([]);
      }
      staging.push(...ofPath);
      own.push(...ownOfPath);
    }
    let landing: Landing;
    let state: 'old' | 'new';
    if (await exists(target)) {
      const set = await readSet(
        target,
        staging.map((name) => join(parent, name)),
      );
      const mayBeMissing = scenario.mayBeMissing ?? [];
      const missingFromOld = missingFrom(set, sets.old, mayBeMissing);
      const missing = missingFromOld ?? missingFrom(set, sets.next, mayBeMissing);
      if (missing === undefined) {
        return expect.fail(
          `${what}: ${target} is neither the old set (differs in ${differences(set, sets.old).join(', ')}) nor the new one (differs in ${differences(set, sets.next).join(', ')})`,
        );
      }
      state = missingFromOld === undefined ? 'new' : 'old';
      const left = missing.length === 0 ? state : `${state} without ${missing.join(', ')}`;
      counts.states[left] = (counts.states[left] ?? 0) + 1;
      // The writer's own staging entries left behind: the kill landed inside the write.
      landing = own.length > 0 ? 'during' : state === 'old' ? 'before' : 'after';
    } else {
      // Killed between moving the old folder aside and moving the new one in: the next run
      // moves it back first.
      const previous = own.filter((name) => name.endsWith('.previous'));
      expect(previous, `${what}: ${target} is missing`).toHaveLength(1);
      const aside = await readSet(join(parent, previous[0] as string));
      expect(sameSet(aside, sets.old), `${what}: the folder moved aside is the old set`).toBe(true);
      state = 'old';
      landing = 'during';
      counts.parked++;
    }
    counts[kill.kind][landing]++;
    if (result.code === 0) counts.finished++;
    await scenario.afterKill?.(root, kill, landing);
    return state;
  }

  /** The next run, to its end: the new set, and nothing temporary anywhere under `root`. */
  async complete(root: string, what: string): Promise<void> {
    const { scenario } = this;
    const target = scenario.target(root);
    const args = scenario.newArgs(root);
    const state = await folderState(root);
    const result = await runCli(args, stagedPaths(scenario, root));
    if (result.code !== 0) expect.fail(`${what}: ${describeRun(args, result)}`);
    this.counts.completions++;
    expect(sameSet(await readSet(target), this.sets.next), `${what}: the new set`).toBe(true);
    expect(await temporaryEntries(root), `${what}: temporary entries`).toEqual([]);
    await scenario.afterCompletion?.(root);
    this.completed.add(state);
  }

  async fresh(root: string): Promise<void> {
    await rm(root, { recursive: true, force: true });
    await cp(this.template, root, { recursive: true });
  }

  /**
   * A kill from the old set, then the next run to completion. The commands are deterministic:
   * a state a run to completion already started from and passed (byte for byte, names included,
   * so never a state with a killed writer's leftovers: the old set, or the complete new output)
   * is not run again.
   */
  async single(root: string, kill: Kill): Promise<void> {
    await this.fresh(root);
    await this.kill(root, kill);
    if (!this.completed.has(await folderState(root))) {
      await this.complete(root, `${this.scenario.command}, the run after kill ${kill.index}`);
    }
    await rm(root, { recursive: true, force: true });
  }

  /**
   * Kills in a row from the old set, each run the next of the one before (see `killsOf`); once
   * the new set is in, a run to completion, and the chain goes on from the old set again.
   */
  async chain(root: string, kills: readonly Kill[]): Promise<void> {
    await this.fresh(root);
    let settled = false;
    for (const kill of kills) {
      if (settled) await this.fresh(root);
      const state = await this.kill(root, kill);
      settled = state === 'new';
      if (settled && !this.completed.has(await folderState(root))) {
        await this.complete(root, `${this.scenario.command}, the run after kill ${kill.index}`);
      }
    }
    if (!settled) {
      await this.complete(
        root,
        `${this.scenario.command}, the run after kill ${kills.at(-1)?.index}`,
      );
    }
    await rm(root, { recursive: true, force: true });
  }

  summary(): string {
    const { timed, staging, progress, parked, finished, completions, states } = this.counts;
    const total = (landing: Landing) => timed[landing] + staging[landing] + progress[landing];
    const all = total('before') + total('during') + total('after');
    const line = (counts: Record<Landing, number>) =>
      `${counts.before} before / ${counts.during} during / ${counts.after} after`;
    const left =
      this.scenario.mayBeMissing === undefined
        ? ''
        : `; left ${Object.entries(states)
            .sort()
            .map(([state, count]) => `${state} ${count}`)
            .join(', ')}`;
    return `${this.scenario.command}: ${all} kills, ${total('before')} before the write, ${total('during')} during it (${parked} with the old set moved aside), ${total('after')} after it (${finished} runs ended first); timed ${line(timed)}, at the staging ${line(staging)}${this.scenario.progressFile === undefined ? '' : `, at changes of ${this.scenario.progressFile} ${line(progress)}`}${left}; ${completions} runs to completion after kills; reference run ${Math.round(this.timing.durationMs)} ms, write window ${Math.round(this.timing.windowMs)} ms. ${this.scenario.notes?.() ?? ''}`;
  }
}

/** Runs `work` over `items`, `limit` at a time. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, slot: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async (_, slot) => {
      while (next < items.length) await work(items[next++] as T, slot);
    }),
  );
}

const jsonLines = (records: readonly unknown[]) =>
  records.map((record) => JSON.stringify(record)).join('\n');

// s1 select: the selection folder (selected.jsonl, dropped.jsonl, report.json), a few MB so that
// writing it takes a while. The new pool is larger and drops other records.
function selectScenario(): KillScenario {
  let oldPool = '';
  let newPool = '';
  const pool = (tag: string, size: number, dropEvery: number) =>
    Array.from({ length: size }, (_, i) => ({
      id: `${tag}-${i}`,
      question:
        i % dropEvery === 0
          ? `Find the area of figure ${tag} ${i}. [asy] draw(unitsquare); [/asy]`
          : `Question ${tag} ${i}: compute the sum of the first ${i + 3} positive integers and show why.`,
      thinking: `Let me work through ${tag} ${i} step by step. `.repeat(24),
      answer: String(((i + 3) * (i + 4)) / 2),
    }));
  return {
    command: 's1 select',
    async prepare(work) {
      oldPool = join(work, 'old-pool.jsonl');
      newPool = join(work, 'new-pool.jsonl');
      await writeFile(oldPool, jsonLines(pool('old', 1500, 40)));
      await writeFile(newPool, jsonLines(pool('new', 2500, 25)));
    },
    oldArgs: (root) => [
      'select',
      '--input',
      oldPool,
      '--stages',
      'quality',
      '--out',
      join(root, 'out'),
    ],
    newArgs: (root) => [
      'select',
      '--input',
      newPool,
      '--stages',
      'quality',
      '--out',
      join(root, 'out'),
    ],
    target: (root) => join(root, 'out'),
  };
}

// s1 eval: the report folder (OUT/report) against the loopback vLLM-compatible server. The old
// run evaluates 4 problems, the new one (`--resume`) 12, so results.jsonl is appended to while
// the kills land, and must end with each sample exactly once.
function evalScenario(): KillScenario {
  let server: Awaited<ReturnType<typeof startVllmCompatibleServer>> | undefined;
  let problemsFile = '';
  const problems = 12;
  const configs = 2;
  let tornByKill = 0;
  let tornBySimulation = 0;
  const flags = (root: string, limit: number) => [
    'eval',
    problemsFile,
    '--benchmark',
    'problems',
    '--base-url',
    (server as { baseURL: string }).baseURL,
    '--model',
    's1',
    '--max',
    '4,32',
    // One sample at a time: the records come in one order, whatever the kills.
    '--concurrency',
    '1',
    '--title',
    'kill test',
    '--limit',
    String(limit),
    '--out',
    join(root, 'run'),
  ];
  const readResults = async (root: string) => {
    const text = await readFile(join(root, 'run', 'results.jsonl'), 'utf8');
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    const keys = complete
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const record = JSON.parse(line);
        return `${record.problemId}|${record.config}|${record.sample}`;
      });
    return { text, complete, keys };
  };
  return {
    command: 's1 eval',
    progressFile: 'results.jsonl',
    // Its runs are long (most of it is starting up): fewer of them.
    plan: { timed: 4, staging: 6, progress: [2, 8, 14] },
    async prepare(work) {
      const tokenizer = await loadTokenizer(
        resolveQwen25TokenizerFolder(
          join(import.meta.dirname, '..', 'packages', 'cli', 'package.json'),
        ),
      );
      const model = createThinkingScript({
        tokenizer,
        thoughts: ['\n12 × 12 = 144.\n', ' Check: 144.\n'],
        answer: 'It is $\\boxed{144}$.',
      });
      server = await startVllmCompatibleServer({ model, tokenizer });
      problemsFile = join(work, 'problems.jsonl');
      await writeFile(
        problemsFile,
        jsonLines(
          Array.from({ length: problems }, (_, i) => ({
            id: `p${i}`,
            problem: `What is 12 × ${12 + (i % 3)}? (${i})`,
            answer: String(12 * (12 + (i % 3))),
          })),
        ),
      );
    },
    oldArgs: (root) => flags(root, 4),
    newArgs: (root) => [...flags(root, problems), '--resume'],
    target: (root) => join(root, 'run', 'report'),
    async afterKill(root, kill, landing) {
      const { text, complete, keys } = await readResults(root);
      // A kill never writes a sample twice, even before the rerun.
      expect(new Set(keys).size, `kill ${kill.index}: samples in results.jsonl`).toBe(keys.length);
      if (complete.length < text.length) tornByKill++;
      else if (landing === 'before' && keys.length > 4 * configs) {
        // What a kill during an append can leave (a write cut short): half of the last line.
        const last = complete.slice(complete.lastIndexOf('\n', complete.length - 2) + 1);
        await writeFile(
          join(root, 'run', 'results.jsonl'),
          complete.slice(0, complete.length - last.length) + last.slice(0, last.length >> 1),
        );
        tornBySimulation++;
      }
    },
    async afterCompletion(root) {
      const { text, complete, keys } = await readResults(root);
      expect(complete).toBe(text);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toHaveLength(problems * configs);
    },
    notes: () =>
      `results.jsonl: ${tornByKill} last lines torn by a kill, ${tornBySimulation} torn by the test; each cut and rerun once`,
    async dispose() {
      await server?.close();
    },
  };
}

// s1 format: the tokenized dataset (OUT/train.parquet) and its statistics (OUT/stats.json), each
// written atomically, one after the other; the old statistics file is removed just before the new
// dataset replaces the old one. So a kill may leave the statistics missing, but never beside the
// other dataset. A few thousand short records, one tokenizer thread: the write takes seconds.
function formatScenario(): KillScenario {
  let oldRecords = '';
  let newRecords = '';
  const records = (tag: string, size: number) =>
    Array.from({ length: size }, (_, i) => ({
      question: `Question ${tag} ${i}: what is ${i} + ${i + 1}?`,
      thinking: `Adding ${i} and ${i + 1} (${tag}).`,
      answer: String(2 * i + 1),
    }));
  const flags = (input: string, root: string) => [
    'format',
    input,
    '--out',
    join(root, 'out', 'train.parquet'),
    '--stats',
    join(root, 'out', 'stats.json'),
    '--workers',
    '1',
  ];
  return {
    command: 's1 format',
    async prepare(work) {
      oldRecords = join(work, 'old-records.jsonl');
      newRecords = join(work, 'new-records.jsonl');
      await writeFile(oldRecords, jsonLines(records('old', 1500)));
      await writeFile(newRecords, jsonLines(records('new', 2500)));
    },
    oldArgs: (root) => flags(oldRecords, root),
    newArgs: (root) => flags(newRecords, root),
    target: (root) => join(root, 'out'),
    files: ['train.parquet', 'stats.json'],
    mayBeMissing: ['stats.json'],
    // Its first change is the new dataset's rename into place: kills there land while the
    // statistics are computed and written, with the statistics file missing (or stale, were the
    // old one not removed first).
    progressFile: 'train.parquet',
    plan: { staging: 10, progress: [1, 1, 1] },
  };
}

const scenarios: KillScenario[] = [selectScenario(), evalScenario(), formatScenario()];

let work = '';
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 's1-kill-during-write-'));
});
afterAll(async () => {
  await Promise.all(scenarios.map((scenario) => scenario.dispose?.()));
  await rm(work, { recursive: true, force: true });
});

describe('a SIGKILL during a write', () => {
  it.each(scenarios)(
    '$command leaves the old output set or the new one, never a mix, and the next run leaves no temporary file',
    async (scenario) => {
      const folder = join(work, scenario.command.replace(/\W+/g, '-'));
      await mkdir(folder, { recursive: true });
      await scenario.prepare(folder);

      // The old set, copied into the folder of each kill.
      const template = join(folder, 'template');
      await mkdir(template);
      const first = await runCli(scenario.oldArgs(template), stagedPaths(scenario, template));
      if (first.code !== 0) expect.fail(describeRun(scenario.oldArgs(template), first));
      const old = await readSet(scenario.target(template));

      // The new set, and how long a run and its write take, from an uninterrupted run.
      const referenceRoot = join(folder, 'reference');
      await cp(template, referenceRoot, { recursive: true });
      const target = scenario.target(referenceRoot);
      const reference = await runCli(
        scenario.newArgs(referenceRoot),
        stagedPaths(scenario, referenceRoot),
      );
      if (reference.code !== 0)
        expect.fail(describeRun(scenario.newArgs(referenceRoot), reference));
      const next = await readSet(target);
      expect(sameSet(old, next), 'the new set differs from the old one').toBe(false);
      expect(await temporaryEntries(referenceRoot)).toEqual([]);
      await scenario.afterCompletion?.(referenceRoot);
      const { stagingAtMs, writtenAtMs } = reference;
      if (stagingAtMs === undefined || writtenAtMs === undefined) {
        return expect.fail(
          `${scenario.command}: no staging entry of ${stagedPaths(scenario, referenceRoot).join(', ')} was seen`,
        );
      }
      const harness = new KillHarness(
        scenario,
        template,
        { old, next },
        { durationMs: reference.durationMs, windowMs: writtenAtMs - stagingAtMs },
      );
      harness.completed.add(await folderState(template));

      const plan = { ...defaultPlan, ...scenario.plan };
      const { singles, chains } = killsOf(plan);
      type Work = { chain: Kill[] } | { single: Kill };
      const works: Work[] = [
        ...chains.map((chain) => ({ chain })),
        ...singles.map((single) => ({ single })),
      ];
      await eachLimited(works, parallel, (item, slot) => {
        const root = join(folder, `kills-${slot}`);
        return 'chain' in item
          ? harness.chain(root, item.chain)
          : harness.single(root, item.single);
      });
      for (let extra = 0; extra < extraKills && harness.during === 0; extra++) {
        await harness.chain(join(folder, 'kills-extra'), [
          {
            index: plan.timed + plan.staging + plan.progress.length + extra,
            kind: 'staging',
            at: 0,
          },
        ]);
      }
      console.log(harness.summary());
      // Not vacuous: kills landed inside the write, and before it.
      expect(harness.during).toBeGreaterThan(0);
      expect(harness.counts.timed.before).toBeGreaterThan(0);
    },
  );
});
