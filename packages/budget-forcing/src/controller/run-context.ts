import { type ChatTemplate, type ReasoningFormat, resolveReasoningFormat } from '@s1/chat-template';
import type { BackendTokenizer, BackendV1, Sampling } from '../spec/backend-v1';
import {
  type BudgetForcingOptions,
  type BudgetForcingRequest,
  type ResolvedThinking,
  resolveThinking,
} from './options';
import type { BudgetForcingWarning } from './result';

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
  encode(text: string): Promise<number[]>;
}

const defaultAnswerMaxTokens = 32768;
// The harness leaves this many tokens for the answer under the `auto` budget.
const autoAnswerReserve = 100;

export async function createRunContext(
  options: BudgetForcingOptions,
  request: BudgetForcingRequest,
  template: () => ChatTemplate,
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
    encode,
  };
}

/** The text appended after the end delimiter when the budget forced the end: `end + "\n" + "Final Answer:"` for s1. */
export function forcedEnd(format: ReasoningFormat, onBudget: string): string {
  return onBudget === '' ? format.end : format.end + format.answerPrefix + onBudget;
}

/** The continuation appended after the `index`-th suppressed end. */
export function continuationAt(thinking: ResolvedThinking, index: number): string {
  return thinking.continuations[index % thinking.continuations.length] as string;
}
