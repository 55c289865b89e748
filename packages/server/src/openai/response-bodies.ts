import { randomUUID } from 'node:crypto';
import type { BudgetForcingResult } from '@s1/budget-forcing';

/** What a response says about one request: the ids and names every chunk repeats. */
export interface ResponseIdentity {
  id: string;
  created: number;
  model: string;
}

export function responseIdentity(prefix: 'chatcmpl' | 'cmpl', model: string): ResponseIdentity {
  return {
    id: `${prefix}-${randomUUID().replaceAll('-', '')}`,
    created: Math.floor(Date.now() / 1000),
    model,
  };
}

/** OpenAI's usage, with the thinking tokens where reasoning models report them. */
export function usageOf(result: BudgetForcingResult) {
  const completionTokens = result.usage.generatedTokens + result.usage.insertedTokens;
  return {
    prompt_tokens: result.usage.promptTokens,
    completion_tokens: completionTokens,
    total_tokens: result.usage.promptTokens + completionTokens,
    completion_tokens_details: { reasoning_tokens: result.thinkingTokens },
  };
}

/** What budget forcing did, beside the OpenAI fields: the `s1` object of every response. */
export function s1Summary(result: BudgetForcingResult) {
  return {
    thinking_tokens: result.thinkingTokens,
    answer_tokens: result.answerTokens,
    rounds: result.rounds,
    ignored_ends: result.ignoredEnds,
    hit_budget: result.hitBudget,
    thinking_end: result.thinkingEnd,
    grace_tokens: result.graceTokens,
    warnings: result.warnings,
  };
}

/** A `chat.completion`: the thinking in `reasoning` and `reasoning_content`, the answer in `content`. */
export function chatCompletionBody(identity: ResponseIdentity, result: BudgetForcingResult) {
  return {
    ...identity,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: result.answer,
          reasoning: result.thinking,
          reasoning_content: result.thinking,
        },
        logprobs: null,
        finish_reason: result.finishReason,
      },
    ],
    usage: usageOf(result),
    s1: s1Summary(result),
  };
}

/** A `text_completion` of a prompt: `text` is what follows the prompt. */
export function textCompletionBody(
  identity: ResponseIdentity,
  text: string,
  finishReason: 'stop' | 'length',
  result: BudgetForcingResult | undefined,
  usage: ReturnType<typeof usageOf>,
) {
  return {
    ...identity,
    object: 'text_completion',
    choices: [{ index: 0, text, logprobs: null, finish_reason: finishReason }],
    usage,
    s1: result === undefined ? null : s1Summary(result),
  };
}
