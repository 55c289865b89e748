import { expect } from 'vitest';
import type { BackendV1, OpenSessionRequest, StepSession } from '../../spec/backend-v1';
import { segmentGenerator } from '../../stepping/segments-from-steps';
import type { Check, CheckContext } from './check';

/** Opens a session on the check's prompt, or skips a backend that does not step. */
export async function openOn(
  backend: BackendV1,
  { prompt, skip }: CheckContext,
  request: Omit<OpenSessionRequest, 'promptIds'> = {},
): Promise<{ session: StepSession; promptIds: readonly number[] }> {
  const open = backend.open;
  if (!backend.capabilities.stepping || open === undefined) return skip('needs stepping');
  const promptIds = await backend.tokenizer.encode(prompt);
  return { session: await open.call(backend, { promptIds, ...request }), promptIds };
}

/** Checks of token stepping: proposals, appends and suppression. */
export const steppingChecks: Record<string, Check> = {
  'should sample and append one token at a time like greedy segments': async (backend, context) => {
    const { session, promptIds } = await openOn(backend, context, {
      sampling: { temperature: 0 },
    });
    const stepped: number[] = [];
    try {
      for (let index = 0; index < 6; index++) {
        const id = await session.sample();
        await session.append([id]);
        stepped.push(id);
      }
    } finally {
      await session.close();
    }
    // A segment ends at EOS; the steps went on past it.
    const eos = new Set(backend.tokenizer.eosTokenIds);
    const end = stepped.findIndex((id) => eos.has(id));
    const comparable = end === -1 ? stepped : stepped.slice(0, end + 1);
    const segment = await segmentGenerator(backend)({
      prompt: { tokenIds: promptIds },
      maxTokens: 6,
      sampling: { temperature: 0 },
    });
    expect(segment.completionTokens).toBe(comparable.length);
    if (backend.capabilities.returnsTokenIds) expect(segment.tokenIds).toEqual(comparable);
    else
      expect(segment.text).toBe(backend.tokenizer.decode?.(stepped.slice(0, end === -1 ? 6 : end)));
  },

  'should never propose a suppressed token id, and only propose': async (backend, context) => {
    for (const sampling of [{ temperature: 0 }, { temperature: 1, seed: 3 }]) {
      const { session } = await openOn(backend, context, { sampling });
      try {
        // At several positions: the proposal without suppression comes back unless suppressed.
        for (let step = 0; step < 6; step++) {
          const proposed = await session.sample();
          const other = await session.sample({ suppress: [proposed] });
          expect(other).not.toBe(proposed);
          if (sampling.temperature === 0) expect(await session.sample()).toBe(proposed);
          await session.append([proposed]);
        }
      } finally {
        await session.close();
      }
    }
  },
};
