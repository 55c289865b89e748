import { splitReasoning } from '@s1/chat-template';
import { throwIfAborted } from '../errors/abort-error';
import type { ModeOutcome } from './mode-outcome';
import type { EmitEvent } from './result';
import { continuationAt, deltas, type RunContext } from './run-context';

// The README's MAX_TOKENS_THINKING, used when no thinking budget is given.
const readmeDefaultBudget = 32000;

/**
 * `readme` mode: the loop of the "vLLM with budget forcing" snippet in the s1 README
 * (github.com/simplescaling/s1). The prompt is text and grows by the
 * returned text; the remaining budget is decremented by each round's ids (the stop token
 * included, the continuation not); no end delimiter is forced, so the model writes it in the
 * final, uncapped call.
 */
export async function runReadme(context: RunContext, emit: EmitEvent): Promise<ModeOutcome> {
  const { format, thinking, tokenizer } = context;
  const budget = context.thinking.max === undefined ? readmeDefaultBudget : context.maxThinking;
  const [endTrigger] = await context.encode(format.endDetection);
  const thinkingStops = {
    tokenIds: [...(endTrigger === undefined ? [] : [endTrigger]), ...tokenizer.eosTokenIds],
  };
  let prompt = context.promptText + format.start;
  let generated = 0;
  let inserted = 0;
  let requests = 0;
  let ignoredEnds = 0;
  let hitBudget = false;

  const call = async (
    maxTokens: number,
    minTokens: number,
    stopTokenIds: readonly number[],
    phase: 'thinking' | 'answer',
  ) => {
    throwIfAborted(context.signal);
    const result = await context.generate({
      prompt: { text: prompt },
      maxTokens,
      minTokens,
      stop: { tokenIds: stopTokenIds },
      sampling: context.sampling,
      signal: context.signal,
      onDelta: deltas(context, emit, phase === 'thinking' ? 'thinking-delta' : 'answer-delta'),
    });
    requests++;
    generated += result.completionTokens;
    hitBudget ||= phase === 'thinking' && result.finishReason === 'length';
    return result;
  };

  let last = await call(budget, 0, thinkingStops.tokenIds, 'thinking');
  let remaining = budget;
  for (let round = 0; round < thinking.ignoreEnd; round++) {
    remaining -= last.tokenIds?.length ?? last.completionTokens;
    if (remaining > 0) {
      const continuation = continuationAt(thinking, round);
      prompt += last.text + continuation;
      inserted += (await context.encode(continuation)).length;
      ignoredEnds++;
      await emit({ type: 'continuation', text: continuation, thinkingTokens: budget - remaining });
      last = await call(remaining, 1, thinkingStops.tokenIds, 'thinking');
    }
  }
  prompt += last.text;
  const final = await call(context.answerMaxTokens, 0, tokenizer.eosTokenIds, 'answer');
  const text = prompt.slice(context.promptText.length) + final.text;
  const split = splitReasoning(text, format);
  return {
    text,
    thinkingTokens: (await context.encode(split.thinking)).length,
    graceTokens: 0,
    answerTokens: (await context.encode(split.answer)).length,
    rounds: ignoredEnds + 1,
    ignoredEnds,
    hitBudget,
    thinkingEnd: hitBudget ? 'budget' : 'model',
    finishReason: final.finishReason,
    usage: {
      promptTokens: context.promptIds.length + context.startIds.length,
      generatedTokens: generated,
      insertedTokens: inserted,
      requests,
    },
  };
}
