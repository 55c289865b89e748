import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BackendV1, createBudgetForcing } from '@s1/budget-forcing';
import { createOnnxRuntimeBackend } from '@s1/budget-forcing/onnxruntime';
import { createTinyQwen2, writeModelFolder } from '@s1/model-io';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { question } from '../test-utils/served-models';
import { createBudgetForcingServer, type ListeningServer } from './create-budget-forcing-server';

let folder: string;
let backend: BackendV1;
let server: ListeningServer;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 's1-server-tiny-'));
  await writeModelFolder({
    folder,
    ...createTinyQwen2({ layers: 2, hidden: 64, heads: 4, kvHeads: 2, seed: 11 }),
  });
  backend = await createOnnxRuntimeBackend({ model: folder, threads: 1 });
  server = await createBudgetForcingServer({ backend, model: 'tiny' }).listen();
});
afterAll(async () => {
  await server?.close();
  await backend?.close?.();
  await rm(folder, { recursive: true, force: true });
});

// A random model never ends on its own: each budget ends its thinking, max_tokens its answer.
const controls = [
  { thinking_token_budget: 5, max_tokens: 6 },
  { thinking_token_budget: 12, min_thinking_tokens: 8, max_tokens: 4 },
  { thinking_token_budget: 9, num_ignore: 1, continuation: 'Hmm', max_tokens: 3 },
];

describe('s1 serve in front of a tiny ONNX Runtime model in this process', () => {
  it('should answer the openai client as the controller called directly does, whole and streamed', async () => {
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused' });
    for (const fields of controls) {
      const reference = await createBudgetForcing({
        backend,
        answer: { maxTokens: fields.max_tokens },
      }).generate({
        messages: question,
        thinking: {
          max: fields.thinking_token_budget,
          min: fields.min_thinking_tokens,
          ignoreEnd: fields.num_ignore,
          continuation: fields.continuation,
        },
      });
      const whole = await client.chat.completions.create({
        model: 'tiny',
        messages: question,
        ...fields,
      } as OpenAI.ChatCompletionCreateParamsNonStreaming);
      const message = whole.choices[0]?.message as unknown as Record<string, string>;
      expect({
        fields,
        thinking: message.reasoning_content,
        answer: message.content,
        thinkingTokens: whole.usage?.completion_tokens_details?.reasoning_tokens,
        finishReason: whole.choices[0]?.finish_reason,
      }).toEqual({
        fields,
        thinking: reference.thinking,
        answer: reference.answer,
        thinkingTokens: reference.thinkingTokens,
        finishReason: reference.finishReason,
      });

      const stream = await client.chat.completions.create({
        model: 'tiny',
        messages: question,
        stream: true,
        ...fields,
      } as OpenAI.ChatCompletionCreateParamsStreaming);
      let thinking = '';
      let answer = '';
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta as Record<string, string> | undefined;
        thinking += delta?.reasoning_content ?? '';
        answer += delta?.content ?? '';
      }
      expect({ fields, thinking, answer }).toEqual({
        fields,
        thinking: reference.thinking,
        answer: reference.answer,
      });
    }
  });
});
