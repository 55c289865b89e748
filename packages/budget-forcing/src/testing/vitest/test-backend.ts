import { describe, expect, it } from 'vitest';
import { createBudgetForcing } from '../../controller/create-budget-forcing';
import { GenerationAbortedError } from '../../errors/abort-error';
import type { BackendV1, Prompt, SegmentRequest } from '../../spec/backend-v1';
import { segmentGenerator } from '../../spec/segments-from-steps';

export interface TestBackendOptions {
  /** Shown in the test names. */
  name: string;
  /** Creates the backend under test (called once per test). */
  create: () => BackendV1 | Promise<BackendV1>;
  /** A prompt the model continues for at least 8 tokens. @default an s1 chat prompt */
  prompt?: string | undefined;
  /** Frees what `create` started (servers, models). */
  dispose?: ((backend: BackendV1) => void | Promise<void>) | undefined;
  /**
   * Each test's time limit, model loading included: generous, so that a loaded machine passes.
   * @default 120000
   */
  timeoutMs?: number | undefined;
}

const defaultPrompt =
  '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nCount from one to twenty.<|im_end|>\n<|im_start|>assistant\n<|im_start|>think';

/**
 * The conformance suite of the backend spec v1: registers vitest tests that check a backend's
 * declared capabilities against what it does, with greedy decoding on its own model. Every
 * backend of the SDK runs it.
 *
 * @example
 * testBackend({ name: 'my runtime', create: () => createMyBackend({ … }) });
 */
export function testBackend(options: TestBackendOptions): void {
  const prompt = options.prompt ?? defaultPrompt;
  // Tests of a capability the backend does not declare are reported as skipped, with the reason.
  const withBackend =
    (test: (backend: BackendV1, skip: (reason: string) => never) => Promise<void>) =>
    async (context: { skip: (note?: string) => never }) => {
      const backend = await options.create();
      try {
        await test(backend, (reason) => context.skip(reason));
      } finally {
        await options.dispose?.(backend);
      }
    };
  const promptOf = async (backend: BackendV1): Promise<Prompt> =>
    backend.capabilities.promptTokenIds
      ? { tokenIds: await backend.tokenizer.encode(prompt) }
      : { text: prompt };
  const greedy = async (backend: BackendV1, request: Partial<SegmentRequest> = {}) =>
    segmentGenerator(backend)({
      prompt: await promptOf(backend),
      maxTokens: 8,
      sampling: { temperature: 0, seed: 1 },
      ...request,
    });

  describe(`backend conformance: ${options.name}`, {
    timeout: options.timeoutMs ?? 120_000,
  }, () => {
    it(
      'should declare spec v1 and offer exactly the methods its capabilities name',
      withBackend(async (backend) => {
        expect(backend.specificationVersion).toBe('v1');
        expect(backend.provider).not.toBe('');
        expect(backend.capabilities.segments).toBe(typeof backend.generate === 'function');
        expect(backend.capabilities.stepping).toBe(typeof backend.open === 'function');
        expect(backend.capabilities.segments || backend.capabilities.stepping).toBe(true);
        if (backend.capabilities.stepping) expect(typeof backend.tokenizer.decode).toBe('function');
      }),
    );

    it(
      'should encode and decode text losslessly',
      withBackend(async (backend) => {
        const text = 'Wait, 3 × 4 = 12.\n<|im_start|>answer';
        const ids = await backend.tokenizer.encode(text);
        expect(ids.length).toBeGreaterThan(0);
        if (backend.tokenizer.decode !== undefined)
          expect(backend.tokenizer.decode(ids)).toBe(text);
      }),
    );

    it(
      'should stop at maxTokens with finish reason "length"',
      withBackend(async (backend) => {
        const result = await greedy(backend, { maxTokens: 5 });
        expect(result.completionTokens).toBeLessThanOrEqual(5);
        if (result.finishReason === 'length') expect(result.completionTokens).toBe(5);
        if (result.tokenIds !== undefined)
          expect(result.tokenIds.length).toBe(result.completionTokens);
      }),
    );

    it(
      'should be deterministic under greedy decoding',
      withBackend(async (backend) => {
        const [first, second] = [await greedy(backend), await greedy(backend)];
        expect(second).toEqual(first);
      }),
    );

    it(
      'should keep a stop token id in the ids but not in the text',
      withBackend(async (backend, skip) => {
        const { stopTokenIds, returnsTokenIds } = backend.capabilities;
        if (!stopTokenIds || !returnsTokenIds) skip('needs stopTokenIds and returnsTokenIds');
        const free = (await greedy(backend)).tokenIds ?? [];
        const stopAt = free.findIndex(
          (id, index) => index > 0 && !free.slice(0, index).includes(id),
        );
        if (stopAt === -1) skip('the greedy output repeats one token');
        const stopId = free[stopAt] as number;
        const stopped = await greedy(backend, { stop: { tokenIds: [stopId] } });
        expect(stopped.finishReason).toBe('stop');
        expect(stopped.stopReason).toBe(stopId);
        expect(stopped.tokenIds).toEqual(free.slice(0, stopAt + 1));
        const decode = backend.tokenizer.decode;
        if (decode !== undefined) expect(stopped.text).toBe(decode(free.slice(0, stopAt)));
      }),
    );

    it(
      'should suppress stop token ids until minTokens',
      withBackend(async (backend, skip) => {
        const { stopTokenIds, minTokens, returnsTokenIds } = backend.capabilities;
        if (!stopTokenIds || !minTokens || !returnsTokenIds) {
          skip('needs stopTokenIds, minTokens and returnsTokenIds');
        }
        const first = (await greedy(backend, { maxTokens: 1 })).tokenIds?.[0] as number;
        const immediate = await greedy(backend, { stop: { tokenIds: [first] } });
        expect(immediate.completionTokens).toBe(1);
        const delayed = await greedy(backend, { stop: { tokenIds: [first] }, minTokens: 1 });
        expect(delayed.tokenIds?.[0]).not.toBe(first);
      }),
    );

    it(
      'should end a segment on a stop string and leave it out of the text',
      withBackend(async (backend, skip) => {
        const free = await greedy(backend, { maxTokens: 12 });
        const stopString = free.text.trim().slice(0, 3);
        if (stopString.length < 2) skip('the greedy output has no text to stop on');
        const stopped = await greedy(backend, { maxTokens: 12, stop: { strings: [stopString] } });
        expect(stopped.finishReason).toBe('stop');
        expect(stopped.text).toBe(free.text.slice(0, free.text.indexOf(stopString)));
      }),
    );

    it(
      'should stream deltas that add up to the text',
      withBackend(async (backend, skip) => {
        if (!backend.capabilities.streaming) skip('needs streaming');
        const deltas: string[] = [];
        const result = await greedy(backend, {
          maxTokens: 10,
          onDelta: ({ text }) => deltas.push(text),
        });
        expect(deltas.join('')).toBe(result.text);
      }),
    );

    it(
      'should sample and append one token at a time like greedy segments',
      withBackend(async (backend, skip) => {
        const open = backend.open;
        if (!backend.capabilities.stepping || open === undefined) return skip('needs stepping');
        const promptIds = await backend.tokenizer.encode(prompt);
        const session = await open.call(backend, { promptIds, sampling: { temperature: 0 } });
        const other = await open.call(backend, { promptIds, sampling: { temperature: 0 } });
        try {
          const stepped: number[] = [];
          for (let index = 0; index < 6; index++) {
            const id = await session.sample();
            await session.append([id]);
            stepped.push(id);
          }
          const eos = new Set(backend.tokenizer.eosTokenIds);
          const end = stepped.findIndex((id) => eos.has(id));
          const comparable = end === -1 ? stepped : stepped.slice(0, end + 1);
          const segment = await segmentGenerator(backend)({
            prompt: { tokenIds: promptIds },
            maxTokens: 6,
            sampling: { temperature: 0 },
          });
          expect(segment.tokenIds ?? comparable).toEqual(comparable);
          const firstId = stepped[0] as number;
          expect(await other.sample({ suppress: [firstId] })).not.toBe(firstId);
        } finally {
          await session.close();
          await other.close();
        }
      }),
    );

    it(
      'should reject with GenerationAbortedError for an aborted signal',
      withBackend(async (backend) => {
        const controller = new AbortController();
        controller.abort(new Error('cancelled'));
        await expect(greedy(backend, { signal: controller.signal })).rejects.toThrow(
          GenerationAbortedError,
        );
      }),
    );

    it(
      'should hold a thinking budget under the budget-forcing controller',
      withBackend(async (backend) => {
        const controller = createBudgetForcing({
          backend,
          thinking: { max: 6 },
          answer: { maxTokens: 8 },
        });
        const result = await controller.generate({
          prompt: prompt.replace(/<\|im_start\|>think$/, ''),
        });
        expect(result.thinkingTokens - result.graceTokens).toBeLessThanOrEqual(6);
        expect(result.text.startsWith('<|im_start|>think')).toBe(true);
      }),
    );
  });
}
