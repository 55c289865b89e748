import type { Tokenizer } from '@s1/chat-template';
import { beforeAll, describe, expect, it } from 'vitest';
import { loopbackServers } from '../../test-utils/loopback-servers';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { createBudgetForcing } from '../controller/create-budget-forcing';
import type { BudgetForcingRequest } from '../controller/options';
import { GenerationAbortedError } from '../errors/abort-error';
import { createCyclicModel } from '../testing/index';
import { turns } from '../testing/vitest/check';
import { createOpenAICompatibleBackend } from './create-openai-compatible-backend';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await qwen25Tokenizer();
});
const startServer = loopbackServers();
const prompt = '<|im_start|>user\nCount.<|im_end|>\n<|im_start|>assistant\n';
const budget = 2000;

type Run = (
  controller: ReturnType<typeof createBudgetForcing>,
  request: BudgetForcingRequest,
  abort: () => void,
  generated: () => number,
) => Promise<void>;

/** Each way out of a run, taken once the server is generating. */
const exits: [string, Run][] = [
  [
    'break out of the stream',
    async (controller, request) => {
      for await (const _event of controller.stream(request)) break;
    },
  ],
  [
    "call the stream's return()",
    async (controller, request) => {
      const events = controller.stream(request);
      await events.next();
      await events.return();
    },
  ],
  [
    "fire the stream's signal",
    async (controller, request, abort) => {
      const read = async () => {
        for await (const _event of controller.stream(request)) abort();
      };
      await expect(read()).rejects.toThrow(GenerationAbortedError);
    },
  ],
  [
    "fire generate()'s signal",
    async (controller, request, abort, generated) => {
      const run = controller.generate(request);
      while (generated() < 3) await turns(1);
      abort();
      await expect(run).rejects.toThrow(GenerationAbortedError);
    },
  ],
];

describe('leaving a run on the OpenAI-compatible backend', () => {
  it.each(exits)(
    'should abort the request, so the server stops generating, when you %s',
    async (_exit, run) => {
      // A model that never ends thinking: only the budget, or the exit, stops it.
      const server = await startServer(undefined, {
        model: createCyclicModel(tokenizer.encode(' one two three')),
      });
      const backend = createOpenAICompatibleBackend({
        baseURL: server.baseURL,
        model: 's1',
        tokenizer,
      });
      const completion = () =>
        server.requests.find((request) => request.path === '/v1/completions');
      const signal = new AbortController();
      await run(
        createBudgetForcing({ backend, thinking: { max: budget } }),
        { prompt, signal: signal.signal },
        () => signal.abort(new Error('cancelled')),
        () => completion()?.generatedTokens ?? 0,
      );
      await server.idle();
      const request = completion();
      expect(request?.aborted).toBe(true);
      // Stopped a few tokens after the exit, far from the budget…
      const generated = request?.generatedTokens ?? budget;
      expect(generated).toBeLessThan(budget / 10);
      // …and for good.
      await turns(20);
      expect(completion()?.generatedTokens).toBe(generated);
      expect(server.requests.filter((entry) => entry.path === '/v1/completions')).toHaveLength(1);
    },
  );
});
