import { expect } from 'vitest';
import { createBudgetForcing } from '../../controller/create-budget-forcing';
import type { BudgetForcingEvent } from '../../controller/result';
import { GenerationAbortedError } from '../../errors/abort-error';
import type { BackendV1 } from '../../spec/backend-v1';
import { type Check, turns } from './check';
import { watchBackend } from './watched-backend';

// The chat prompt without the thinking start, which the controller appends.
const chatPrompt = (prompt: string) => prompt.replace(/<\|im_start\|>think$/, '');

type Events = AsyncGenerator<BudgetForcingEvent, void, undefined>;

/** Ways out of a stream, each taken at the first event; `abort` fires the run's signal. */
const exits: Record<string, (events: Events, abort: () => void) => Promise<void>> = {
  'with break': async (events) => {
    for await (const _event of events) break;
  },
  'with return()': async (events) => {
    await events.next();
    await events.return();
  },
  'by its signal': async (events, abort) => {
    const reading = (async () => {
      for await (const _event of events) abort();
    })();
    await expect(reading).rejects.toThrow(GenerationAbortedError);
  },
};

function exitCheck(exit: (events: Events, abort: () => void) => Promise<void>): Check {
  return async (backend: BackendV1, { prompt, skip }) => {
    const { streaming, stepping } = backend.capabilities;
    if (!streaming && !stepping) skip('needs streaming or stepping, to see generation under way');
    const watched = watchBackend(backend);
    const signal = new AbortController();
    // More thinking than a few events: the run is under way when the first event comes.
    const events = createBudgetForcing({
      backend: watched.backend,
      thinking: { min: 48, max: 64 },
      answer: { maxTokens: 8 },
    }).stream({ prompt: chatPrompt(prompt), signal: signal.signal });
    await exit(events, () => signal.abort(new Error('cancelled')));

    const { activity } = watched;
    // The run was cut short while the model was at work…
    expect(activity.atAbort?.underWay).toBeGreaterThan(0);
    // …and by the time the loop was left nothing was running, every session was closed, and at
    // most the token being computed when the signal fired came after it.
    expect(activity).toMatchObject({ inFlight: 0, openSessions: 0 });
    expect(activity.tokens - (activity.atAbort?.tokens ?? 0)).toBeLessThanOrEqual(1);
    const { calls, tokens } = activity;
    await turns(20);
    expect(activity).toMatchObject({ calls, tokens });
  };
}

/** Checks of the backend under the budget-forcing controller. */
export const controllerChecks: Record<string, Check> = {
  'should hold a thinking budget under the budget-forcing controller': async (
    backend,
    { prompt },
  ) => {
    const result = await createBudgetForcing({
      backend,
      thinking: { max: 6 },
      answer: { maxTokens: 8 },
    }).generate({ prompt: chatPrompt(prompt) });
    expect(result.thinkingTokens - result.graceTokens).toBeLessThanOrEqual(6);
    expect(result.text.startsWith('<|im_start|>think')).toBe(true);
  },
  ...Object.fromEntries(
    Object.entries(exits).map(([how, exit]) => [
      `should stop the model when a controller stream is left ${how}`,
      exitCheck(exit),
    ]),
  ),
};
