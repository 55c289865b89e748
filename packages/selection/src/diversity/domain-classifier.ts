import { type BackendV1, backendSchema, segmentGenerator } from '@s1/budget-forcing';
import { type ChatTemplate, createChatTemplate } from '@s1/chat-template';
import { validate } from '@s1/errors';
import { z } from 'zod';
import { domainClassifierSystemPrompt, domainClassifierUserPrompt } from './classifier-prompt';
import { parseDomainCode } from './parse-domain-code';

/** Anything that names a question's domain: an LLM, a lookup, a rule. Undefined means unknown. */
export type DomainClassifier = (
  question: string,
) => string | undefined | Promise<string | undefined>;

/** Options of {@link createDomainClassifier}. */
export interface DomainClassifierOptions {
  /** Any backend of @s1/budget-forcing: a served model, or one in-process. */
  backend: BackendV1;
  /** Renders the system and user turns. @default the Qwen2.5 chat template */
  template?: ChatTemplate | undefined;
  /** Most reply tokens; the model explains before it gives the code. @default 1024 */
  maxTokens?: number | undefined;
  /** How many more times to ask after a reply that does not end in a two-digit code. */
  retries: number;
  /** @default 1 (s1 asked Claude at its default; at 0 a retry would repeat the reply) */
  temperature?: number | undefined;
  /** Attempt `i` samples with `seed + i`, so runs repeat and retries differ. @default 0 */
  seed?: number | undefined;
  /** Official MSC2020 titles, or the labels of s1's `msc.json` (s1K's `domain`). @default 'msc2020' */
  labels?: 'msc2020' | 's1' | undefined;
}

const optionsSchema = z.strictObject({
  backend: backendSchema,
  // Checked where it is used; listed so that a misspelt key is refused.
  template: z.custom<ChatTemplate>().optional(),
  maxTokens: z.number().int().positive().optional(),
  retries: z.number().int().nonnegative(),
  temperature: z.number().nonnegative().optional(),
  seed: z.number().int().optional(),
  labels: z.enum(['msc2020', 's1']).optional(),
});

/**
 * s1's domain classifier (`data/featurization.py` with `data/msc.json` in
 * github.com/simplescaling/s1) asked of any backend: the question and the 61 MSC2020
 * rubrics go in, the reply's final two-digit code comes out as the area's title. An unparsable
 * reply is asked again up to `retries` times; then, or for a code s1 does not use, the domain is
 * undefined.
 *
 * @example
 * const classify = createDomainClassifier({ backend, retries: 3 });
 * await classify('Find all primes p such that p^2 + 2 is prime.'); // 'Number theory'
 */
export function createDomainClassifier(
  options: DomainClassifierOptions,
): (question: string) => Promise<string | undefined> {
  validate(optionsSchema, options, 'domain classifier options');
  const generate = segmentGenerator(options.backend);
  let template = options.template;
  return async (question) => {
    template ??= createChatTemplate({ preset: 'qwen2.5' });
    const prompt = template.render(
      [
        { role: 'system', content: domainClassifierSystemPrompt },
        { role: 'user', content: domainClassifierUserPrompt(question) },
      ],
      { addGenerationPrompt: true },
    );
    for (let attempt = 0; attempt <= options.retries; attempt++) {
      const reply = await generate({
        prompt: { text: prompt },
        maxTokens: options.maxTokens ?? 1024,
        sampling: { temperature: options.temperature ?? 1, seed: (options.seed ?? 0) + attempt },
      });
      const parsed = parseDomainCode(reply.text);
      if (parsed === undefined) continue;
      const { domain } = parsed;
      if (domain === undefined) return undefined;
      return options.labels === 's1' ? (domain.s1Title ?? domain.title) : domain.title;
    }
    return undefined;
  };
}
