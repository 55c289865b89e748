import { createWindowedDecodeStream } from '@s1/chat-template';
import { InvalidArgumentError } from '@s1/errors';
import { fitToContext } from '../context-length/fit-to-context';
import { throwIfAborted } from '../errors/abort-error';
import { BackendError } from '../errors/backend-error';
import type { StepSession } from '../spec/backend-v1';
import { generateSegmentBySteps } from '../stepping/segments-from-steps';
import type { ModeOutcome } from './mode-outcome';
import type { EmitEvent } from './result';
import { continuationAt, deltas, forcedEnd, type RunContext, warnContextFull } from './run-context';

// A forced end never lands inside a character: at most this many tokens complete one.
const maxTokensToCompleteCharacter = 3;
// A token that starts with whitespace or punctuation starts a new word; hyphens and apostrophes
// join words ("r-a-s-p", "don't").
const wordBoundary = /^(?![-'’])[\s\p{P}]/u;

/**
 * `exact` mode on a token-stepping backend: every token is seen before it is accepted, so an
 * early end is replaced by the continuation at the exact token, and the budget ends thinking at
 * exactly `max` tokens (plus a bounded grace to finish a character or, if asked, a word).
 */
export async function runExactStepping(context: RunContext, emit: EmitEvent): Promise<ModeOutcome> {
  const { backend, tokenizer, format, thinking, maxThinking } = context;
  const decode = tokenizer.decode;
  const open = backend.open;
  if (decode === undefined || open === undefined)
    throw new BackendError({
      provider: backend.provider,
      message: 'exact token stepping needs open() and tokenizer.decode',
    });
  const endDetectionIds = await context.encode(format.endDetection);
  const endTrigger = endDetectionIds.length === 1 ? endDetectionIds[0] : undefined;
  if (endTrigger === undefined && (thinking.min > 0 || thinking.ignoreEnd > 0)) {
    throw new InvalidArgumentError({
      argument: 'thinking options',
      issues: [
        {
          path: 'min / ignoreEnd',
          message: `suppressing the end of thinking needs "${format.endDetection}" to be one token, but the tokenizer makes ${endDetectionIds.length}; use a format whose end detection is one token`,
        },
      ],
    });
  }
  const eos = new Set(tokenizer.eosTokenIds);
  const endIds = endTrigger === undefined ? [...eos] : [endTrigger, ...eos];

  const session: StepSession = await open.call(backend, {
    promptIds: [...context.promptIds, ...context.startIds],
    sampling: context.sampling,
    signal: context.signal,
  });
  try {
    const thinkingIds: number[] = [];
    // Text is decoded token by token only when someone reads it as it comes (stream()) or a
    // multi-token end must be spotted in it; otherwise once, at the end.
    const tracksText = context.emitsDeltas || endTrigger === undefined;
    const thinkingText = { value: '', stream: createWindowedDecodeStream((ids) => decode(ids)) };
    const completeThinkingText = () =>
      tracksText ? thinkingText.value + thinkingText.stream.flush() : decode(thinkingIds);
    let generated = 0;
    let inserted = 0;
    let ignoredEnds = 0;
    let mayNotEnd = false;
    // Set when a continuation no longer fits: the model then thinks up to the budget.
    let fillToBudget = false;
    let thinkingEnd: ModeOutcome['thinkingEnd'] = 'budget';

    const accept = async (ids: readonly number[]) => {
      await session.append(ids);
      for (const id of ids) thinkingIds.push(id);
      if (!tracksText) return '';
      const delta = thinkingText.stream.push(ids);
      thinkingText.value += delta;
      return delta;
    };

    for (;;) {
      throwIfAborted(context.signal);
      if (thinkingIds.length >= maxThinking) break;
      const id = await session.sample({ suppress: mayNotEnd || fillToBudget ? endIds : undefined });
      generated++;
      mayNotEnd = false;
      if (id === endTrigger || eos.has(id)) {
        if (thinkingIds.length < thinking.min || ignoredEnds < thinking.ignoreEnd) {
          const continuation = continuationAt(thinking, ignoredEnds);
          const ids = await context.encode(continuation);
          if (thinkingIds.length + ids.length > maxThinking) {
            fillToBudget = true;
            continue;
          }
          await accept(ids);
          inserted += ids.length;
          ignoredEnds++;
          // Like vLLM's min_tokens=1 after "Wait": the next token may not end thinking again.
          mayNotEnd = true;
          await emit({
            type: 'continuation',
            text: continuation,
            thinkingTokens: thinkingIds.length,
          });
          continue;
        }
        thinkingEnd = eos.has(id) ? 'eos' : 'model';
        break;
      }
      const delta = await accept([id]);
      if (delta !== '') await emit({ type: 'thinking-delta', text: delta });
      if (endTrigger === undefined && thinkingText.value.includes(format.endDetection)) {
        thinkingEnd = 'model';
        break;
      }
    }

    let forcedText: string;
    // Delimiter text the model wrote itself (a multi-token end detection it completed).
    let written = '';
    let thinkingTokens = thinkingIds.length;
    if (thinkingEnd === 'budget') {
      generated += await finishCharacterAndWord(context, session, endIds, thinkingIds, accept);
      thinkingTokens = thinkingIds.length;
      thinkingText.value = completeThinkingText();
      const body = thinkingText.value + thinking.forcedEndText;
      forcedText = `${thinking.forcedEndText}${body.endsWith('\n') ? '' : '\n'}${forcedEnd(format, thinking.onBudget)}`;
      await emit({ type: 'budget-exhausted', thinkingTokens, forcedText });
    } else if (endTrigger === undefined && thinkingEnd === 'model') {
      const cut = thinkingText.value.indexOf(format.endDetection);
      written = thinkingText.value.slice(cut);
      thinkingText.value = thinkingText.value.slice(0, cut);
      thinkingTokens = (await context.encode(thinkingText.value)).length;
      forcedText = format.end.slice(format.endDetection.length);
    } else {
      thinkingText.value = completeThinkingText();
      forcedText = format.end;
    }
    const forcedIds = await context.encode(forcedText);
    await session.append(forcedIds);
    inserted += forcedIds.length;
    const length =
      context.promptIds.length + context.startIds.length + thinkingIds.length + forcedIds.length;
    const answer = await generateAnswer(context, session, emit, length);
    return {
      text: format.start + thinkingText.value + written + forcedText + answer.text,
      thinkingTokens,
      graceTokens: Math.max(0, thinkingTokens - maxThinking),
      answerTokens: answer.tokens,
      rounds: ignoredEnds + 1,
      ignoredEnds,
      hitBudget: thinkingEnd === 'budget',
      thinkingEnd,
      finishReason: answer.finishReason,
      usage: usage(context, generated + answer.generated, inserted, 1),
    };
  } finally {
    await session.close();
  }
}

// After the budget: complete a character split across tokens, then, with `wordBoundary`, let the
// model finish its word. Returns how many proposals were sampled.
async function finishCharacterAndWord(
  context: RunContext,
  session: StepSession,
  endIds: readonly number[],
  thinkingIds: number[],
  accept: (ids: readonly number[]) => Promise<string>,
): Promise<number> {
  const decode = context.tokenizer.decode as (ids: readonly number[]) => string;
  let sampled = 0;
  for (
    let extra = 0;
    extra < maxTokensToCompleteCharacter && decode(thinkingIds.slice(-4)).endsWith('\uFFFD');
    extra++
  ) {
    await accept([await session.sample({ suppress: endIds })]);
    sampled++;
  }
  for (let grace = 0; grace < context.thinking.maxGraceTokens; grace++) {
    const id = await session.sample();
    sampled++;
    if (endIds.includes(id) || wordBoundary.test(decode([id]))) break;
    await accept([id]);
  }
  return sampled;
}

async function generateAnswer(
  context: RunContext,
  session: StepSession,
  emit: EmitEvent,
  length: number,
) {
  const request = fitToContext(
    { maxTokens: context.answerMaxTokens },
    length,
    context.contextLength,
  );
  if (request === undefined) {
    warnContextFull(context.warnings, context.contextLength as number);
    return { text: '', tokens: 0, generated: 0, finishReason: 'length' as const };
  }
  const result = await generateSegmentBySteps(
    session,
    context.tokenizer,
    {
      maxTokens: request.maxTokens,
      stop: { strings: context.answerStop },
      signal: context.signal,
      onDelta: deltas(context, emit, 'answer-delta'),
    },
    context.backend.provider,
  );
  const endedOnToken = result.finishReason === 'stop' && typeof result.stopReason !== 'string';
  return {
    text: result.text,
    tokens: result.completionTokens - (endedOnToken ? 1 : 0),
    generated: result.completionTokens,
    finishReason: result.finishReason,
  };
}

function usage(context: RunContext, generated: number, inserted: number, requests: number) {
  return {
    promptTokens: context.promptIds.length + context.startIds.length,
    generatedTokens: generated,
    insertedTokens: inserted,
    requests,
  };
}
