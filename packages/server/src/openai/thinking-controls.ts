import type { ThinkingOptions } from '@s1/budget-forcing';
import { RequestError } from './request-error';
import type { GenerationRequest } from './request-schemas';

/** The thinking budgets `reasoning_effort` stands for. */
export interface EffortBudgets {
  /** Thinking tokens for `reasoning_effort: "low"`. */
  low: number;
  /** Thinking tokens for `reasoning_effort: "medium"`. */
  medium: number;
  /** Thinking tokens for `reasoning_effort: "high"`. */
  high: number;
}

/** vLLM's defaults for `reasoning_effort`. */
export const defaultEffortBudgets: EffortBudgets = { low: 1024, medium: 2048, high: 8192 };

/**
 * The thinking options one request asks for, over the server's own. The budget is the first of
 * `thinking_token_budget`, Anthropic's `thinking`, then `reasoning_effort`; a minimum above the
 * budget is refused, naming both.
 */
export function thinkingFor(
  request: GenerationRequest,
  serverThinking: ThinkingOptions,
  effortBudgets: EffortBudgets,
): ThinkingOptions {
  const budget =
    request.thinking_token_budget ??
    (request.thinking?.type === 'enabled'
      ? request.thinking.budget_tokens
      : request.thinking?.type === 'disabled'
        ? 0
        : undefined) ??
    (request.reasoning_effort == null ? undefined : effortBudgets[request.reasoning_effort]);
  const override: ThinkingOptions = {
    ...(budget === undefined ? {} : { max: budget }),
    ...(request.min_thinking_tokens == null ? {} : { min: request.min_thinking_tokens }),
    ...(request.num_ignore == null ? {} : { ignoreEnd: request.num_ignore }),
    ...(request.continuation == null ? {} : { continuation: request.continuation }),
    ...(request.final_answer_prefix == null ? {} : { onBudget: request.final_answer_prefix }),
  };
  const max = override.max ?? serverThinking.max;
  const min = override.min ?? serverThinking.min ?? 0;
  if (typeof max === 'number' && min > max) {
    throw new RequestError({
      status: 400,
      param: request.min_thinking_tokens == null ? budgetParam(request) : 'min_thinking_tokens',
      code: 'invalid_thinking_budget',
      message: `min_thinking_tokens (${min}) is above the thinking budget (${max}): the model cannot think at least ${min} and at most ${max} tokens`,
    });
  }
  return override;
}

function budgetParam(request: GenerationRequest): string {
  if (request.thinking_token_budget != null) return 'thinking_token_budget';
  if (request.thinking != null) return 'thinking.budget_tokens';
  return 'reasoning_effort';
}
