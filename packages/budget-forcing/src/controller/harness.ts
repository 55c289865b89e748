import { InvalidArgumentError } from '@s1/errors';
import { throwIfAborted } from '../errors/abort-error';
import { BackendError } from '../errors/backend-error';
import type { SegmentRequest } from '../spec/backend-v1';
import type { ModeOutcome } from './mode-outcome';
import type { EmitEvent } from './result';
import {
  continuationAt,
  deltas,
  eosText as eosTextOf,
  forcedEnd,
  type RunContext,
} from './run-context';

/**
 * `harness` mode: the s1 evaluation harness (`VLLM._model_generate` in
 * `eval/lm-evaluation-harness/lm_eval/models/vllm_causallms.py` of github.com/simplescaling/s1) for
 * one prompt, bit for bit: every round may spend the full budget, the continuation is appended with
 * no space, ids (not text) are cut to the budget at the end, and `"\n" + end + "\nFinal Answer:"`
 * is appended only when the budget was hit.
 */
export async function runHarness(context: RunContext, emit: EmitEvent): Promise<ModeOutcome> {
  const { backend, format, thinking, maxThinking, tokenizer } = context;
  if (!backend.capabilities.promptTokenIds && backend.capabilities.stepping === false) {
    throw new BackendError({
      provider: backend.provider,
      message:
        'harness mode re-sends prompts as token ids, which this backend does not accept; use mode "exact"',
    });
  }
  const eosText = eosTextOf(context);
  // untilThinking = [until_thinking, ...task stop list (the EOS text)]
  const untilThinking = [format.endDetection, eosText];
  const untilIds = await Promise.all(untilThinking.map((text) => context.encode(text)));
  const [endIds, endMaxIds, newlineIds] = await Promise.all([
    context.encode(format.end),
    context.encode(forcedEnd(format, thinking.onBudget)),
    context.encode('\n'),
  ]);
  const usesTokenStops = thinking.ignoreEnd > 0 || thinking.min > 0;
  if (usesTokenStops && untilIds.some((ids) => ids.length !== 1)) {
    throw new InvalidArgumentError({
      argument: 'thinking options',
      issues: [
        {
          path: 'ignoreEnd',
          message: `the harness needs every thinking stop (${untilThinking.join(', ')}) to be one token`,
        },
      ],
    });
  }
  const thinkingRequest: Omit<SegmentRequest, 'prompt'> = {
    maxTokens: maxThinking,
    minTokens: usesTokenStops ? (thinking.min > 0 ? thinking.min : 1) : undefined,
    stop: usesTokenStops
      ? { tokenIds: untilIds.map((ids) => ids[0] as number) }
      : { strings: untilThinking },
    sampling: context.sampling,
    signal: context.signal,
  };
  // "if the generated ids end with one of the untilTok sequences, remove it"
  const withoutStop = (ids: readonly number[]) => {
    const stop = untilIds.find(
      (candidate) =>
        candidate.length > 0 &&
        candidate.every((id, index) => ids[ids.length - candidate.length + index] === id),
    );
    return stop === undefined ? [...ids] : ids.slice(0, ids.length - stop.length);
  };

  const prompt = [...context.promptIds, ...context.startIds];
  const accumulated = { ids: [] as number[], text: '' };
  let finishReason: 'stop' | 'length' = 'stop';
  let endedOnEos = false;
  let roundPrompt = prompt;
  let generated = 0;
  let inserted = 0;
  let rounds = 0;
  const totalRounds = thinking.ignoreEnd + 1;
  for (let round = 0; round < totalRounds; round++) {
    throwIfAborted(context.signal);
    const result = await context.generate({
      ...thinkingRequest,
      prompt: { tokenIds: roundPrompt },
      onDelta: deltas(context, emit, 'thinking-delta'),
    });
    rounds++;
    generated += result.completionTokens;
    const ids = result.tokenIds ?? (await context.encode(result.text));
    finishReason = result.finishReason;
    endedOnEos =
      result.stopReason === eosText ||
      result.stopReason === tokenizer.eosTokenIds[0] ||
      (result.finishReason === 'stop' && result.stopReason === undefined);
    if (result.finishReason === 'length' || round === totalRounds - 1) {
      accumulated.ids.push(...ids);
      accumulated.text += result.text;
      break;
    }
    const roundIds = withoutStop(ids);
    let roundText = result.text;
    const continuation = continuationAt(thinking, round);
    if (continuation !== '') {
      const continuationIds = await context.encode(continuation);
      roundIds.push(...continuationIds);
      roundText += continuation;
      inserted += continuationIds.length;
      await emit({
        type: 'continuation',
        text: continuation,
        thinkingTokens: accumulated.ids.length + roundIds.length,
      });
    }
    accumulated.ids.push(...roundIds);
    accumulated.text += roundText;
    roundPrompt = [...roundPrompt, ...roundIds];
  }
  // The harness's final cut: ids only, never the text.
  if (accumulated.ids.length > maxThinking) accumulated.ids = accumulated.ids.slice(0, maxThinking);

  const continuationIds = withoutStop(accumulated.ids);
  let answerPrompt: number[];
  let appended: string;
  if (finishReason === 'length') {
    // `o.text[-1]` fails on empty text in the reference; empty text gets the newline here.
    const endsWithNewline = accumulated.text.endsWith('\n') || format.start.startsWith('\n');
    appended = `${endsWithNewline ? '' : '\n'}${forcedEnd(format, thinking.onBudget)}`;
    answerPrompt = [
      ...prompt,
      ...continuationIds,
      ...(endsWithNewline ? [] : newlineIds),
      ...endMaxIds,
    ];
    await emit({
      type: 'budget-exhausted',
      thinkingTokens: continuationIds.length,
      forcedText: appended,
    });
  } else {
    appended = format.end;
    answerPrompt = [...prompt, ...continuationIds, ...endIds];
  }
  inserted += answerPrompt.length - prompt.length - continuationIds.length;

  const answer = await context.generate({
    prompt: { tokenIds: answerPrompt },
    maxTokens: context.answerMaxTokens,
    stop: { strings: [eosText, ...context.answerStop] },
    sampling: context.sampling,
    signal: context.signal,
    onDelta: deltas(context, emit, 'answer-delta'),
  });
  generated += answer.completionTokens;
  return {
    // thinking start + thinking text + the appended end + answer, exactly as the harness returns it
    text: format.start + accumulated.text + appended + answer.text,
    thinkingTokens: continuationIds.length,
    graceTokens: 0,
    answerTokens: Math.max(0, answer.completionTokens - (answer.finishReason === 'stop' ? 1 : 0)),
    rounds,
    ignoredEnds: rounds - 1,
    hitBudget: finishReason === 'length',
    thinkingEnd: finishReason === 'length' ? 'budget' : endedOnEos ? 'eos' : 'model',
    finishReason: answer.finishReason,
    usage: {
      promptTokens: prompt.length,
      generatedTokens: generated,
      insertedTokens: inserted,
      requests: rounds + 1,
    },
  };
}
