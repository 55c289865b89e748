import { type BackendV1, createBudgetForcing, type ThinkingOptions } from '@s1/budget-forcing';
import { createOpenAICompatibleBackend } from '@s1/budget-forcing/openai';
import {
  createScriptedBackend,
  createThinkingScript,
  startVllmCompatibleServer,
} from '@s1/budget-forcing/testing';
import type { Tokenizer } from '@s1/chat-template';
import { afterEach } from 'vitest';
import { type BudgetForcingServerOptions, createBudgetForcingServer } from '../src/index';
import { qwen25Tokenizer } from './qwen25';

/** What the model thinks about 17 × 3, round by round, before answering "The answer is 51." */
export const thoughts = ['\nFirst, 17 x 3 = 51.\n', ' Check: 50 + 1 = 51.\n', ' Sure.\n'];
export const question = [{ role: 'user' as const, content: 'What is 17 x 3?' }];

export const thinkingScript = (tokenizer: Tokenizer) =>
  createThinkingScript({ tokenizer, thoughts, answer: 'The answer is 51.' });

/**
 * The two places a served model runs: in this process (a stepping backend) and behind a
 * loopback vLLM-compatible server. Servers and upstreams a test starts close after it.
 */
export function servedModels() {
  const started: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });
  const backends = {
    'in-process': async (): Promise<BackendV1> => {
      const tokenizer = await qwen25Tokenizer();
      return createScriptedBackend({
        model: thinkingScript(tokenizer),
        tokenizer,
        variant: 'stepping',
      });
    },
    'vLLM-compatible upstream': async (): Promise<BackendV1> => {
      const tokenizer = await qwen25Tokenizer();
      const upstream = await startVllmCompatibleServer({
        model: thinkingScript(tokenizer),
        tokenizer,
      });
      started.push(upstream);
      return createOpenAICompatibleBackend({
        baseURL: upstream.baseURL,
        model: 's1',
        tokenizer,
        server: 'vllm',
      });
    },
  };
  return {
    backends,
    /** Starts `s1 serve`'s server over `backend` on a free loopback port. */
    async listen(backend: BackendV1, options: Partial<BudgetForcingServerOptions> = {}) {
      const server = await createBudgetForcingServer({ backend, model: 's1', ...options }).listen();
      started.push(server);
      return server;
    },
  };
}

/** The controller called directly, as the reference a server's answer must equal. */
export function direct(backend: BackendV1, thinking: ThinkingOptions) {
  return createBudgetForcing({ backend }).generate({ messages: question, thinking });
}
