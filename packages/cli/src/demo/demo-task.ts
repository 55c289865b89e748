import { createSeededRandom } from '@s1/errors';

/** The demo's task kinds. */
export const demoKinds = ['max', 'min'] as const;
export type DemoKind = (typeof demoKinds)[number];

/** A problem of the demo's task, as a record of its pool: one line of `pool.jsonl`. */
export type DemoProblem = {
  id: string;
  kind: DemoKind;
  /** The kind and the length (`max of 4`): the domains selection samples uniformly. */
  domain: string;
  question: string;
  /** The running values, each after its digit's letter: `a3 b7 c7` for `Max a3 b7 c2`. */
  thinking: string;
  /** The training answer, boxed as s1's answers are. */
  answer: string;
  /** The gold answer, as the grader compares it. */
  gold: string;
};

const step: Record<DemoKind, (running: number, digit: number) => number> = {
  max: (running, digit) => Math.max(running, digit),
  min: (running, digit) => Math.min(running, digit),
};
const questionOf: Record<DemoKind, (digits: string) => string> = {
  max: (digits) => `Max ${digits}`,
  min: (digits) => `Min ${digits}`,
};

const labels = 'abcdefghij';
/** `a8 b4 c0`: each digit after the letter of its place, so a step finds its digit by the letter. */
export const labelled = (digits: readonly number[]) =>
  digits.map((digit, index) => `${labels[index]}${digit}`).join(' ');

/** The running values of a list: what a correct thinking trace writes, one per digit. */
export function runningValues(kind: DemoKind, digits: readonly number[]): number[] {
  let running = { max: -1, min: 10 }[kind];
  return digits.map((digit) => (running = step[kind](running, digit)));
}

/** The digits of a question, or undefined when it is not one of the demo's. */
export function questionDigits(question: string): { kind: DemoKind; digits: number[] } | undefined {
  const match = /^(Max|Min)((?: [a-j]\d)+)$/.exec(question);
  if (match === null) return undefined;
  return {
    kind: (match[1] as string).toLowerCase() as DemoKind,
    digits: (match[2] as string)
      .trim()
      .split(' ')
      .map((item) => Number(item.slice(1))),
  };
}

export interface DemoProblemOptions {
  /** Problems to make, all distinct. */
  count: number;
  /** Digits per list, the difficulty: a list of n digits takes n steps of thinking. */
  lengths: readonly number[];
  seed: number;
  /** Share of traces with one slipped step, as a noisy generator writes them. @default 0 */
  slips?: number | undefined;
  /** Questions not to make (another split's). */
  exclude?: ReadonlySet<string> | undefined;
}

/**
 * Problems whose answer needs one step per digit: the running maximum or minimum of a list of
 * digits, thought through value by value (`Max a3 b7 c2` → `a3 b7 c7`) and answered boxed. Kinds
 * alternate and lengths cycle, so every kind meets every difficulty; seeded, so a seed gives the
 * same problems on every machine.
 */
export function demoProblems(options: DemoProblemOptions): DemoProblem[] {
  const random = createSeededRandom(options.seed);
  const digit = () => Math.floor(random.uniform() * 10);
  const seen = new Set<string>();
  const problems: DemoProblem[] = [];
  // Short lists of one kind run out (there are only 100 of two digits): give up on a list after
  // many repeats rather than loop for ever.
  for (
    let attempt = 0;
    problems.length < options.count && attempt < options.count * 50;
    attempt++
  ) {
    const kind = demoKinds[problems.length % demoKinds.length] as DemoKind;
    const length = options.lengths[attempt % options.lengths.length] as number;
    const digits = Array.from({ length }, digit);
    const question = questionOf[kind](labelled(digits));
    if (seen.has(question) || options.exclude?.has(question)) continue;
    seen.add(question);
    const values = runningValues(kind, digits);
    const gold = String(values.at(-1));
    if (random.uniform() < (options.slips ?? 0)) {
      const slipped = Math.floor(random.uniform() * values.length);
      values[slipped] = ((values[slipped] as number) + 1 + Math.floor(random.uniform() * 9)) % 10;
    }
    problems.push({
      id: `${kind}-${problems.length}`,
      kind,
      domain: `${kind} of ${length}`,
      question,
      thinking: labelled(values),
      answer: `\\boxed{${values.at(-1)}}`,
      gold,
    });
  }
  return problems;
}
