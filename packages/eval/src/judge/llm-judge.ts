import { type BackendV1, segmentGenerator } from '@s1/budget-forcing';
import { type ChatTemplate, createChatTemplate } from '@s1/chat-template';
import type { GpqaChoice } from '../extraction/gpqa-choice';
import { choicePickPrompt, optionMatchPrompt } from './judge-prompts';

/** Options of {@link createLlmJudge}. */
export interface LlmJudgeOptions {
  /** Any backend of @s1/budget-forcing: a served model, or one in-process. */
  backend: BackendV1;
  /** Renders the judge's question as a user turn. @default the Qwen2.5 chat template */
  template?: ChatTemplate | undefined;
  /** Most reply tokens. @default 8 */
  maxTokens?: number | undefined;
  /** @default 0 (greedy, deterministic; s1's judge samples at 0.5) */
  temperature?: number | undefined;
}

/** An LLM judge: asks a model which option or choice an attempt's answer is. */
export interface LlmJudge {
  /** The 1-based index of the option the attempt's answer is equivalent to, or undefined. */
  matchOption(attempt: string, options: readonly string[]): Promise<number | undefined>;
  /** The choice letter the attempt picked, or undefined. */
  pickChoice(question: string, attempt: string): Promise<GpqaChoice | undefined>;
}

/**
 * An LLM judge with the questions of s1's grader (the `EXTRACTION_TEMPLATE_IDX` and
 * `EXTRACTION_TEMPLATE` prompts in the s1 harness tasks' `utils.py`, github.com/simplescaling/s1),
 * asked of any backend. The
 * reply is read strictly: an index in range, or a letter A–D; anything else is no match.
 *
 * @example
 * const judge = createLlmJudge({ backend });
 * await judge.matchOption('The answer is $\\frac{1}{2}$', ['0.5']); // 1
 */
export function createLlmJudge(options: LlmJudgeOptions): LlmJudge {
  const generate = segmentGenerator(options.backend);
  let template = options.template;
  const ask = async (question: string): Promise<string> => {
    template ??= createChatTemplate({ preset: 'qwen2.5' });
    const prompt = template.render([{ role: 'user', content: question }], {
      addGenerationPrompt: true,
    });
    const reply = await generate({
      prompt: { text: prompt },
      maxTokens: options.maxTokens ?? 8,
      sampling: { temperature: options.temperature ?? 0 },
    });
    return reply.text.trim();
  };
  return {
    matchOption: async (attempt, choices) => {
      const reply = await ask(optionMatchPrompt(attempt, choices));
      const index = /^\d+$/.test(reply) ? Number(reply) : undefined;
      return index !== undefined && index >= 1 && index <= choices.length ? index : undefined;
    },
    pickChoice: async (question, attempt) => {
      const reply = await ask(choicePickPrompt(question, attempt));
      return /^[ABCD]$/.test(reply) ? (reply as GpqaChoice) : undefined;
    },
  };
}
