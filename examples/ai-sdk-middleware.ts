/**
 * Budget forcing inside the Vercel AI SDK: `budgetForcingMiddleware` wraps an OpenAI-compatible
 * completion model, and `generateText` / `streamText` return the thinking, capped by the budget,
 * as reasoning and the answer as text.
 *
 *   npx tsx examples/ai-sdk-middleware.ts
 *       offline: against a loopback vLLM-compatible server started here, whose scripted model
 *       thinks in three rounds about 17 × 3
 *   S1_BASE_URL=http://localhost:8000/v1 S1_MODEL=simplescaling/s1.1-32B npx tsx examples/ai-sdk-middleware.ts
 *       against your vLLM server (`vllm serve simplescaling/s1.1-32B`). The tokenizer is Qwen2.5's,
 *       which every s1 model uses; for another model, load its own with loadTokenizer(folder).
 */
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { budgetForcingMiddleware, rawCompletionFetch } from '@s1/budget-forcing/ai-sdk';
import { createThinkingScript, startVllmCompatibleServer } from '@s1/budget-forcing/testing';
import { loadTokenizer } from '@s1/chat-template';
import { resolveQwen25TokenizerFolder } from '@s1/errors';
import { generateText, streamText, wrapLanguageModel } from 'ai';

const tokenizer = await loadTokenizer(resolveQwen25TokenizerFolder(import.meta.url));
const server = process.env.S1_BASE_URL
  ? undefined
  : await startVllmCompatibleServer({
      tokenizer,
      model: createThinkingScript({
        tokenizer,
        thoughts: [
          '\n17 × 3 = 10 × 3 + 7 × 3 = 30 + 21 = 51.\n',
          ' Check: 51 / 3 = 17.\n',
          ' Sure.\n',
        ],
        answer: 'The answer is 51.',
      }),
    });

const vllm = createOpenAICompatible({
  name: 'vllm',
  baseURL: server?.baseURL ?? String(process.env.S1_BASE_URL),
  // Sends the middleware's prompts as they are (the provider would frame them as a chat), with
  // vLLM's fields that keep the s1 delimiters in the returned text.
  fetch: rawCompletionFetch({ server: 'vllm' }),
});
const model = wrapLanguageModel({
  model: vllm.completionModel(process.env.S1_MODEL ?? 's1'), // 's1': the loopback server's name
  // The default for every call: at most 64 thinking tokens.
  middleware: budgetForcingMiddleware({ tokenizer, thinking: { max: 64 } }),
});
const prompt = 'What is 17 × 3?';

const show = (label: string, result: Awaited<ReturnType<typeof generateText>>) => {
  // The controller's account of the run: thinking tokens, rounds, how thinking ended, requests.
  const s1 = result.providerMetadata?.s1 ?? {};
  console.log(`— ${label}: ${s1.thinkingTokens} thinking tokens, ended by ${s1.thinkingEnd}`);
  console.log(`reasoning: ${JSON.stringify(result.reasoningText)}`);
  console.log(`text:      ${JSON.stringify(result.text)}`);
};

// 1. The model's own thinking, within the default budget.
show('generateText, max 64', await generateText({ model, prompt }));

// 2. A tighter budget for one call: thinking is cut at 8 tokens and the answer forced.
const providerOptions = { s1: { thinking: { max: 8 } } };
show('generateText, max 8', await generateText({ model, prompt, providerOptions }));

// 3. Streamed, with the model's first end of thinking suppressed and "Wait" appended.
console.log('— streamText, ignoreEnd 1 —');
const stream = streamText({
  model,
  prompt,
  providerOptions: { s1: { thinking: { ignoreEnd: 1 } } },
});
for await (const part of stream.fullStream) {
  if (part.type === 'reasoning-start') process.stdout.write('reasoning: ');
  else if (part.type === 'text-start') process.stdout.write('\ntext:      ');
  else if (part.type === 'reasoning-delta' || part.type === 'text-delta') {
    process.stdout.write(part.text);
  }
}
const usage = await stream.usage;
console.log(
  `\n${usage.outputTokenDetails.reasoningTokens} of ${usage.outputTokens} tokens reasoning`,
);

await server?.close();
