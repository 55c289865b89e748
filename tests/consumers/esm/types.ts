// Type-checked with moduleResolution node16 and bundler against the packed declarations.
import {
  type BackendV1,
  type BudgetForcingResult,
  createBudgetForcing,
  sampleN,
} from '@s1/budget-forcing';
import { budgetForcingMiddleware } from '@s1/budget-forcing/ai-sdk';
import { createLlamaCppBackend } from '@s1/budget-forcing/llama-cpp';
import { createOnnxRuntimeBackend } from '@s1/budget-forcing/onnxruntime';
import { createOpenAICompatibleBackend } from '@s1/budget-forcing/openai';
import { createThinkingScript, startVllmCompatibleServer } from '@s1/budget-forcing/testing';
import { type TestBackendOptions, testBackend } from '@s1/budget-forcing/testing/vitest';
import { createTransformersBackend } from '@s1/budget-forcing/transformers';
import { createChatTemplate, loadTokenizer, type Tokenizer } from '@s1/chat-template';
import { createProgram, runCli } from '@s1/cli';
import { S1Error } from '@s1/errors';
import { type EvalSummary, summarizeResults, writeReport } from '@s1/eval';
import { createTinyQwen2, type TinyQwen2 } from '@s1/model-io';
import { createSelection, s1KAccessors } from '@s1/selection';
import { createBudgetForcingServer, type ListeningServer } from '@s1/server';
import { type TokenizedRecord, tokenizeRecords } from '@s1/sft-data';
import { type TrainResult, train } from '@s1/trainer-cuda';

export async function generate(folder: string): Promise<BudgetForcingResult[]> {
  const tokenizer: Tokenizer = await loadTokenizer(folder);
  const model = createThinkingScript({ tokenizer, thoughts: ['x'], answer: 'y' });
  const server = await startVllmCompatibleServer({ model, tokenizer });
  const backend: BackendV1 = createOpenAICompatibleBackend({
    baseURL: server.baseURL,
    model: 's1',
  });
  const controller = createBudgetForcing({ backend, thinking: { max: 100 } });
  const prompt: string = createChatTemplate({ preset: 's1' }).render([
    { role: 'user', content: 'q' },
  ]);
  return sampleN({ n: 2, run: () => controller.generate({ prompt }) });
}

export const options: TestBackendOptions = { name: 'n', create: () => ({}) as BackendV1 };
export const unused = [
  testBackend,
  budgetForcingMiddleware,
  createLlamaCppBackend,
  createOnnxRuntimeBackend,
  createTransformersBackend,
  createProgram,
  runCli,
  summarizeResults,
  writeReport,
  createSelection,
  s1KAccessors,
];
export const isError = (error: unknown): boolean => S1Error.isInstance(error);
export const tiny: TinyQwen2 = createTinyQwen2({ layers: 1 });
export const tokenized: Promise<TokenizedRecord[]> = tokenizeRecords([], { tokenizer: '.' });
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
