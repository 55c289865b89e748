/**
 * Plugs a runtime of your own into the budget-forcing controller. The runtime here is a toy
 * language model, deterministic and instant: it continues whichever of its worked examples
 * matches the end of the context longest (an n-gram model with unbounded n). The backend around
 * it implements the backend spec (BackendV1) through `createSteppingBackend`, which a runtime
 * that steps tokens needs only `open()` for; examples/examples.test.ts runs it through the spec's
 * conformance suite (`testBackend`). A real runtime replaces `nextLogits` by its forward pass.
 *
 *   npx tsx examples/custom-runtime.ts
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  backendTokenizerFrom,
  createBudgetForcing,
  createSteppingBackend,
  createTokenSampler,
  type SteppingBackend,
  type ThinkingOptions,
} from '@s1/budget-forcing';
import { loadTokenizer, type Tokenizer } from '@s1/chat-template';
import { resolveQwen25TokenizerFolder } from '@s1/errors';

/** What the toy model has seen: s1-style completions, from the question on. */
export const raspberryTraces = [
  'How many r in raspberry?<|im_end|>\n<|im_start|>assistant\n<|im_start|>think\n' +
    'Spell it out: r-a-s-p-b-e-r-r-y. The letter r is at positions 1, 7 and 8.\n' +
    '<|im_start|>answer\nFinal Answer: 3<|im_end|>',
  // Where thinking goes after an inserted "Wait".
  'Wait, recount the r in r-a-s-p-b-e-r-r-y one by one: one, two, three.\n' +
    '<|im_start|>answer\nFinal Answer: 3<|im_end|>',
];

// ---- The backend: the toy model's forward pass, then the spec around it. ----

export function createTraceBackend(
  tokenizer: Tokenizer,
  traces: readonly string[] = raspberryTraces,
): SteppingBackend {
  const corpus = traces.map((trace) => tokenizer.encode(trace));
  // Logits of the next token: each token that follows a match of the context's end in a trace
  // scores the match's length. Tokens no trace continues get a large negative, not -Infinity,
  // so that sampling with every likely token suppressed still has finite weights.
  const nextLogits = (ids: readonly number[]) => {
    const logits = new Float32Array(tokenizer.vocabSize).fill(-1e9);
    for (const trace of corpus) {
      for (let next = 0; next < trace.length; next++) {
        let length = 0;
        while (length < next && trace[next - 1 - length] === ids[ids.length - 1 - length]) length++;
        const id = trace[next] as number;
        logits[id] = Math.max(logits[id] as number, length);
      }
    }
    return logits;
  };
  return createSteppingBackend({
    provider: 'trace-model',
    modelId: 'longest-match',
    tokenizer: backendTokenizerFrom(tokenizer),
    contextLength: 4096,
    // One session per generation: the sequence so far, extended only by append().
    open: async ({ promptIds, sampling }) => {
      const ids = [...promptIds];
      const pick = createTokenSampler(sampling); // greedy at temperature 0, else seeded
      return {
        sample: async ({ suppress } = {}) => pick(nextLogits(ids), suppress),
        append: async (more) => {
          ids.push(...more);
        },
        close: async () => {},
      };
    },
  });
}

// ---- The demo: the controller on this backend, under three thinking budgets. ----

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tokenizer = await loadTokenizer(resolveQwen25TokenizerFolder(import.meta.url));
  const backend = createTraceBackend(tokenizer);
  const budgets: Record<string, ThinkingOptions> = {
    'no budget': {},
    'max 8 tokens': { max: 8 },
    'ignore 1 end ("Wait")': { ignoreEnd: 1 },
  };
  for (const [label, thinking] of Object.entries(budgets)) {
    const result = await createBudgetForcing({ backend, thinking }).generate({
      messages: [{ role: 'user', content: 'How many r in raspberry?' }],
    });
    console.log(
      `— ${label}: ${result.thinkingTokens} thinking tokens, ended by ${result.thinkingEnd}`,
    );
    console.log(`thinking: ${JSON.stringify(result.thinking)}`);
    console.log(`answer:   ${JSON.stringify(result.answer)}`);
  }
  await backend.close();
}
