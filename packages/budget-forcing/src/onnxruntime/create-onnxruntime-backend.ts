import { join } from 'node:path';
import { loadTokenizer } from '@s1/chat-template';
import { type OptionsOf, objectSchema, S1Error, validate } from '@s1/errors';
import { z } from 'zod';
import { backendTokenizerFrom, tokenizerSchema } from '../common/backend-tokenizer';
import { defaultThreads, onnxRuntimeThreadOptions, threadsSchema } from '../common/cpu-threads';
import { importOptional } from '../common/import-optional';
import { BackendError } from '../errors/backend-error';
import type { OpenSessionRequest, SegmentResult, StepSession } from '../spec/backend-v1';
import { createSteppingBackend, type SteppingBackend } from '../stepping/create-stepping-backend';
import { createLogitsSession } from '../stepping/logits-session';
import { type DecoderShape, readDecoderShape } from './decoder-config';
import { type BatchRequest, generateBatchOnOnnx } from './generate-batch';
import type { OrtModule, OrtSession, OrtTensor } from './ort-module';

const onnxRuntimeShape = {
  /** A model folder: config.json, the tokenizer files, and the ONNX decoder (`onnx/model.onnx`). */
  model: z.string().min(1),
  /** The ONNX file inside the folder. @default 'onnx/model.onnx' */
  modelFile: z.string().min(1).optional(),
  /** `cpu` (default) or `cuda` (needs onnxruntime-node installed with CUDA). */
  executionProvider: z.enum(['cpu', 'cuda']).optional(),
  /**
   * CPU threads of each operator (ONNX Runtime's `intraOpNumThreads`); operators run one at a
   * time. @default `os.availableParallelism()`, the CPUs this process may use
   */
  threads: threadsSchema.optional(),
  /** The ONNX Runtime module. @default import('onnxruntime-node') */
  lib: objectSchema<OrtModule>('the onnxruntime-node module').optional(),
  /** The model's tokenizer. @default loadTokenizer(model) */
  tokenizer: tokenizerSchema.optional(),
  /** Most tokens a sequence holds, prompt and generation together. @default `max_position_embeddings` of config.json */
  contextLength: z.number().int().positive().optional(),
};

const optionsSchema = z.strictObject(onnxRuntimeShape);

/**
 * Options of {@link createOnnxRuntimeBackend}.
 *
 * @useDeclaredType
 */
export type OnnxRuntimeBackendOptions = OptionsOf<typeof onnxRuntimeShape>;

const provider = 'onnxruntime';

/**
 * An in-process backend on ONNX Runtime for Qwen2-family decoders exported with a KV cache (the
 * transformers.js layout, as `@s1/model-io` writes it). It steps tokens: the prompt is run once,
 * then each appended token reuses the cache, whose tensors go straight back into the next run.
 */
export async function createOnnxRuntimeBackend(options: OnnxRuntimeBackendOptions): Promise<
  SteppingBackend & {
    /** Several prompts in one batch (left padding, one forward pass per step for all rows). */
    generateBatch(request: BatchRequest): Promise<SegmentResult[]>;
  }
> {
  validate(optionsSchema, options, 'ONNX Runtime backend options');
  const ort =
    options.lib ??
    (await importOptional(
      'onnxruntime-node',
      provider,
      () => import('onnxruntime-node') as Promise<unknown> as Promise<OrtModule>,
    ));
  const configured = await readDecoderShape(options.model, provider);
  const shape = { ...configured, contextLength: options.contextLength ?? configured.contextLength };
  const tokenizer = options.tokenizer ?? (await loadTokenizer(options.model));
  const modelPath = join(options.model, options.modelFile ?? 'onnx/model.onnx');
  let loaded: OrtSession;
  try {
    loaded = await ort.InferenceSession.create(modelPath, {
      executionProviders: [options.executionProvider ?? 'cpu'],
      graphOptimizationLevel: 'all',
      ...onnxRuntimeThreadOptions(options.threads ?? defaultThreads()),
    });
  } catch (error) {
    throw new BackendError({
      provider,
      message: `ONNX Runtime could not load ${modelPath}: ${reasonOf(error)}. If the file is damaged or cut short, download or export it again (exportQwen2Onnx in @s1/model-io, or Optimum with --task text-generation-with-past).`,
      cause: error,
    });
  }
  try {
    checkIo(loaded, shape, modelPath);
  } catch (error) {
    // The session holds native memory that no one else can release.
    await loaded.release().catch(() => undefined);
    throw error;
  }
  const session = withTypedRunErrors(loaded, modelPath);
  const backendTokenizer = {
    ...backendTokenizerFrom(tokenizer),
    ...(shape.eosTokenIds.length > 0 ? { eosTokenIds: shape.eosTokenIds } : {}),
  };

  const int64 = (values: readonly number[], dims: number[]) =>
    new ort.Tensor('int64', BigInt64Array.from(values, BigInt), dims);
  const open = ({ promptIds, sampling }: OpenSessionRequest): Promise<StepSession> => {
    let past: Record<string, OrtTensor> = emptyCache(ort, shape);
    let length = 0;
    return createLogitsSession({
      promptIds,
      sampling,
      forward: async (ids) => {
        const outputs = await session.run({
          input_ids: int64(ids, [1, ids.length]),
          attention_mask: int64(new Array(length + ids.length).fill(1), [1, length + ids.length]),
          position_ids: int64(
            ids.map((_, index) => length + index),
            [1, ids.length],
          ),
          ...past,
        });
        length += ids.length;
        // The cache of this step is the input of the next, with no copy.
        const next: Record<string, OrtTensor> = {};
        for (let layer = 0; layer < shape.layers; layer++) {
          for (const kind of ['key', 'value']) {
            next[`past_key_values.${layer}.${kind}`] = outputs[
              `present.${layer}.${kind}`
            ] as OrtTensor;
          }
        }
        past = next;
        const all = outputs.logits?.data as Float32Array;
        return all.subarray(all.length - shape.vocabSize);
      },
      release: () => {
        past = {};
      },
    });
  };

  return {
    ...createSteppingBackend({
      provider,
      modelId: options.model,
      tokenizer: backendTokenizer,
      open,
      contextLength: shape.contextLength,
      close: () => session.release(),
    }),
    /** Several prompts in one batch (left padding, one forward pass per step for all rows). */
    generateBatch: (request: BatchRequest) =>
      generateBatchOnOnnx(ort, session, shape, backendTokenizer, request),
  };
}

function emptyCache(ort: OrtModule, shape: DecoderShape): Record<string, OrtTensor> {
  const cache: Record<string, OrtTensor> = {};
  for (let layer = 0; layer < shape.layers; layer++) {
    for (const kind of ['key', 'value']) {
      cache[`past_key_values.${layer}.${kind}`] = new ort.Tensor('float32', new Float32Array(0), [
        1,
        shape.kvHeads,
        0,
        shape.headDim,
      ]);
    }
  }
  return cache;
}

// A model that loads can still fail as it runs (a damaged shape or attribute, a config.json that
// does not match the export): ONNX Runtime throws a plain Error then, which becomes a BackendError
// naming the file and what to do.
function withTypedRunErrors(session: OrtSession, modelPath: string): OrtSession {
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    run: async (feeds) => {
      try {
        return await session.run(feeds);
      } catch (error) {
        if (S1Error.isInstance(error)) throw error;
        throw new BackendError({
          provider,
          message: `ONNX Runtime failed running ${modelPath}: ${reasonOf(error)}. The model loaded but does not run on the decoder's inputs: check that config.json belongs to this export, and if the file is damaged, download or export it again (exportQwen2Onnx in @s1/model-io, or Optimum with --task text-generation-with-past).`,
          cause: error,
        });
      }
    },
    release: () => session.release(),
  };
}

// ONNX Runtime's message, which may end with a period of its own.
function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/[\s.]+$/, '');
}

// The decoder must have the transformers.js input and output names for the model's layer count.
function checkIo(session: OrtSession, shape: DecoderShape, modelPath: string): void {
  const expectedInputs = ['input_ids', 'attention_mask', 'position_ids'];
  const expectedOutputs = ['logits'];
  for (let layer = 0; layer < shape.layers; layer++) {
    for (const kind of ['key', 'value']) {
      expectedInputs.push(`past_key_values.${layer}.${kind}`);
      expectedOutputs.push(`present.${layer}.${kind}`);
    }
  }
  const missingInputs = expectedInputs.filter((name) => !session.inputNames.includes(name));
  const missingOutputs = expectedOutputs.filter((name) => !session.outputNames.includes(name));
  if (missingInputs.length > 0 || missingOutputs.length > 0) {
    throw new BackendError({
      provider,
      message: `${modelPath} is not a decoder with a KV cache in the transformers.js layout for ${shape.layers} layers: missing inputs [${missingInputs.join(', ')}], missing outputs [${missingOutputs.join(', ')}]; it has inputs [${session.inputNames.join(', ')}] and outputs [${session.outputNames.join(', ')}]. Export it with @s1/model-io (exportQwen2Onnx) or Optimum with --task text-generation-with-past.`,
    });
  }
}
