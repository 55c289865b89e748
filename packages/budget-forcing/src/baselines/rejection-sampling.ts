import { splitReasoning } from '@s1/chat-template';
import type { OptionsOf } from '@s1/errors';
import { validate } from '@s1/errors';
import { z } from 'zod';
import {
  type BudgetForcingOptions,
  type BudgetForcingRequest,
  backendShape,
  generationShape,
} from '../controller/options';
import type { BudgetForcingResult } from '../controller/result';
import {
  createRunContext,
  eosText as eosTextOf,
  forcedEnd,
  messagesTemplate,
} from '../controller/run-context';
import { throwIfAborted } from '../errors/abort-error';

const rejectionSamplingShape = {
  /** Accept a sample only if its thinking ends by itself within this many tokens. */
  budget: z.number().int().positive(),
  /** Give up after this many samples. @default 128 */
  maxTries: z.number().int().positive().optional(),
};

export const rejectionSamplingOptionsSchema = z.strictObject({
  ...backendShape,
  ...generationShape,
  ...rejectionSamplingShape,
});

// Named through the controller's options type, so declaration files keep its TSDoc.
/**
 * The controller's options, with `budget` and `maxTries` in place of `mode` and `thinking`.
 *
 * @useDeclaredType
 */
export type RejectionSamplingOptions = Omit<BudgetForcingOptions, 'mode' | 'thinking'> &
  OptionsOf<typeof rejectionSamplingShape>;

/** A controller result, with whether a sample was accepted and how many were drawn. */
export interface RejectionSamplingResult extends BudgetForcingResult {
  /** Whether a sample ended within the budget; if not, the last sample is returned as it was. */
  accepted: boolean;
  /** Samples drawn, the accepted one included. */
  tries: number;
}

/**
 * The rejection-sampling baseline of the paper, as the s1 harness runs it with
 * `rejection_sample=true` (`VLLM._model_generate` in
 * `eval/lm-evaluation-harness/lm_eval/models/vllm_causallms.py` of github.com/simplescaling/s1):
 * sample whole thinking traces (`max_tokens = budget + 1`, stopping on the end of thinking) until
 * one ends by itself within the budget, counting the stop token as vLLM does; then answer after it.
 * Each try uses `seed + try`, so a run is reproducible. The paper samples at temperature 1.
 */
export function createRejectionSampling(options: RejectionSamplingOptions) {
  validate(rejectionSamplingOptionsSchema, options, 'rejection sampling options');
  const maxTries = options.maxTries ?? 128;
  const templateForMessages = messagesTemplate(options.template);

  return {
    /**
     * Samples until a thinking trace ends within the budget (or `maxTries` is spent), then answers.
     */
    async generate(request: BudgetForcingRequest): Promise<RejectionSamplingResult> {
      const context = await createRunContext(
        { ...options, thinking: { max: options.budget } },
        request,
        templateForMessages,
      );
      const { format } = context;
      if ((context.sampling.temperature ?? 0) === 0) {
        context.warnings.push({
          type: 'unsupported',
          feature: 'temperature',
          details:
            'rejection sampling at temperature 0 draws the same trace every time; use temperature > 0',
        });
      }
      const prompt = [...context.promptIds, ...context.startIds];
      const eosText = eosTextOf(context);
      let tries = 0;
      let generated = 0;
      let thinking = { text: '', ids: [] as number[], accepted: false, endedOnEos: false };
      while (tries < maxTries && !thinking.accepted) {
        throwIfAborted(context.signal);
        const seed =
          context.sampling.seed === undefined ? undefined : context.sampling.seed + tries;
        const result = await context.generate({
          prompt: { tokenIds: prompt },
          maxTokens: options.budget + 1,
          stop: { strings: [format.endDetection, eosText] },
          sampling: { ...context.sampling, seed },
          signal: context.signal,
        });
        tries++;
        generated += result.completionTokens;
        const ids = result.tokenIds ?? (await context.encode(result.text));
        const stopped = result.finishReason === 'stop';
        const withoutStop = stopped && ids.length > 0 ? ids.slice(0, -1) : ids;
        thinking = {
          text: result.text,
          ids: withoutStop,
          accepted: stopped && result.completionTokens <= options.budget,
          endedOnEos: stopped && result.stopReason === eosText,
        };
      }
      // No sample ended in time: finish the last one as the harness finishes a trace cut by the budget.
      const cut = thinking.ids.slice(0, options.budget);
      const appended = thinking.accepted
        ? format.end
        : `${thinking.text.endsWith('\n') ? '' : '\n'}${forcedEnd(format, 'Final Answer:')}`;
      const appendedIds = await context.encode(appended);
      const answer = await context.generate({
        prompt: { tokenIds: [...prompt, ...cut, ...appendedIds] },
        maxTokens: context.answerMaxTokens,
        stop: { strings: [eosText, ...context.answerStop] },
        sampling: context.sampling,
        signal: context.signal,
      });
      generated += answer.completionTokens;
      const text = format.start + thinking.text + appended + answer.text;
      const split = splitReasoning(text, format);
      return {
        text,
        thinking: split.thinking,
        answer: split.answer,
        thinkingTokens: cut.length,
        graceTokens: 0,
        answerTokens: Math.max(
          0,
          answer.completionTokens - (answer.finishReason === 'stop' ? 1 : 0),
        ),
        rounds: 1,
        ignoredEnds: 0,
        hitBudget: !thinking.accepted,
        thinkingEnd: !thinking.accepted ? 'budget' : thinking.endedOnEos ? 'eos' : 'model',
        finishReason: answer.finishReason,
        usage: {
          promptTokens: prompt.length,
          generatedTokens: generated,
          insertedTokens: appendedIds.length,
          requests: tries + 1,
        },
        warnings: context.warnings,
        accepted: thinking.accepted,
        tries,
      };
    },
  };
}
