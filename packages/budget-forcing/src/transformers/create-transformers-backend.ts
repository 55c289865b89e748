import { loadTokenizer } from '@s1/chat-template';
import { type OptionsOf, objectSchema, validate } from '@s1/errors';
import { z } from 'zod';
import { backendTokenizerFrom, tokenizerSchema } from '../common/backend-tokenizer';
import { defaultThreads, onnxRuntimeThreadOptions, threadsSchema } from '../common/cpu-threads';
import { importOptional } from '../common/import-optional';
import { BackendError } from '../errors/backend-error';
import type { OpenSessionRequest, StepSession } from '../spec/backend-v1';
import { createSteppingBackend } from '../stepping/create-stepping-backend';
import { createLogitsSession } from '../stepping/logits-session';
import type { TransformersModule, TransformersTensor } from './transformers-module';

const transformersShape = {
  /** A local model folder transformers.js can load: config.json, tokenizer files, onnx/model.onnx. */
  model: z.string().min(1),
  /** Precision of the weights transformers.js loads. @default 'fp32' */
  dtype: z.enum(['fp32', 'fp16', 'q8']).optional(),
  /** transformers.js device. @default 'cpu' */
  device: z.string().min(1).optional(),
  /**
   * CPU threads of each operator (the `intraOpNumThreads` of the model's ONNX Runtime session);
   * operators run one at a time. @default `os.availableParallelism()`, the CPUs this process may use
   */
  threads: threadsSchema.optional(),
  /** The transformers.js module. @default import('@huggingface/transformers') */
  lib: objectSchema<TransformersModule>('the @huggingface/transformers module').optional(),
  /** The model's tokenizer. @default loadTokenizer(model) */
  tokenizer: tokenizerSchema.optional(),
  /** Most tokens a sequence holds, prompt and generation together. @default `max_position_embeddings` of config.json */
  contextLength: z.number().int().positive().optional(),
};

const optionsSchema = z.strictObject(transformersShape);

/**
 * Options of {@link createTransformersBackend}.
 *
 * @useDeclaredType
 */
export type TransformersBackendOptions = OptionsOf<typeof transformersShape>;

const provider = 'transformers';

/**
 * An in-process backend on transformers.js, offline, on a local model folder. It steps tokens by
 * calling the model's forward pass itself and handing each step's `present.*` cache back as the
 * next step's `past_key_values.*`, so the prompt is encoded once and nothing is recomputed.
 */
export async function createTransformersBackend(options: TransformersBackendOptions) {
  validate(optionsSchema, options, 'transformers.js backend options');
  const transformers =
    options.lib ??
    (await importOptional(
      '@huggingface/transformers',
      provider,
      () => import('@huggingface/transformers') as Promise<unknown> as Promise<TransformersModule>,
    ));
  let model: Awaited<ReturnType<TransformersModule['AutoModelForCausalLM']['from_pretrained']>>;
  try {
    model = await transformers.AutoModelForCausalLM.from_pretrained(options.model, {
      dtype: options.dtype ?? 'fp32',
      device: options.device ?? 'cpu',
      local_files_only: true,
      session_options: onnxRuntimeThreadOptions(options.threads ?? defaultThreads()),
    });
  } catch (error) {
    throw new BackendError({
      provider,
      message: `transformers.js could not load ${options.model}: ${String(error)}`,
      cause: error,
    });
  }
  const tokenizer = options.tokenizer ?? (await loadTokenizer(options.model));
  const int64 = (values: readonly number[], dims: number[]) =>
    new transformers.Tensor('int64', BigInt64Array.from(values, BigInt), dims);

  const open = ({ promptIds, sampling }: OpenSessionRequest): Promise<StepSession> => {
    let cache: Record<string, TransformersTensor> | undefined;
    let length = 0;
    return createLogitsSession({
      promptIds,
      sampling,
      forward: async (ids) => {
        const outputs = await model({
          input_ids: int64(ids, [1, ids.length]),
          attention_mask: int64(new Array(length + ids.length).fill(1), [1, length + ids.length]),
          ...(cache === undefined ? {} : { past_key_values: cache }),
        });
        length += ids.length;
        // This step's cache is the next step's past, under the names the model reads.
        cache = {};
        for (const [name, tensor] of Object.entries(outputs)) {
          if (name.startsWith('present.'))
            cache[name.replace('present.', 'past_key_values.')] = tensor;
        }
        const all = outputs.logits?.data as Float32Array;
        const vocabulary = outputs.logits?.dims[2] ?? all.length;
        return all.subarray(all.length - vocabulary);
      },
      release: () => {
        cache = undefined;
      },
    });
  };

  const configured = model.config?.max_position_embeddings;
  return createSteppingBackend({
    provider,
    modelId: options.model,
    tokenizer: backendTokenizerFrom(tokenizer),
    open,
    contextLength:
      options.contextLength ?? (typeof configured === 'number' ? configured : undefined),
    close: async () => {
      await model.dispose();
    },
  });
}
