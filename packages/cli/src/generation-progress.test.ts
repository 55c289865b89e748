import { createBudgetForcing } from '@s1/budget-forcing';
import { createCyclicModel, createScriptedBackend } from '@s1/budget-forcing/testing';
import { loadTokenizer } from '@s1/chat-template';
import { describe, expect, it } from 'vitest';
import { bundledTokenizerFolder } from './bundled-tokenizer';
import type { CliIO } from './cli-io';
import { watchGeneration } from './generation-progress';

const prompt = '<|im_start|>user\nCount.<|im_end|>\n<|im_start|>assistant\n';

function capturingIO(terminal: boolean): CliIO & { written: string[] } {
  const written: string[] = [];
  return {
    written,
    stdout: { write: () => true },
    stderr: { write: (text: string) => written.push(text), isTTY: terminal } as CliIO['stderr'],
    stdin: undefined,
    color: false,
    env: {},
  };
}

// A backend that takes a few milliseconds per token, as a real model does.
async function slowBackend(variant: 'stepping' | 'segments') {
  const tokenizer = await loadTokenizer(bundledTokenizerFolder());
  const backend = createScriptedBackend({
    model: createCyclicModel(tokenizer.encode(' one two three')),
    tokenizer,
    variant,
  });
  const delay = () => new Promise((resolve) => setTimeout(resolve, 2));
  const open = backend.open?.bind(backend);
  const generate = backend.generate?.bind(backend);
  return {
    ...backend,
    open:
      open &&
      (async (request: Parameters<typeof open>[0]) => {
        const session = await open(request);
        return {
          ...session,
          sample: async (options?: { suppress?: readonly number[] | undefined }) => {
            await delay();
            return session.sample(options);
          },
        };
      }),
    generate:
      generate &&
      (async (request: Parameters<typeof generate>[0]) => {
        await new Promise((resolve) => setTimeout(resolve, 2 * request.maxTokens));
        return generate(request);
      }),
  };
}

describe('watchGeneration', () => {
  it.each([
    ['stepping', /^generating: \d+ tokens · \d+ tokens\/s · \d+ s\n$/],
    ['segments', /^generating: \d+ tokens · \d+ tokens\/s · \d+ s · request \d+ running\n$/],
  ] as const)(
    'should report the tokens of a long generation on a %s backend, a line at a time off a terminal',
    async (variant, line) => {
      const io = capturingIO(false);
      const progress = await watchGeneration(await slowBackend(variant), io, {
        quietMs: 0,
        intervalMs: 20,
      });
      const result = await createBudgetForcing({
        backend: progress.backend,
        thinking: { max: 40 },
        answer: { maxTokens: 20 },
      }).generate({ prompt });
      progress.stop();
      expect(result.thinkingTokens).toBe(40);
      expect(io.written.length).toBeGreaterThan(1);
      for (const written of io.written) expect(written).toMatch(line);
      const counts = io.written.map((written) => Number(/(\d+) tokens/.exec(written)?.[1]));
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      expect(counts.at(-1)).toBeLessThanOrEqual(60);
    },
  );

  it('should rewrite one status line on a terminal and clear it at the end', async () => {
    const io = capturingIO(true);
    const progress = await watchGeneration(await slowBackend('stepping'), io, {
      quietMs: 0,
      intervalMs: 20,
    });
    await createBudgetForcing({
      backend: progress.backend,
      thinking: { max: 30 },
      answer: { maxTokens: 10 },
    }).generate({ prompt });
    progress.stop();
    const clearLine = '\r\u001b[2K';
    expect(io.written[0]?.startsWith(`${clearLine}generating: `)).toBe(true);
    expect(io.written.at(-1)).toBe(clearLine);
  });

  it('should stay silent for a generation shorter than its quiet time', async () => {
    const io = capturingIO(false);
    const progress = await watchGeneration(await slowBackend('stepping'), io, {
      quietMs: 60_000,
      intervalMs: 5,
    });
    await createBudgetForcing({
      backend: progress.backend,
      thinking: { max: 10 },
      answer: { maxTokens: 10 },
    }).generate({ prompt });
    progress.stop();
    expect(io.written).toEqual([]);
  });
});
