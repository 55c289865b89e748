import { expect } from 'vitest';
import { GenerationAbortedError } from '../../errors/abort-error';
import type { Check } from './check';
import { generateOn } from './check';
import { openOn } from './stepping-checks';

/** Checks that a fired signal stops generation: before it starts, and under way. */
export const abortChecks: Record<string, Check> = {
  'should reject with GenerationAbortedError for an aborted signal': async (backend, context) => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(
      generateOn(backend, context.prompt, { signal: controller.signal }),
    ).rejects.toThrow(GenerationAbortedError);
    if (backend.capabilities.stepping) {
      await expect(openOn(backend, context, { signal: controller.signal })).rejects.toThrow(
        GenerationAbortedError,
      );
    }
  },

  'should stop a segment under way when its signal fires, with no delta after': async (
    backend,
    { prompt, skip },
  ) => {
    if (!backend.capabilities.streaming) skip('needs streaming, to see generation under way');
    const controller = new AbortController();
    let deltas = 0;
    const generation = generateOn(backend, prompt, {
      maxTokens: 64,
      signal: controller.signal,
      onDelta: () => {
        deltas++;
        controller.abort(new Error('enough'));
      },
    });
    await expect(generation).rejects.toThrow(GenerationAbortedError);
    expect(deltas).toBe(1);
  },

  'should refuse to sample or append once a session’s signal fires, and still close': async (
    backend,
    context,
  ) => {
    const controller = new AbortController();
    const { session } = await openOn(backend, context, {
      sampling: { temperature: 0 },
      signal: controller.signal,
    });
    try {
      const id = await session.sample();
      await session.append([id]);
      controller.abort(new Error('enough'));
      await expect(session.sample()).rejects.toThrow(GenerationAbortedError);
      await expect(session.append([id])).rejects.toThrow(GenerationAbortedError);
    } finally {
      await session.close();
    }
  },
};
