import type { Tokenizer } from '@s1/chat-template';
import { beforeAll, describe, expect, it } from 'vitest';
import { loopbackServers } from '../../test-utils/loopback-servers';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { createOpenAICompatibleBackend } from '../openai/create-openai-compatible-backend';
import type { BackendV1 } from '../spec/backend-v1';
import { createCyclicModel, createScriptedBackend } from '../testing/index';
import { turns } from '../testing/vitest/check';
import { watchBackend } from '../testing/vitest/watched-backend';
import { createBudgetForcing } from './create-budget-forcing';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await qwen25Tokenizer();
});
const startServer = loopbackServers();
const prompt = '<|im_start|>user\nCount.<|im_end|>\n<|im_start|>assistant\n';
// A model that never ends thinking: without a reader to wait for, a run would think to the budget.
const endless = () => createCyclicModel(tokenizer.encode(' one two three'));
const budget = 400;

const backends: [string, () => Promise<BackendV1>][] = [
  ['scripted stepping', async () => createScriptedBackend({ model: endless(), tokenizer })],
  [
    'scripted segments',
    async () => createScriptedBackend({ model: endless(), tokenizer, variant: 'segments' }),
  ],
  [
    'OpenAI-compatible over a loopback server',
    async () =>
      createOpenAICompatibleBackend({
        baseURL: (await startServer(undefined, { model: endless() })).baseURL,
        model: 's1',
        tokenizer,
      }),
  ],
];

describe.each(backends)('controller.stream() on %s', (_name, create) => {
  it('should hold the model back while the reader is behind, then finish when it reads on', async () => {
    const { backend, activity } = watchBackend(await create());
    const events = createBudgetForcing({
      backend,
      thinking: { max: budget },
      answer: { maxTokens: 4 },
    }).stream({ prompt });
    await events.next();
    // Turns in which an unheld producer would run through the whole budget.
    await turns(50);
    // 8 unread events, the one being handed over and the one read: a few tokens, not the budget.
    expect(activity.tokens).toBeLessThanOrEqual(12);
    let last: unknown;
    for await (const event of events) last = event;
    expect(last).toMatchObject({ type: 'done', result: { thinkingTokens: budget } });
    expect(activity.tokens).toBeGreaterThan(budget);
  }, 60_000);
});
