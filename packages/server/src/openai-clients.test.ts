import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { ThinkingOptions } from '@s1/budget-forcing';
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { direct, question, servedModels } from '../test-utils/served-models';

const { backends, listen } = servedModels();

// Request fields as clients send them, and the controller's thinking options they stand for.
const controls: [Record<string, unknown>, ThinkingOptions][] = [
  [{}, {}],
  [{ thinking_token_budget: 5 }, { max: 5 }],
  [
    { thinking_token_budget: 40, num_ignore: 1 },
    { max: 40, ignoreEnd: 1 },
  ],
  [
    { thinking_token_budget: 60, min_thinking_tokens: 30 },
    { max: 60, min: 30 },
  ],
  [{ thinking: { type: 'enabled', budget_tokens: 7 } }, { max: 7 }],
  [{ thinking: { type: 'disabled' } }, { max: 0 }],
  [{ reasoning_effort: 'low' }, { max: 1024 }],
  [
    { thinking_token_budget: 50, num_ignore: 2, continuation: ['Hmm', 'Wait'] },
    { max: 50, ignoreEnd: 2, continuation: ['Hmm', 'Wait'] },
  ],
  [
    { thinking_token_budget: 6, final_answer_prefix: 'So:' },
    { max: 6, onBudget: 'So:' },
  ],
];

describe.each(Object.entries(backends))('s1 serve in front of an %s model', (_, createBackend) => {
  it('should give the openai client the thinking, answer and token counts of the controller called directly, whole and streamed', async () => {
    const backend = await createBackend();
    const { url } = await listen(backend);
    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused' });
    for (const [fields, thinking] of controls) {
      const reference = await direct(backend, thinking);
      const label = JSON.stringify(fields);
      const whole = await client.chat.completions.create({
        model: 's1',
        messages: question,
        ...fields,
      } as OpenAI.ChatCompletionCreateParamsNonStreaming);
      const message = whole.choices[0]?.message as unknown as Record<string, unknown>;
      expect({ label, message, usage: whole.usage?.completion_tokens_details }).toEqual({
        label,
        message: {
          role: 'assistant',
          content: reference.answer,
          reasoning: reference.thinking,
          reasoning_content: reference.thinking,
        },
        usage: { reasoning_tokens: reference.thinkingTokens },
      });
      expect((whole as unknown as { s1: unknown }).s1).toMatchObject({
        thinking_tokens: reference.thinkingTokens,
        answer_tokens: reference.answerTokens,
        rounds: reference.rounds,
        hit_budget: reference.hitBudget,
      });

      const stream = await client.chat.completions.create({
        model: 's1',
        messages: question,
        stream: true,
        stream_options: { include_usage: true },
        ...fields,
      } as OpenAI.ChatCompletionCreateParamsStreaming);
      let reasoning = '';
      let content = '';
      let finishReason: string | null | undefined;
      let reasoningTokens: number | undefined;
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta as Record<string, string> | undefined;
        reasoning += delta?.reasoning_content ?? '';
        content += delta?.content ?? '';
        finishReason ??= chunk.choices[0]?.finish_reason;
        reasoningTokens ??= chunk.usage?.completion_tokens_details?.reasoning_tokens;
      }
      expect({ label, reasoning, content, finishReason, reasoningTokens }).toEqual({
        label,
        reasoning: reference.thinking,
        content: reference.answer,
        finishReason: reference.finishReason,
        reasoningTokens: reference.thinkingTokens,
      });
    }
  });

  it("should give the AI SDK's OpenAI-compatible provider the controller's reasoning and answer", async () => {
    const backend = await createBackend();
    const { url } = await listen(backend);
    const provider = createOpenAICompatible({ name: 's1', baseURL: `${url}/v1` });
    const reference = await direct(backend, { max: 40, ignoreEnd: 1 });
    const providerOptions = { s1: { thinking_token_budget: 40, num_ignore: 1 } };
    const generated = await generateText({
      model: provider('s1'),
      messages: question,
      providerOptions,
    });
    expect({ reasoning: generated.reasoningText, text: generated.text }).toEqual({
      reasoning: reference.thinking,
      text: reference.answer,
    });
    const streamed = streamText({ model: provider('s1'), messages: question, providerOptions });
    expect({ reasoning: await streamed.reasoningText, text: await streamed.text }).toEqual({
      reasoning: reference.thinking,
      text: reference.answer,
    });
  });
});
