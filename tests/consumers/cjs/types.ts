// A CommonJS file (the project's "type" is "commonjs"): its imports compile to require() of the
// ESM packages, which TypeScript accepts with `module: node20` or `nodenext` (TypeScript 5.8+).
import { createBudgetForcing, sampleN } from '@s1/budget-forcing';
import { createOpenAICompatibleBackend } from '@s1/budget-forcing/openai';
import { createThinkingScript, startVllmCompatibleServer } from '@s1/budget-forcing/testing';
import { createChatTemplate, loadTokenizer } from '@s1/chat-template';
import { runCli } from '@s1/cli';
import { S1Error } from '@s1/errors';
import { type EvalSummary, writeReport } from '@s1/eval';
import { createTinyQwen2 } from '@s1/model-io';
import { createSelection } from '@s1/selection';
import { createBudgetForcingServer, type ListeningServer } from '@s1/server';
import { tokenizeRecords } from '@s1/sft-data';
import { type TrainResult, train } from '@s1/trainer-cuda';

export async function generate(folder: string): Promise<string[]> {
  const tokenizer = await loadTokenizer(folder);
  const model = createThinkingScript({ tokenizer, thoughts: ['x'], answer: 'y' });
  const server = await startVllmCompatibleServer({ model, tokenizer });
  const backend = createOpenAICompatibleBackend({ baseURL: server.baseURL, model: 's1' });
  const controller = createBudgetForcing({ backend, thinking: { max: 100 } });
  const prompt = createChatTemplate({ preset: 's1' }).render([{ role: 'user', content: 'q' }]);
  const results = await sampleN({ n: 2, run: () => controller.generate({ prompt }) });
  return results.map((result) => result.answer);
}

export const unused = [runCli, writeReport, createSelection, createTinyQwen2, tokenizeRecords];
export const isError = (error: unknown): boolean => S1Error.isInstance(error);
export type Summary = EvalSummary;
export const trained: Promise<TrainResult> = train({
  model: 'm',
  data: 'd.jsonl',
  outDir: 'o',
  epochs: 1,
});

export async function serve(folder: string): Promise<ListeningServer> {
  const tokenizer = await loadTokenizer(folder);
  const model = createThinkingScript({ tokenizer, thoughts: ['x'], answer: 'y' });
  const upstream = await startVllmCompatibleServer({ model, tokenizer });
  const backend = createOpenAICompatibleBackend({ baseURL: upstream.baseURL, model: 's1' });
  return createBudgetForcingServer({ backend, thinking: { max: 100 } }).listen({ port: 0 });
}
