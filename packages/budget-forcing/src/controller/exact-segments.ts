import { throwIfAborted } from '../errors/abort-error';
import type { Prompt, SegmentResult } from '../spec/backend-v1';
import type { ModeOutcome } from './mode-outcome';
import type { EmitEvent } from './result';
import { continuationAt, deltas, forcedEnd, type RunContext, warnOnceAbout } from './run-context';

/**
 * `exact` mode on a segment-only backend (an HTTP server): one request per thinking round, each
 * with the remaining budget, then one for the answer. The prefix is re-sent as token ids where
 * the server accepts them, so nothing is re-tokenized. Stops on the end-detection token id where
 * the server supports stop token ids, else on its text.
 */
export async function runExactSegments(context: RunContext, emit: EmitEvent): Promise<ModeOutcome> {
  const { backend, format, thinking, maxThinking } = context;
  const capabilities = backend.capabilities;
  const endDetectionIds = await context.encode(format.endDetection);
  const endTrigger = endDetectionIds.length === 1 ? endDetectionIds[0] : undefined;
  const stop =
    capabilities.stopTokenIds && endTrigger !== undefined
      ? { tokenIds: [endTrigger] }
      : { strings: [format.endDetection] };

  const useIds = capabilities.promptTokenIds;
  const prefix = {
    ids: [...context.promptIds, ...context.startIds],
    text: context.promptText + format.start,
  };
  const extend = async (text: string, ids?: readonly number[]) => {
    prefix.text += text;
    if (useIds) prefix.ids.push(...(ids ?? (await context.encode(text))));
  };
  const prompt = (): Prompt => (useIds ? { tokenIds: prefix.ids } : { text: prefix.text });

  let thinkingText = '';
  let thinkingTokens = 0;
  let generated = 0;
  let inserted = 0;
  let requests = 0;
  let ignoredEnds = 0;
  let mayNotEnd = false;
  // Set when a continuation no longer fits: the rest of the budget is one request with stops suppressed.
  let fillToBudget = false;
  let thinkingEnd: ModeOutcome['thinkingEnd'] = 'budget';

  for (;;) {
    throwIfAborted(context.signal);
    const remaining = maxThinking - thinkingTokens;
    if (remaining <= 0) break;
    if (mayNotEnd && !capabilities.minTokens) warnOnce(context, 'minTokens');
    const result = await context.generate({
      prompt: prompt(),
      maxTokens: remaining,
      minTokens: fillToBudget ? remaining : mayNotEnd && capabilities.minTokens ? 1 : undefined,
      stop,
      sampling: context.sampling,
      signal: context.signal,
      onDelta: deltas(context, emit, 'thinking-delta'),
    });
    requests++;
    generated += result.completionTokens;
    mayNotEnd = false;
    const ids = withoutStopToken(result, endTrigger, context.tokenizer.eosTokenIds);
    // Servers count the stop token; a server that generated nothing must not count −1.
    const count =
      ids?.length ??
      Math.max(0, result.completionTokens - (result.finishReason === 'stop' ? 1 : 0));
    thinkingText += result.text;
    thinkingTokens += count;
    await extend(result.text, ids);
    if (result.finishReason === 'length') break;

    const endedOnEos = result.stopReason === undefined;
    if (thinkingTokens < thinking.min || ignoredEnds < thinking.ignoreEnd) {
      const continuation = continuationAt(thinking, ignoredEnds);
      const continuationIds = await context.encode(continuation);
      if (thinkingTokens + continuationIds.length > maxThinking) {
        if (!capabilities.minTokens) break;
        fillToBudget = true;
        continue;
      }
      // Without min_tokens an empty continuation cannot move a model that keeps ending.
      if (continuation === '' && !capabilities.minTokens && count === 0) {
        thinkingEnd = endedOnEos ? 'eos' : 'model';
        break;
      }
      thinkingText += continuation;
      thinkingTokens += continuationIds.length;
      inserted += continuationIds.length;
      await extend(continuation, continuationIds);
      ignoredEnds++;
      mayNotEnd = true;
      await emit({ type: 'continuation', text: continuation, thinkingTokens });
      continue;
    }
    thinkingEnd = endedOnEos ? 'eos' : 'model';
    break;
  }

  let forcedText = format.end;
  if (thinkingEnd === 'budget') {
    if (thinking.maxGraceTokens > 0) warnOnce(context, 'wordBoundary');
    const body = thinkingText + thinking.forcedEndText;
    forcedText = `${thinking.forcedEndText}${body.endsWith('\n') ? '' : '\n'}${forcedEnd(format, thinking.onBudget)}`;
    await emit({ type: 'budget-exhausted', thinkingTokens, forcedText });
  }
  const forcedIds = await context.encode(forcedText);
  inserted += forcedIds.length;
  await extend(forcedText, forcedIds);

  const answer = await context.generate({
    prompt: prompt(),
    maxTokens: context.answerMaxTokens,
    stop: context.answerStop.length > 0 ? { strings: context.answerStop } : undefined,
    sampling: context.sampling,
    signal: context.signal,
    onDelta: deltas(context, emit, 'answer-delta'),
  });
  requests++;
  generated += answer.completionTokens;
  const answerEndedOnToken =
    answer.finishReason === 'stop' && typeof answer.stopReason !== 'string';
  return {
    text: format.start + thinkingText + forcedText + answer.text,
    thinkingTokens,
    graceTokens: 0,
    answerTokens: Math.max(0, answer.completionTokens - (answerEndedOnToken ? 1 : 0)),
    rounds: ignoredEnds + 1,
    ignoredEnds,
    hitBudget: thinkingEnd === 'budget',
    thinkingEnd,
    finishReason: answer.finishReason,
    usage: {
      promptTokens: context.promptIds.length + context.startIds.length,
      generatedTokens: generated,
      insertedTokens: inserted,
      requests,
    },
  };
}

/** The segment's ids without the stop token that ended it (vLLM keeps it in the ids). */
function withoutStopToken(
  result: SegmentResult,
  endTrigger: number | undefined,
  eosTokenIds: readonly number[],
): number[] | undefined {
  const ids = result.tokenIds;
  if (ids === undefined) return undefined;
  const last = ids[ids.length - 1];
  const endedOnToken =
    result.finishReason === 'stop' &&
    last !== undefined &&
    (last === endTrigger || eosTokenIds.includes(last));
  return endedOnToken ? ids.slice(0, -1) : ids;
}

const warningDetails: Record<string, string> = {
  minTokens:
    'the backend cannot keep the model from ending thinking right after a continuation (no min_tokens); it may end again at once',
  wordBoundary:
    'finishing the current word needs token stepping; the budget cut at the exact token',
};

function warnOnce(context: RunContext, feature: string) {
  warnOnceAbout(context.warnings, {
    type: 'unsupported',
    feature,
    details: warningDetails[feature] ?? feature,
  });
}
