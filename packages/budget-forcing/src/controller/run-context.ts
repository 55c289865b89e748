import {
  type ChatTemplate,
  createChatTemplate,
  type ReasoningFormat,
  resolveReasoningFormat,
} from '@s1/chat-template';
import { InvalidArgumentError } from '@s1/errors';
import { fitToContext } from '../context-length/fit-to-context';
import { BackendError } from '../errors/backend-error';
import { ContextLengthError } from '../errors/context-length-error';
import { RequestLimitError } from '../errors/request-limit-error';
import type {
  BackendTokenizer,
  BackendV1,
  Sampling,
  SegmentRequest,
  SegmentResult,
} from '../spec/backend-v1';
import { segmentGenerator } from '../stepping/segments-from-steps';
import {
  type BudgetForcingOptions,
  type BudgetForcingRequest,
  type ResolvedThinking,
  resolveThinking,
} from './options';
import type { BudgetForcingWarning, EmitEvent } from './result';

/** Everything a fidelity mode needs for one request, with defaults and budgets resolved. */
export interface RunContext {
  backend: BackendV1;
  tokenizer: BackendTokenizer;
  format: ReasoningFormat;
  thinking: ResolvedThinking;
  /** The thinking budget in tokens (`auto`, "no cap" and, in `exact` mode, the context resolved). */
  maxThinking: number;
  answerMaxTokens: number;
  /** The model's context (prompt and generation together), when the backend knows it. */
  contextLength: number | undefined;
  answerStop: readonly string[];
  sampling: Sampling;
  signal: AbortSignal | undefined;
  promptText: string;
  promptIds: number[];
  startIds: number[];
  warnings: BudgetForcingWarning[];
  /** Whether events are read as they happen (`stream()`), so text must be decoded as it comes. */
  emitsDeltas: boolean;
  encode(text: string): Promise<number[]>;
  /**
   * Generates a segment with `maxTokens` cut to what the context leaves after the prompt; a
   * prompt that fills the context gets an empty `length` result (vLLM's offline engine ignores
   * such a prompt) and a warning.
   */
  generate(request: SegmentRequest): Promise<SegmentResult>;
}

const defaultAnswerMaxTokens = 32768;
// Far more requests than a generation takes (ignored ends + 2), far fewer than a loop runs.
const defaultMaxRequests = 128;
// The harness leaves this many tokens for the answer under the `auto` budget.
const autoAnswerReserve = 100;

export async function createRunContext(
  options: BudgetForcingOptions,
  request: BudgetForcingRequest,
  template: () => ChatTemplate,
  emitsDeltas = false,
): Promise<RunContext> {
  const { backend } = options;
  const format = resolveReasoningFormat(options.format ?? 's1');
  const thinking = resolveThinking(options.thinking, request.thinking);
  const answerMaxTokens = options.answer?.maxTokens ?? defaultAnswerMaxTokens;
  const encode = async (text: string) =>
    text === '' ? [] : [...(await backend.tokenizer.encode(text))];
  const promptText =
    'prompt' in request
      ? request.prompt
      : template().render(request.messages, { addGenerationPrompt: true });
  const [promptIds, startIds] = await Promise.all([encode(promptText), encode(format.start)]);

  const contextLength = await backend.contextLength?.({ signal: request.signal });
  const promptTokens = promptIds.length + startIds.length;
  if (contextLength !== undefined && promptTokens >= contextLength) {
    throw new ContextLengthError({ promptTokens, contextLength });
  }
  const warnings: BudgetForcingWarning[] = [];
  // `exact` plans for the answer: thinking stops where the forced end and a short answer still
  // fit. The reference modes keep their budgets and are cut request by request, as vLLM cuts them.
  const plansForContext = contextLength !== undefined && (options.mode ?? 'exact') === 'exact';
  let maxThinking = typeof thinking.max === 'number' ? thinking.max : answerMaxTokens;
  if (thinking.max === 'auto') {
    const endTokens = (await encode(forcedEnd(format, thinking.onBudget))).length;
    maxThinking = answerMaxTokens - promptTokens - endTokens - autoAnswerReserve;
    if (maxThinking <= 0) {
      warnings.push({
        type: 'limited',
        feature: 'thinking.max',
        details: `the "auto" thinking budget is ${maxThinking}: the answer budget (${answerMaxTokens}) less the prompt (${promptTokens}), the forced end (${endTokens}) and ${autoAnswerReserve} answer tokens leaves no thinking; raise the answer budget, or give the thinking budget as a number`,
      });
    }
  }
  if (plansForContext) {
    // The most a forced end can take: the forced text, a newline, the delimiter and "Final Answer:".
    const endTokens = (
      await encode(`${thinking.forcedEndText}\n${forcedEnd(format, thinking.onBudget)}`)
    ).length;
    const available = contextLength - promptTokens - endTokens;
    // The harness's 100 answer tokens, or half of a small context, or the answer's own limit.
    const answerReserve = Math.min(
      autoAnswerReserve,
      answerMaxTokens,
      Math.max(1, Math.floor(available / 2)),
    );
    const room = available - answerReserve;
    if (maxThinking > room) {
      if (typeof thinking.max === 'number') {
        warnings.push({
          type: 'limited',
          feature: 'thinking.max',
          details: `thinking budget lowered from ${thinking.max} to ${Math.max(0, room)} tokens: the model's context of ${contextLength} tokens must also hold the prompt (${promptTokens}), the forced end (${endTokens}) and ${answerReserve} answer tokens`,
        });
      }
      maxThinking = room;
    }
  }

  if (thinking.min > Math.max(0, maxThinking)) {
    throw new InvalidArgumentError({
      argument: 'thinking options',
      issues: [
        {
          path: 'min',
          message: `min (${thinking.min}) is above the thinking budget (${maxThinking}${contextLength === undefined ? '' : `, within a context of ${contextLength} tokens`})`,
        },
      ],
    });
  }

  const generateSegment = boundedRequests(
    segmentGenerator(backend),
    backend.provider,
    options.maxRequests ?? Math.max(defaultMaxRequests, thinking.ignoreEnd + 8),
    warnings,
  );
  const generate = async (request: SegmentRequest): Promise<SegmentResult> => {
    if (contextLength === undefined) return generateSegment(request);
    const tokens =
      'tokenIds' in request.prompt
        ? request.prompt.tokenIds.length
        : (await encode(request.prompt.text)).length;
    const fitted = fitToContext(request, tokens, contextLength);
    if (fitted !== undefined) return generateSegment(fitted);
    warnContextFull(warnings, contextLength);
    return { text: '', tokenIds: [], completionTokens: 0, finishReason: 'length' };
  };
  return {
    backend,
    tokenizer: backend.tokenizer,
    format,
    thinking,
    maxThinking: Math.max(0, maxThinking),
    answerMaxTokens,
    contextLength,
    answerStop: options.answer?.stop ?? [],
    sampling: { ...options.sampling, ...request.sampling },
    signal: request.signal,
    promptText,
    promptIds,
    startIds,
    warnings,
    emitsDeltas,
    encode,
    generate,
  };
}

/**
 * A segment generator that fails with a `RequestLimitError` past `maxRequests` requests, counts
 * no fewer than 0 tokens whatever a server reports, and warns once when the server reported no
 * token counts.
 */
function boundedRequests(
  generateSegment: (request: SegmentRequest) => Promise<SegmentResult>,
  provider: string,
  maxRequests: number,
  warnings: BudgetForcingWarning[],
): (request: SegmentRequest) => Promise<SegmentResult> {
  let requests = 0;
  let emptyCompletions = 0;
  return async (request) => {
    if (requests >= maxRequests) {
      throw new RequestLimitError({ provider, requests, emptyCompletions });
    }
    requests++;
    const result = await generateSegment(request);
    const completionTokens = Math.max(0, result.completionTokens);
    if (completionTokens === 0 && result.text === '') {
      emptyCompletions++;
      if (result.finishReason === 'length' && request.maxTokens > 0) {
        warnOnceAbout(warnings, {
          type: 'limited',
          feature: 'empty-length',
          details: `the server ended a segment at its length limit without generating a token (max_tokens was ${request.maxTokens}); a budget reported as hit may not have been spent`,
        });
      }
    }
    if (result.completionTokensEstimated) {
      warnOnceAbout(warnings, {
        type: 'limited',
        feature: 'usage',
        details:
          'the server reported no token counts; they were counted from the generated text, where an end token that left no text is not seen',
      });
    }
    return { ...result, completionTokens };
  };
}

/** Adds `warning` unless one about the same feature is there already. */
export function warnOnceAbout(
  warnings: BudgetForcingWarning[],
  warning: BudgetForcingWarning,
): void {
  if (!warnings.some(({ feature }) => feature === warning.feature)) warnings.push(warning);
}

/** Records, once, that generation stopped because the text filled the model's context. */
export function warnContextFull(warnings: BudgetForcingWarning[], contextLength: number): void {
  warnOnceAbout(warnings, {
    type: 'limited',
    feature: 'context',
    details: `the text filled the model's context of ${contextLength} tokens; generation stopped there`,
  });
}

/** The text appended after the end delimiter when the budget forced the end: `end + "\n" + "Final Answer:"` for s1. */
export function forcedEnd(format: ReasoningFormat, onBudget: string): string {
  return onBudget === '' ? format.end : format.end + format.answerPrefix + onBudget;
}

/** A template getter for `messages` requests: the given one, or the `s1` preset compiled on first use. */
export function messagesTemplate(template: ChatTemplate | undefined): () => ChatTemplate {
  let compiled = template;
  return () => {
    if (compiled === undefined) compiled = createChatTemplate({ preset: 's1' });
    return compiled;
  };
}

/** The EOS text (`<|im_end|>`), which the harness stops the answer on. */
export function eosText(context: RunContext): string {
  const decode = context.tokenizer.decode;
  const eosId = context.tokenizer.eosTokenIds[0];
  if (decode === undefined || eosId === undefined) {
    throw new BackendError({
      provider: context.backend.provider,
      message:
        'this mode needs the EOS token and tokenizer.decode; give the backend a local tokenizer',
    });
  }
  return decode([eosId]);
}

/**
 * The `onDelta` of a request: forwards text as events when they are read as they happen
 * (`stream()`), returning the wait for a reader that is behind; otherwise none, so servers are
 * not asked to stream.
 */
export function deltas(
  context: RunContext,
  emit: EmitEvent,
  type: 'thinking-delta' | 'answer-delta',
): ((delta: { text: string }) => Promise<void> | undefined) | undefined {
  return context.emitsDeltas ? ({ text }) => emit({ type, text }) : undefined;
}

/** The continuation appended after the `index`-th suppressed end. */
export function continuationAt(thinking: ResolvedThinking, index: number): string {
  return thinking.continuations[index % thinking.continuations.length] as string;
}
