/**
 * Requests per budget-forced generation over HTTP, against the minimum a client-side loop needs
 * (one per thinking round, 1 + ignored ends, plus one for the answer), on a loopback server that
 * speaks vLLM's /v1/completions. Also the time per generation against one plain completion.
 *
 *   npm run bench --workspace @s1/budget-forcing
 */
import { createBudgetForcing } from '../src/index';
import { createOpenAICompatibleBackend } from '../src/openai/index';
import { segmentGenerator } from '../src/stepping/segments-from-steps';
import { createThinkingScript, startVllmCompatibleServer } from '../src/testing/index';
import { qwen25Tokenizer } from '../test-utils/qwen25';

const generations = 50;
const tokenizer = await qwen25Tokenizer();
const model = createThinkingScript({
  tokenizer,
  thoughts: [
    '\nFirst pass: 12 × 12 = 144.\n',
    ' Check: 144 / 12 = 12.\n',
    ' Fine.\n',
    ' Done.\n',
    ' Yes.\n',
    ' Sure.\n',
    ' Ok.\n',
  ],
  answer: 'The answer is 144.',
});
const server = await startVllmCompatibleServer({ model, tokenizer });
const backend = createOpenAICompatibleBackend({ baseURL: server.baseURL, model: 's1', tokenizer });
const prompt = '<|im_start|>user\nWhat is 12 × 12?<|im_end|>\n<|im_start|>assistant\n';

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[values.length >> 1] as number;
const plain = segmentGenerator(backend);
const plainMs: number[] = [];
for (let index = 0; index < generations; index++) {
  const start = performance.now();
  await plain({ prompt: { text: prompt }, maxTokens: 64, stop: { strings: ['<|im_end|>'] } });
  plainMs.push(performance.now() - start);
}

console.log(
  `\n${generations} generations per row, loopback vLLM-compatible server (Node ${process.version})\n`,
);
console.log(
  '| ignore ends | requests per generation | minimum | ratio | ms per generation (median) | vs one plain completion |',
);
console.log('|---:|---:|---:|---:|---:|---:|');
for (const ignoreEnd of [0, 1, 2, 4, 6]) {
  const controller = createBudgetForcing({ backend, thinking: { max: 'auto', ignoreEnd } });
  const before = server.completions().length;
  const times: number[] = [];
  for (let index = 0; index < generations; index++) {
    const start = performance.now();
    const result = await controller.generate({ prompt });
    times.push(performance.now() - start);
    if (result.ignoredEnds !== ignoreEnd)
      throw new Error(`expected ${ignoreEnd} ignored ends, got ${result.ignoredEnds}`);
  }
  const perGeneration = (server.completions().length - before) / generations;
  const minimum = 1 + ignoreEnd + 1;
  const ms = median(times);
  console.log(
    `| ${ignoreEnd} | ${perGeneration.toFixed(2)} | ${minimum} | ${(perGeneration / minimum).toFixed(2)} | ${ms.toFixed(2)} | ${(ms / median(plainMs)).toFixed(2)}× |`,
  );
}
await server.close();
