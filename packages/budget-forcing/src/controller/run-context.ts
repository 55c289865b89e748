import {
  type ChatTemplate,
  createChatTemplate,
  InvalidArgumentError,
  type ReasoningFormat,
  resolveReasoningFormat,
} from '@s1/chat-template';
import { BackendError } from '../errors/backend-error';
import type { BackendTokenizer, BackendV1, Sampling } from '../spec/backend-v1';
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
  /** The thinking budget in tokens (`auto` and "no cap" resolved). */
  maxThinking: number;
  answerMaxTokens: number;
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
}

const defaultAnswerMaxTokens = 32768;
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

  let maxThinking: number;
  if (thinking.max === 'auto') {
    const endMax = await encode(forcedEnd(format, thinking.onBudget));
    maxThinking =
      answerMaxTokens - promptIds.length - startIds.length - endMax.length - autoAnswerReserve;
  } else {
    maxThinking = thinking.max ?? answerMaxTokens;
  }

  if (thinking.min > Math.max(0, maxThinking)) {
    throw new InvalidArgumentError({
      argument: 'thinking options',
      issues: [
        {
          path: 'min',
          message: `min (${thinking.min}) is above the thinking budget (${maxThinking})`,
        },
      ],
    });
  }
  return {
    backend,
    tokenizer: backend.tokenizer,
    format,
    thinking,
    maxThinking: Math.max(0, maxThinking),
    answerMaxTokens,
    answerStop: options.answer?.stop ?? [],
    sampling: { ...options.sampling, ...request.sampling },
    signal: request.signal,
    promptText,
    promptIds,
    startIds,
    warnings: [],
    emitsDeltas,
    encode,
  };
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
 * (`stream()`); otherwise none, so servers are not asked to stream.
 */
export function deltas(
  context: RunContext,
  emit: EmitEvent,
  type: 'thinking-delta' | 'answer-delta',
): ((delta: { text: string }) => void) | undefined {
  return context.emitsDeltas ? ({ text }) => emit({ type, text }) : undefined;
}

/** The continuation appended after the `index`-th suppressed end. */
export function continuationAt(thinking: ResolvedThinking, index: number): string {
  return thinking.continuations[index % thinking.continuations.length] as string;
}
