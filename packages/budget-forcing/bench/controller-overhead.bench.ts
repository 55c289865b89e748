/**
 * Controller overhead per generated token on the scripted backend, against the bare backend loop
 * (sample + append, nothing else) over the same model, measured in the same run.
 *
 *   npm run bench --workspace @s1/budget-forcing
 *
 * The model is the cyclic scripted model (it never ends thinking), so every generation spends
 * its whole thinking budget: the controller's work per token is all that differs.
 */
import { parseArgs } from 'node:util';
import { createBudgetForcing } from '../src/index';
import { createCyclicModel, createScriptedBackend } from '../src/testing/index';
import { qwen25Tokenizer } from '../test-utils/qwen25';

const { values } = parseArgs({
  options: {
    tokens: { type: 'string', default: '20000' },
    repeats: { type: 'string', default: '9' },
  },
});
const tokens = Number(values.tokens);
const repeats = Number(values.repeats);

const tokenizer = await qwen25Tokenizer();
const model = createCyclicModel(
  tokenizer.encode(' Let me think about this step by step, carefully.'),
);
const backend = createScriptedBackend({ model, tokenizer, variant: 'stepping' });
const prompt = '<|im_start|>user\nThink.<|im_end|>\n<|im_start|>assistant\n';
const promptIds = tokenizer.encode(`${prompt}<|im_start|>think`);
const { open } = backend;
if (open === undefined) throw new Error('the scripted backend steps');
const openSession = open.bind(backend);

async function bareLoop(): Promise<void> {
  const session = await openSession({ promptIds });
  for (let index = 0; index < tokens; index++) await session.append([await session.sample()]);
  await session.close();
}

const controller = createBudgetForcing({
  backend,
  thinking: { max: tokens },
  answer: { maxTokens: 1 },
});
async function controlled(): Promise<void> {
  const result = await controller.generate({ prompt });
  if (result.thinkingTokens !== tokens)
    throw new Error(`expected ${tokens} thinking tokens, got ${result.thinkingTokens}`);
}

async function streamed(): Promise<void> {
  for await (const event of controller.stream({ prompt })) if (event.type === 'done') return;
}

async function timePerToken(run: () => Promise<void>): Promise<number[]> {
  await run(); // warm-up
  const samples: number[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / tokens);
  }
  return samples;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

// Interleave the two so machine noise hits both alike.
const bare: number[] = [];
const withController: number[] = [];
const withStream: number[] = [];
for (let round = 0; round < 3; round++) {
  bare.push(...(await timePerToken(bareLoop)));
  withController.push(...(await timePerToken(controlled)));
  withStream.push(...(await timePerToken(streamed)));
}
const bareNs = median(bare);
const controllerNs = median(withController);
const streamNs = median(withStream);
console.log(
  `\n${tokens} thinking tokens per generation, ${bare.length} runs each, medians (Node ${process.version})\n`,
);
console.log('| loop | ns per token | vs bare loop |');
console.log('|---|---:|---:|');
console.log(`| bare backend loop (sample + append) | ${bareNs.toFixed(0)} | 1.00× |`);
console.log(
  `| controller.generate(), exact mode | ${controllerNs.toFixed(0)} | ${(controllerNs / bareNs).toFixed(2)}× |`,
);
console.log(
  `| controller.stream() (decodes every token) | ${streamNs.toFixed(0)} | ${(streamNs / bareNs).toFixed(2)}× |`,
);
console.log(
  `\ncontroller overhead: ${((controllerNs - bareNs) / 1000).toFixed(3)} µs per token (target: under 1 µs)`,
);
