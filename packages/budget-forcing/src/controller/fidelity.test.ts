import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createChatTemplate, type Tokenizer } from '@s1/chat-template';
import { beforeAll, describe, expect, it } from 'vitest';
import { testGoldenFreshness } from '../../../../tooling/golden-freshness';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { createOpenAICompatibleBackend } from '../openai/index';
import type { BackendV1 } from '../spec/backend-v1';
import {
  createScriptedBackend,
  createThinkingScript,
  type ScriptedThought,
  startVllmCompatibleServer,
} from '../testing/index';
import { createBudgetForcing } from './create-budget-forcing';
import type { FidelityMode, ThinkingOptions } from './options';

// One record per case, written by scripts/fidelity-cases.py, which runs its own restatement of the
// s1 reference code (github.com/simplescaling/s1: the README's "vLLM with budget forcing" snippet,
// and `VLLM._model_generate` in `eval/lm-evaluation-harness/lm_eval/models/vllm_causallms.py`), or
// of the SDK's rules for `exact` mode, over this file's scripted model: the requests the reference
// sends and the text it returns. Pieces: "$prompt" / "$promptText" (the chat prompt as ids /
// text), "$start" (<|im_start|>think), "$out:i" / "$out:i-stop" (ids returned by request i, with
// or without its stop token), "$text:i" (its text), { cut, to } (ids cut to a length), or literal
// text (its ids).
type Piece = string | { cut: Piece[]; to: number };
interface ExpectedRequest {
  prompt: Piece[];
  maxTokens: number;
  minTokens: number;
  stop: string[];
  stopTokenIds: number[];
}
interface FidelityCase {
  name: string;
  mode: FidelityMode;
  thinking: ThinkingOptions;
  thoughts: (string | ScriptedThought)[];
  requests: ExpectedRequest[];
  text: Piece[];
  thinkingTokens?: number;
  hitBudget: boolean;
  rounds: number;
  thinkingEnd: 'model' | 'eos' | 'budget';
}
interface RecordedCall {
  prompt: number[] | string;
  maxTokens: number;
  minTokens: number;
  stop: string[];
  stopTokenIds: number[];
  outputIds: number[];
  outputText: string;
}

const cases: FidelityCase[] = readFileSync(
  new URL('./__fixtures__/fidelity-cases.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line));

const question = [{ role: 'user', content: 'How many r in raspberry?' }];
const promptText = createChatTemplate({ preset: 's1' }).render(question, {
  addGenerationPrompt: true,
});
const stopIds = new Set([151644, 151645]);

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await qwen25Tokenizer();
});

function scriptFor(fidelityCase: FidelityCase) {
  return createThinkingScript({
    tokenizer,
    thoughts: fidelityCase.thoughts,
    answer: 'There are 3 r.',
  });
}

async function run(fidelityCase: FidelityCase, backend: BackendV1) {
  const controller = createBudgetForcing({
    backend,
    mode: fidelityCase.mode,
    thinking: fidelityCase.thinking,
  });
  return controller.generate({ messages: question });
}

function resolveIds(piece: Piece, calls: RecordedCall[]): number[] {
  if (typeof piece !== 'string')
    return piece.cut.flatMap((part) => resolveIds(part, calls)).slice(0, piece.to);
  if (piece === '$prompt') return tokenizer.encode(promptText);
  if (piece === '$start') return tokenizer.encode('<|im_start|>think');
  const output = /^\$out:(\d+)(-stop)?$/.exec(piece);
  if (output !== null) {
    const ids = calls[Number(output[1])]?.outputIds ?? [];
    return output[2] !== undefined && stopIds.has(ids[ids.length - 1] as number)
      ? ids.slice(0, -1)
      : ids;
  }
  return tokenizer.encode(resolveText(piece, calls));
}

function resolveText(piece: Piece, calls: RecordedCall[]): string {
  if (typeof piece !== 'string') throw new Error('a cut has no text');
  if (piece === '$promptText') return promptText;
  const text = /^\$text:(\d+)$/.exec(piece);
  return text === null ? piece : (calls[Number(text[1])]?.outputText ?? '');
}

// With a context, each request's max_tokens is what the reference asks, cut to what the prompt
// leaves: what vLLM's offline engine generates at most, sent so that a server accepts it.
function expectRequests(
  fidelityCase: FidelityCase,
  calls: RecordedCall[],
  contextLength = Number.POSITIVE_INFINITY,
) {
  expect(calls.map(({ outputIds: _, outputText: __, ...request }) => request)).toEqual(
    fidelityCase.requests.map((request) => {
      const prompt = request.prompt.includes('$promptText')
        ? request.prompt.map((piece) => resolveText(piece, calls)).join('')
        : request.prompt.flatMap((piece) => resolveIds(piece, calls));
      const promptTokens =
        typeof prompt === 'string' ? tokenizer.encode(prompt).length : prompt.length;
      return {
        ...request,
        prompt,
        maxTokens: Math.min(request.maxTokens, contextLength - promptTokens),
      };
    }),
  );
}

async function expectResult(
  fidelityCase: FidelityCase,
  backend: BackendV1,
  calls: () => RecordedCall[],
) {
  const result = await run(fidelityCase, backend);
  expect(result.text).toBe(fidelityCase.text.map((piece) => resolveText(piece, calls())).join(''));
  if (fidelityCase.thinkingTokens !== undefined)
    expect(result.thinkingTokens).toBe(fidelityCase.thinkingTokens);
  expect(result.hitBudget).toBe(fidelityCase.hitBudget);
  expect(result.rounds).toBe(fidelityCase.rounds);
  expect(result.thinkingEnd).toBe(fidelityCase.thinkingEnd);
  expect(result.usage.requests).toBe(fidelityCase.requests.length);
  return result;
}

describe.each(cases.map((fidelityCase) => [fidelityCase.name, fidelityCase] as const))(
  'fidelity: %s',
  (_name, fidelityCase) => {
    it('should send the reference requests and return its text on the scripted backend', async () => {
      const backend = createScriptedBackend({
        model: scriptFor(fidelityCase),
        tokenizer,
        variant: 'segments',
      });
      const calls = () =>
        backend.calls.flatMap((call) =>
          call.kind === 'generate'
            ? [
                {
                  prompt: call.prompt,
                  maxTokens: call.maxTokens,
                  minTokens: call.minTokens,
                  stop: [...(call.stop?.strings ?? [])],
                  stopTokenIds: [...(call.stop?.tokenIds ?? [])],
                  outputIds: call.result.tokenIds ?? [],
                  outputText: call.result.text,
                },
              ]
            : [],
        );
      await expectResult(fidelityCase, backend, calls);
      expectRequests(fidelityCase, calls());
    });

    it('should send the same requests, within the context, over HTTP to a vLLM-compatible server', async () => {
      const maxModelLen = 32768;
      const server = await startVllmCompatibleServer({
        model: scriptFor(fidelityCase),
        tokenizer,
        maxModelLen,
      });
      try {
        const backend = createOpenAICompatibleBackend({
          baseURL: server.baseURL,
          model: 's1',
          tokenizer,
        });
        const calls = () =>
          server.completions().map(({ body, tokenIds, text }) => ({
            prompt: body.prompt as number[] | string,
            maxTokens: body.max_tokens as number,
            minTokens: (body.min_tokens as number | undefined) ?? 0,
            stop: (body.stop as string[] | undefined) ?? [],
            stopTokenIds: (body.stop_token_ids as number[] | undefined) ?? [],
            outputIds: tokenIds ?? [],
            outputText: text ?? '',
          }));
        await expectResult(fidelityCase, backend, calls);
        expectRequests(fidelityCase, calls(), maxModelLen);
      } finally {
        await server.close();
      }
    });

    // Only exact mode has a token-stepping run of its own; the reference modes send segments on
    // every backend.
    if (fidelityCase.mode === 'exact') {
      it('should give the same result by token stepping', async () => {
        const segments = await run(
          fidelityCase,
          createScriptedBackend({ model: scriptFor(fidelityCase), tokenizer, variant: 'segments' }),
        );
        const stepping = await run(
          fidelityCase,
          createScriptedBackend({ model: scriptFor(fidelityCase), tokenizer, variant: 'stepping' }),
        );
        expect({ ...stepping, usage: undefined }).toEqual({ ...segments, usage: undefined });
      });
    }
  },
);

testGoldenFreshness({
  script: 'scripts/fidelity-cases.py',
  cwd: fileURLToPath(new URL('../..', import.meta.url)),
});
