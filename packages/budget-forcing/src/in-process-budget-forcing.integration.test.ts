import { describe, expect, it } from 'vitest';
import { tinyThinkingModelFolder } from '../test-utils/tiny-models';
import { createBudgetForcing } from './controller/create-budget-forcing';
import type { BudgetForcingEvent } from './controller/result';
import { createLlamaCppBackend } from './llama-cpp/create-llama-cpp-backend';
import { createOnnxRuntimeBackend } from './onnxruntime/create-onnxruntime-backend';
import type { SteppingBackend } from './stepping/create-stepping-backend';
import { createTransformersBackend } from './transformers/create-transformers-backend';

const model = await tinyThinkingModelFolder();

const backends: [string, () => Promise<SteppingBackend>][] = [
  ['ONNX Runtime', () => createOnnxRuntimeBackend({ model: model.folder })],
  ['transformers.js', () => createTransformersBackend({ model: model.folder })],
  [
    'llama.cpp',
    // One thread: llama.cpp's threads spin-wait for each other, which a loaded machine punishes.
    () =>
      createLlamaCppBackend({
        model: model.gguf,
        kvCacheType: 'F32',
        contextSize: 256,
        threads: 1,
      }),
  ],
];

describe.each(backends)('budget forcing in process on %s', (_name, create) => {
  it('should hold [min, max], inject continuations at the exact token and force the end at max over 100 prompts', async () => {
    const backend = await create();
    let budgetHits = 0;
    let injected = 0;
    try {
      for (let index = 0; index < 100; index++) {
        const thinking = { min: 5 + (index % 10), max: 15 + (index % 20), ignoreEnd: index % 3 };
        const events: BudgetForcingEvent[] = [];
        const controller = createBudgetForcing({ backend, thinking, answer: { maxTokens: 4 } });
        for await (const event of controller.stream({
          prompt: `<|im_start|>user\nq${index} x${index * 7}<|im_end|>\n<|im_start|>assistant\n`,
        })) {
          events.push(event);
        }
        const done = events.at(-1);
        if (done?.type !== 'done') throw new Error('the stream must end with done');
        const { result } = done;
        expect(result.thinkingTokens).toBeGreaterThanOrEqual(thinking.min);
        expect(result.thinkingTokens - result.graceTokens).toBeLessThanOrEqual(thinking.max);
        expect(result.graceTokens).toBeLessThanOrEqual(3);
        if (result.hitBudget) {
          budgetHits++;
          expect(result.thinkingTokens - result.graceTokens).toBe(thinking.max);
        }
        // Every suppressed end became exactly one continuation, and no end token reached the thinking.
        const continuations = events.filter((event) => event.type === 'continuation');
        expect(continuations).toHaveLength(result.ignoredEnds);
        // Thinking that ended by itself did so only after every requested end was ignored.
        if (!result.hitBudget)
          expect(result.ignoredEnds).toBeGreaterThanOrEqual(thinking.ignoreEnd);
        expect(result.thinking).not.toContain('<|im_start|>');
        injected += result.ignoredEnds;
      }
    } finally {
      await backend.close();
    }
    // The sweep exercised both mechanisms.
    expect(budgetHits).toBeGreaterThan(10);
    expect(injected).toBeGreaterThan(50);
  });
});
