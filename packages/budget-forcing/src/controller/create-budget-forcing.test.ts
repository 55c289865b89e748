import type { Tokenizer } from '@s1/chat-template';
import { InvalidArgumentError } from '@s1/errors';
import { beforeAll, describe, expect, it } from 'vitest';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { GenerationAbortedError } from '../errors/abort-error';
import { createScriptedBackend, createThinkingScript, type ScriptedModel } from '../testing/index';
import { createBudgetForcing } from './create-budget-forcing';
import type { BudgetForcingEvent } from './result';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await qwen25Tokenizer();
});

const prompt = '<|im_start|>user\nHow many r in raspberry?<|im_end|>\n<|im_start|>assistant\n';
const thoughts = [
  '\nSpelling it out: r-a-s-p-b-e-r-r-y.\n',
  ' Counting again: three.\n',
  ' Sure.\n',
];
const script = () => createThinkingScript({ tokenizer, thoughts, answer: '3' });
const stepping = () => createScriptedBackend({ model: script(), tokenizer, variant: 'stepping' });

// A model that writes `text` token by token after the last `<think>`, then `answer`.
function textModel(text: string, answer: string): ScriptedModel {
  const start = tokenizer.encode('<think>');
  const plan = tokenizer.encode(text);
  const answerIds = [...tokenizer.encode(answer), tokenizer.idOf('<|im_end|>')];
  return (context) => {
    let at = -1;
    for (let index = context.length - start.length; index >= 0 && at === -1; index--) {
      if (start.every((id, offset) => context[index + offset] === id)) at = index + start.length;
    }
    const region = context.slice(at);
    const written = tokenizer.decode(region);
    const closed = written.indexOf('</think>');
    if (closed === -1) return [plan[region.length] ?? answerIds[0] ?? 0];
    const afterClose = tokenizer.encode(written.slice(closed + '</think>'.length)).length;
    return [answerIds[Math.max(0, afterClose - 1)] ?? (answerIds.at(-1) as number)];
  };
}

describe('createBudgetForcing', () => {
  it('should use a list of continuations in turn', async () => {
    const result = await createBudgetForcing({
      backend: stepping(),
      thinking: { ignoreEnd: 2, continuation: ['Wait', 'Hmm'] },
    }).generate({ prompt });
    expect(result.thinking).toBe(
      `${thoughts[0]?.slice(1)}Wait${thoughts[1]}Hmm${thoughts[2]?.trimEnd()}`,
    );
  });

  it('should write forcedEndText before the end delimiter when the budget ends thinking', async () => {
    const result = await createBudgetForcing({
      backend: stepping(),
      thinking: {
        max: 5,
        forcedEndText: ' Considering the limited time, I answer now.',
        onBudget: '',
      },
    }).generate({ prompt });
    expect(result.text).toMatch(
      /^<\|im_start\|>think\nSpelling it out Considering the limited time, I answer now\.\n<\|im_start\|>answer\n3$/,
    );
    expect(result.thinkingTokens).toBe(5);
  });

  it('should let the model finish its word before the forced end with wordBoundary', async () => {
    const cut = await createBudgetForcing({ backend: stepping(), thinking: { max: 8 } }).generate({
      prompt,
    });
    const graced = await createBudgetForcing({
      backend: stepping(),
      thinking: { max: 8, wordBoundary: true },
    }).generate({
      prompt,
    });
    expect(cut.thinking).toBe('Spelling it out: r-a');
    expect(graced.thinking).toBe('Spelling it out: r-a-s-p-b-e-r-r-y');
    expect(graced.graceTokens).toBe(graced.thinkingTokens - 8);
  });

  it('should detect a multi-token end delimiter in think-tags format', async () => {
    const backend = createScriptedBackend({
      model: textModel('\nshort thought\n</think>\n\n', 'It is 3.'),
      tokenizer,
      variant: 'stepping',
    });
    const result = await createBudgetForcing({ backend, format: 'think-tags' }).generate({
      prompt,
    });
    expect(result).toMatchObject({
      thinking: 'short thought',
      answer: 'It is 3.',
      thinkingEnd: 'model',
      hitBudget: false,
    });
    expect(result.text).toBe('<think>\nshort thought\n</think>\n\nIt is 3.');
  });

  it('should refuse to suppress an end delimiter the tokenizer splits, and say why', async () => {
    const backend = createScriptedBackend({
      model: textModel('\nx\n</think>', 'y'),
      tokenizer,
      variant: 'stepping',
    });
    const attempt = createBudgetForcing({
      backend,
      format: 'think-tags',
      thinking: { ignoreEnd: 1 },
    }).generate({ prompt });
    await expect(attempt).rejects.toThrow(InvalidArgumentError);
    await expect(attempt).rejects.toThrow(/"<\/think>" to be one token, but the tokenizer makes 3/);
  });

  it('should stream events in order, adding up to the result', async () => {
    const events: BudgetForcingEvent[] = [];
    for await (const event of createBudgetForcing({
      backend: stepping(),
      thinking: { max: 14, ignoreEnd: 1 },
    }).stream({
      prompt,
    })) {
      events.push(event);
    }
    const types = events.map((event) => event.type);
    expect(types.indexOf('continuation')).toBeLessThan(types.indexOf('budget-exhausted'));
    expect(types.indexOf('budget-exhausted')).toBeLessThan(types.indexOf('answer-delta'));
    expect(types.at(-1)).toBe('done');
    const done = events.at(-1) as Extract<BudgetForcingEvent, { type: 'done' }>;
    const thinkingText = events.flatMap((event) =>
      event.type === 'thinking-delta' || event.type === 'continuation' ? [event.text] : [],
    );
    expect(`\n${done.result.thinking}`.startsWith(thinkingText.join(''))).toBe(true);
  });

  it('should apply per-request thinking overrides', async () => {
    const controller = createBudgetForcing({ backend: stepping(), thinking: { max: 100 } });
    const [long, short] = await Promise.all([
      controller.generate({ prompt }),
      controller.generate({ prompt, thinking: { max: 4 } }),
    ]);
    expect(long.hitBudget).toBe(false);
    expect(short).toMatchObject({ hitBudget: true, thinkingTokens: 4 });
  });

  it('should render messages with the s1 template', async () => {
    const backend = stepping();
    await createBudgetForcing({ backend }).generate({
      messages: [{ role: 'user', content: 'How many r in raspberry?' }],
    });
    const opened = backend.calls[0];
    expect(opened?.kind === 'open' && tokenizer.decode(opened.promptIds)).toBe(
      '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nHow many r in raspberry?<|im_end|>\n<|im_start|>assistant\n<|im_start|>think',
    );
  });

  it('should validate options and requests with the field named', async () => {
    expect(() => createBudgetForcing({ backend: {} as never })).toThrow(
      /backend must implement the backend spec v1/,
    );
    await expect(
      createBudgetForcing({ backend: stepping(), thinking: { min: 10, max: 5 } }).generate({
        prompt,
      }),
    ).rejects.toThrow(/min \(10\) is above the thinking budget \(5\)/);
    await expect(
      createBudgetForcing({ backend: stepping() }).generate({ prompt, thinking: { max: -1 } }),
    ).rejects.toThrow(/thinking\.max/);
    await expect(
      createBudgetForcing({ backend: stepping() }).generate({
        prompt,
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    ).rejects.toThrow(/a prompt \(text already templated\) or messages: one of the two/);
  });

  it('should stop at once for an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      createBudgetForcing({ backend: stepping() }).generate({ prompt, signal: controller.signal }),
    ).rejects.toThrow(GenerationAbortedError);
  });
});
