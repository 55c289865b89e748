/**
 * What the server adds to a budget-forced chat completion, over calling the controller directly
 * on the same backend in the same process: (a) latency of one non-streamed request at a time,
 * median and p99, with the server's fetch handler without a socket and one raw /v1/completions
 * to the upstream beside them; (b) requests per second at 32 at once. The backend is
 * createOpenAICompatibleBackend over the loopback vLLM-compatible server (no faults) with a small
 * thinking budget, so the model's time is small and the server's share shows. Client, server,
 * backend and upstream share one process: the numbers are relative, not a server's capacity.
 * Medians over `--rounds`, after a warm-up.
 *
 *   npx tsx tooling/test-node.ts 22 npx tsx --conditions=@s1/source packages/server/bench/server-overhead.bench.ts
 *   … server-overhead.bench.ts --requests 100 --rounds 5 --concurrency 32
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { createBudgetForcing } from '@s1/budget-forcing';
import { createOpenAICompatibleBackend } from '@s1/budget-forcing/openai';
import { createThinkingScript, startVllmCompatibleServer } from '@s1/budget-forcing/testing';
import { createBudgetForcingServer } from '../src/index';
import { qwen25Tokenizer } from '../test-utils/qwen25';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '32' },
  },
});
const requests = Number(values.requests);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);

const budget = 16;
const answerMaxTokens = 64;
const question = [{ role: 'user', content: 'What is 17 × 3?' }];

const tokenizer = await qwen25Tokenizer();
const model = createThinkingScript({
  tokenizer,
  thoughts: ['\nFirst, 17 × 3 = 51.\n', ' Check: 50 + 1 = 51.\n'],
  answer: 'The answer is 51.',
});
const upstream = await startVllmCompatibleServer({ model, tokenizer });
const backend = createOpenAICompatibleBackend({
  baseURL: upstream.baseURL,
  model: 's1',
  tokenizer,
  server: 'openai',
});
const server = createBudgetForcingServer({ backend, answerMaxTokens, maxConcurrentRequests: 64 });
const listening = await server.listen({ port: 0 });
const controller = createBudgetForcing({ backend, answer: { maxTokens: answerMaxTokens } });

const chatBody = JSON.stringify({
  model: 's1',
  messages: question,
  thinking_token_budget: budget,
});
const post = (url: string, body: string) =>
  new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
const answerOf = async (response: Response) => {
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { choices: { message: { content: string } }[] };
  return body.choices[0]?.message.content;
};

const paths: [string, () => Promise<unknown>][] = [
  [
    'controller directly',
    async () =>
      (await controller.generate({ messages: question, thinking: { max: budget } })).answer,
  ],
  [
    'server.fetch, no socket',
    async () =>
      answerOf(await server.fetch(post(`${listening.url}/v1/chat/completions`, chatBody))),
  ],
  [
    'server over HTTP',
    async () => answerOf(await fetch(post(`${listening.url}/v1/chat/completions`, chatBody))),
  ],
  [
    'one raw /v1/completions upstream',
    async () => {
      const body = JSON.stringify({ model: 's1', prompt: 'Count.', max_tokens: 1 });
      const response = await fetch(post(`${upstream.baseURL}/completions`, body));
      if (response.status !== 200) throw new Error(`upstream HTTP ${response.status}`);
      return response.json();
    },
  ],
];

// Every path answers as the controller does before anything is timed.
const expected = await paths[0]?.[1]();
for (const [name, run] of paths.slice(1, 3)) {
  const answer = await run();
  if (answer !== expected) throw new Error(`${name} answered ${answer}, not ${expected}`);
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const quantile = (values: number[], q: number) =>
  sorted(values)[Math.min(values.length - 1, Math.floor(q * values.length))] as number;
const median = (values: number[]) => quantile(values, 0.5);

/** One round: `requests` calls of each path, one at a time, the paths interleaved. */
async function latencyRound(): Promise<number[][]> {
  const times = paths.map(() => [] as number[]);
  for (let index = 0; index < requests; index++) {
    for (let offset = 0; offset < paths.length; offset++) {
      // A different path goes first each time, so none always follows the same one.
      const which = (index + offset) % paths.length;
      const started = performance.now();
      await paths[which]?.[1]();
      times[which]?.push(performance.now() - started);
    }
  }
  return times;
}

/** Requests per second of `count` calls, `concurrency` at a time. */
async function throughput(run: () => Promise<unknown>, count: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) await run();
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

await latencyRound();
const medians = paths.map(() => [] as number[]);
const p99s = paths.map(() => [] as number[]);
for (let round = 0; round < rounds; round++) {
  const times = await latencyRound();
  times.forEach((samples, which) => {
    medians[which]?.push(median(samples));
    p99s[which]?.push(quantile(samples, 0.99));
  });
}

const loaded = paths.filter(
  ([name]) => name === 'controller directly' || name === 'server over HTTP',
);
const perRound = concurrency * 10;
for (const [, run] of loaded) await throughput(run, perRound);
const rates = loaded.map(() => [] as number[]);
for (let round = 0; round < rounds; round++) {
  for (const [which, [, run]] of loaded.entries())
    rates[which]?.push(await throughput(run, perRound));
}

const cell = (value: number) => value.toFixed(2);
const ratio = (value: number) => `${value.toFixed(2)}×`;
const directMedian = median(medians[0] ?? []);
const directP99 = median(p99s[0] ?? []);
console.log(
  `\nNode ${process.version}, ${availableParallelism()} CPUs; thinking budget ${budget}, ${requests} requests per path per round, medians of ${rounds} rounds\n`,
);
console.log('(a) latency of one non-streamed chat completion at a time\n');
console.log('| path | median ms | p99 ms | median / direct | p99 / direct |');
console.log('|---|---:|---:|---:|---:|');
for (const [which, [name]] of paths.entries()) {
  const pathMedian = median(medians[which] ?? []);
  const pathP99 = median(p99s[which] ?? []);
  console.log(
    `| ${name} | ${cell(pathMedian)} | ${cell(pathP99)} | ${ratio(pathMedian / directMedian)} | ${ratio(pathP99 / directP99)} |`,
  );
}
const overHttp = paths.findIndex(([name]) => name === 'server over HTTP');
console.log(
  `\nAdded by the server over HTTP: ${cell(median(medians[overHttp] ?? []) - directMedian)} ms at the median.\n`,
);
console.log(`(b) throughput, ${concurrency} requests at once, ${perRound} per round\n`);
console.log('| path | requests/s | / direct |');
console.log('|---|---:|---:|');
const directRate = median(rates[0] ?? []);
for (const [which, [name]] of loaded.entries()) {
  const rate = median(rates[which] ?? []);
  console.log(`| ${name} | ${rate.toFixed(0)} | ${ratio(rate / directRate)} |`);
}

await listening.close();
await upstream.close();
