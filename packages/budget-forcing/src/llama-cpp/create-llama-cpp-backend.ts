import { stat } from 'node:fs/promises';
import { type OptionsOf, objectSchema, validate } from '@s1/errors';
import { readGgufHeader } from '@s1/model-io';
import { z } from 'zod';
import { defaultThreads, threadsSchema } from '../common/cpu-threads';
import { importOptional } from '../common/import-optional';
import { BackendError } from '../errors/backend-error';
import type { BackendTokenizer, OpenSessionRequest, StepSession } from '../spec/backend-v1';
import { createSteppingBackend, type SteppingBackend } from '../stepping/create-stepping-backend';
import { createTokenSampler } from '../stepping/token-sampler';
import type {
  GenerateNextOptions,
  LlamaContextLike,
  NodeLlamaCppModule,
} from './node-llama-cpp-module';

const llamaCppShape = {
  /** A GGUF file. */
  model: z.string().min(1),
  /** Tokens of context per session. @default 4096 */
  contextSize: z.number().int().positive().optional(),
  /** Sessions that can be open at once. @default 4 */
  sessions: z.number().int().positive().optional(),
  /** `false` (default: CPU) or node-llama-cpp's `gpu` option ('auto', 'cuda', 'vulkan', 'metal'). */
  gpu: z.union([z.literal(false), z.enum(['auto', 'cuda', 'vulkan', 'metal'])]).optional(),
  /** CPU threads. @default `os.availableParallelism()`, the CPUs this process may use */
  threads: threadsSchema.optional(),
  /** Precision of the KV cache. F32 matches other runtimes to the last digits. @default 'F16' */
  kvCacheType: z.enum(['F16', 'F32']).optional(),
  /** The node-llama-cpp module. @default import('node-llama-cpp') */
  lib: objectSchema<NodeLlamaCppModule>('the node-llama-cpp module').optional(),
};

const optionsSchema = z.strictObject(llamaCppShape);

/**
 * Options of {@link createLlamaCppBackend}.
 *
 * @useDeclaredType
 */
export type LlamaCppBackendOptions = OptionsOf<typeof llamaCppShape>;

const provider = 'llama-cpp';

/**
 * An in-process backend on llama.cpp (node-llama-cpp) for GGUF models. It steps tokens with
 * `controlledEvaluate`: appended tokens are evaluated together with the next sample, which llama.cpp
 * draws natively, with a token bias for suppressed ids and a per-step seed. Suppressing an
 * end-of-generation token (where llama.cpp ignores a bias) reads the logits and samples here.
 */
export async function createLlamaCppBackend(
  options: LlamaCppBackendOptions,
): Promise<SteppingBackend> {
  validate(optionsSchema, options, 'llama.cpp backend options');
  const module =
    options.lib ??
    (await importOptional(
      'node-llama-cpp',
      provider,
      () => import('node-llama-cpp') as Promise<unknown> as Promise<NodeLlamaCppModule>,
    ));
  if (!(await stat(options.model).catch(() => undefined))?.isFile()) {
    throw new BackendError({ provider, message: `no GGUF file at ${options.model}` });
  }
  // llama.cpp may spend minutes and gigabytes on a damaged file before it fails; the header
  // check refuses one in milliseconds, with what is wrong.
  await readGgufHeader(options.model, { tensorTypes: 'any' });
  let context: LlamaContextLike;
  let model: Awaited<ReturnType<Awaited<ReturnType<NodeLlamaCppModule['getLlama']>>['loadModel']>>;
  try {
    const llama = await module.getLlama({
      gpu: options.gpu ?? false,
      build: 'never',
      logLevel: 'error',
    });
    model = await llama.loadModel({ modelPath: options.model });
    const kvCacheType = options.kvCacheType ?? 'F16';
    context = await model.createContext({
      contextSize: options.contextSize ?? 4096,
      // llama.cpp's own default oversubscribes small machines (hundreds of ms per token on 2 cores).
      threads: options.threads ?? defaultThreads(),
      sequences: options.sessions ?? 4,
      flashAttention: false,
      experimentalKvCacheKeyType: kvCacheType,
      experimentalKvCacheValueType: kvCacheType,
    });
  } catch (error) {
    throw new BackendError({
      provider,
      message: `llama.cpp could not load ${options.model}: ${String(error)}`,
      cause: error,
    });
  }
  const eos = model.tokens.eos;
  const tokenizer: BackendTokenizer = {
    encode: (text) => model.tokenize(text, true),
    decode: (ids) => model.detokenize(ids, true),
    eosTokenIds: eos === null ? [] : [eos],
  };

  // llama.cpp ignores a bias on end-of-generation tokens, so suppressing one needs the logits.
  const endOfGeneration = new Set(
    [model.tokens.eos, model.tokens.eot].filter((id): id is number => id !== null),
  );
  const bias = (ids: readonly number[]) => {
    const tokenBias = new module.TokenBias(model.tokenizer as never);
    for (const id of ids) tokenBias.set(id, 'never');
    return tokenBias;
  };

  const open = async ({ promptIds, sampling }: OpenSessionRequest): Promise<StepSession> => {
    let sequence: ReturnType<LlamaContextLike['getSequence']>;
    try {
      sequence = context.getSequence();
    } catch (error) {
      throw new BackendError({
        provider,
        message: `every session is in use; close one or raise "sessions" (${String(error)})`,
        cause: error,
      });
    }
    const fallbackSampler = createTokenSampler(sampling);
    // Appended tokens wait here and are evaluated by the next sample(), with its options.
    let pending = [...promptIds];
    let lastEvaluated: number | undefined;
    let step = 0;
    const evaluateNext = async (generateNext: GenerateNextOptions) => {
      let input = pending;
      pending = [];
      if (input.length === 0 && lastEvaluated !== undefined) {
        // Sampling again at the same position: take the last token out and evaluate it again.
        const end = sequence.nextTokenIndex;
        await sequence.eraseContextTokenRanges([{ start: end - 1, end }]);
        input = [lastEvaluated];
      }
      lastEvaluated = input[input.length - 1];
      const results = await sequence.controlledEvaluate(
        input.map((id, index) =>
          index === input.length - 1 ? ([id, { generateNext }] as const) : id,
        ),
      );
      const next = results[results.length - 1]?.next;
      if (next === undefined)
        throw new BackendError({
          provider,
          message: 'llama.cpp returned nothing for the last token',
        });
      return next;
    };
    return {
      async sample({ suppress = [] } = {}) {
        step++;
        if (!suppress.some((id) => endOfGeneration.has(id))) {
          const next = await evaluateNext({
            token: true,
            options: {
              temperature: sampling?.temperature ?? 0,
              ...(sampling?.topP === undefined ? {} : { topP: sampling.topP }),
              ...(sampling?.seed === undefined ? {} : { seed: sampling.seed + step }),
              ...(suppress.length > 0 ? { tokenBias: bias(suppress) } : {}),
            },
          });
          if (typeof next.token === 'number') return next.token;
        }
        const next = await evaluateNext({ logits: true });
        const logits = new Float32Array(next.logits?.size ?? 0);
        for (const [token, value] of next.logits ?? []) logits[token] = value;
        return fallbackSampler(logits, suppress);
      },
      append: async (ids) => {
        pending.push(...ids);
      },
      close: async () => sequence.dispose(),
    };
  };

  return createSteppingBackend({
    provider,
    modelId: options.model,
    tokenizer,
    open,
    contextLength: context.contextSize,
    close: async () => {
      await context.dispose();
      await model.dispose();
    },
  });
}
