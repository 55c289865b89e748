import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOpenAICompatibleBackend } from '@s1/budget-forcing/openai';
import { InvalidArgumentError } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { difficultyServers } from '../../test-utils/difficulty-servers';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { createCallCache } from '../cache/create-call-cache';
import { createBackendSolver } from './create-backend-solver';

const servers = difficultyServers();

describe('createBackendSolver', () => {
  it('should send the s1 solving prompt with temperature 0.05 and up to 32768 tokens, within the context, and return the attempt', async () => {
    const { qwen7b } = await servers();
    const tokenizer = await qwen25Tokenizer();
    const backend = createOpenAICompatibleBackend({
      baseURL: qwen7b.baseURL,
      model: 'qwen7b',
      tokenizer,
    });
    const solve = createBackendSolver({ backend });
    expect(await solve('What is 17 x 3?')).toBe(
      'Let me work it out step by step.\nThe answer is 51.',
    );
    const prompt =
      '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n' +
      '<|im_start|>user\nWhat is 17 x 3?<|im_end|>\n<|im_start|>assistant\n';
    const [request] = qwen7b.completions();
    // The server holds 32768 tokens, so the s1 value is cut to what the prompt leaves, as vLLM offline cuts it.
    expect(request?.body).toMatchObject({
      model: 'qwen7b',
      prompt,
      temperature: 0.05,
      max_tokens: 32768 - tokenizer.encode(prompt).length,
    });
  });

  it('should read an attempt already made from the cache instead of calling the model', async () => {
    const { qwen32b } = await servers();
    const backend = createOpenAICompatibleBackend({
      baseURL: qwen32b.baseURL,
      model: 'qwen32b',
      tokenizer: await qwen25Tokenizer(),
    });
    const cache = createCallCache<string>(await mkdtemp(join(tmpdir(), 's1-solver-')));
    const first = await createBackendSolver({ backend, cache })('What is 12 squared?');
    const again = await createBackendSolver({ backend, cache })('What is 12 squared?');
    expect(again).toBe(first);
    expect(first).toContain('The answer is 144.');
    expect(qwen32b.completions()).toHaveLength(1);
    expect(cache.stats).toMatchObject({ hits: 1, writes: 1 });
  });

  it('should reject options out of range with a typed error', () => {
    const backend = createOpenAICompatibleBackend({ baseURL: 'http://127.0.0.1:9/v1', model: 'm' });
    expect(() => createBackendSolver({ backend, maxTokens: 0 })).toThrow(InvalidArgumentError);
  });
});
