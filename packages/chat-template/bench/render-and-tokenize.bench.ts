/**
 * Render + tokenize throughput for s1-length conversations (about 10,000 tokens each), against
 * tokenizing the same text without rendering, measured in the same run.
 *
 *   npm run bench --workspace @s1/chat-template -- [--conversations 1000] [--repeats 3]
 *
 * Conversations: a MATH-500 problem as the user turn, and as the assistant turn a thinking trace
 * stitched from MATH-500 solutions (seeded order) with the problem's answer. MATH-500 (the public
 * openai/prm800k test split, MIT) is the repository's copy in fixtures/eval-sets.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createSeededRandom } from '@s1/errors';
import { math500File } from '../../../tooling/eval-sets';
import {
  type ChatMessage,
  createChatTemplate,
  formatAssistantTurn,
  renderAndTokenize,
} from '../src/index';
import { qwen25Tokenizer } from '../test-utils/qwen25';

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '1000' },
    repeats: { type: 'string', default: '3' },
    'target-characters': { type: 'string', default: '23000' },
  },
});
const conversationCount = Number(values.conversations);
const repeats = Number(values.repeats);
const targetCharacters = Number(values['target-characters']);

const problems: { problem: string; solution: string; answer: string }[] = readFileSync(
  math500File,
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));

// A seeded order, so every run uses the same texts.
const random = createSeededRandom(20250131);
const nextIndex = () => Math.floor(random.uniform() * problems.length);

function conversation(index: number): { s1: ChatMessage[]; preformatted: ChatMessage[] } {
  const problem = problems[index % problems.length] as (typeof problems)[number];
  const pieces: string[] = [];
  let length = 0;
  while (length < targetCharacters) {
    const solution = (problems[nextIndex()] as (typeof problems)[number]).solution;
    pieces.push(solution);
    length += solution.length + 1;
  }
  const thinking = pieces.join('\n');
  const answer = `The answer is $\\boxed{${problem.answer}}$.`;
  const user: ChatMessage = { role: 'user', content: problem.problem };
  return {
    s1: [user, { role: 'assistant', content: answer, reasoning_content: thinking }],
    preformatted: [user, { role: 'assistant', content: formatAssistantTurn({ thinking, answer }) }],
  };
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function measure(run: () => number): { seconds: number; tokens: number } {
  const seconds: number[] = [];
  let tokens = 0;
  for (let repeat = 0; repeat < repeats; repeat++) {
    const start = process.hrtime.bigint();
    tokens = run();
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return { seconds: median(seconds), tokens };
}

const tokenizer = await qwen25Tokenizer();
const s1Template = createChatTemplate({ preset: 's1' });
const qwenTemplate = createChatTemplate({ preset: 'qwen2.5' });
const conversations = Array.from({ length: conversationCount }, (_, index) => conversation(index));
const texts = conversations.map((entry) => s1Template.render(entry.s1));

const baseline = measure(() =>
  texts.reduce((total, text) => total + tokenizer.encode(text).length, 0),
);
const rows = [
  { name: 'tokenize only (baseline)', ...baseline },
  {
    name: 'render + tokenize, s1 preset (generation blocks)',
    ...measure(() =>
      conversations.reduce(
        (total, entry) =>
          total +
          renderAndTokenize({ template: s1Template, tokenizer, messages: entry.s1 }).ids.length,
        0,
      ),
    ),
  },
  {
    name: 'render + tokenize, qwen2.5 preset (prefix renders)',
    ...measure(() =>
      conversations.reduce(
        (total, entry) =>
          total +
          renderAndTokenize({ template: qwenTemplate, tokenizer, messages: entry.preformatted }).ids
            .length,
        0,
      ),
    ),
  },
];

console.log(
  `\n${conversationCount} conversations, ${Math.round(baseline.tokens / conversationCount)} tokens each on average, median of ${repeats} runs (Node ${process.version})\n`,
);
console.log('| pipeline | tokens/s | seconds | time vs tokenize only |');
console.log('|---|---:|---:|---:|');
for (const row of rows) {
  const throughput = Math.round(baseline.tokens / row.seconds).toLocaleString('en-US');
  console.log(
    `| ${row.name} | ${throughput} | ${row.seconds.toFixed(2)} | ${(row.seconds / baseline.seconds).toFixed(2)}× |`,
  );
}
