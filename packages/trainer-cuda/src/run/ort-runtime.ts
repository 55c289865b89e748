import { serializeOnnxModel } from '@s1/model-io';
import type { ModelProto } from 'onnx-buf';
import { TrainingInputError } from './training-errors';

/** The parts of onnxruntime-node the trainer uses, typed structurally (it is an optional peer). */
export interface OrtTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
}

export interface OrtSession {
  /** `fetches` names the outputs to write into tensors given here (null: allocated by the runtime). */
  run(
    feeds: Record<string, OrtTensor>,
    fetches?: Record<string, OrtTensor | null>,
  ): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}

export interface OrtModule {
  InferenceSession: {
    create(model: Uint8Array, options?: Record<string, unknown>): Promise<OrtSession>;
  };
  Tensor: new (
    type: 'int64' | 'float32',
    data: BigInt64Array | Float32Array,
    dims: readonly number[],
  ) => OrtTensor;
}

/** onnxruntime-node, loaded on first use (or the module given as `lib`). */
export async function loadOnnxRuntime(lib: unknown): Promise<OrtModule> {
  if (lib !== undefined) return lib as OrtModule;
  try {
    return (await import('onnxruntime-node')) as unknown as OrtModule;
  } catch (error) {
    throw new TrainingInputError({
      where: 'onnxruntime-node',
      problem: 'could not be loaded',
      fix: 'Install it next to @s1/trainer-cuda (npm install onnxruntime-node; for CUDA, npm install onnxruntime-node --onnxruntime-node-install=cuda12)',
      cause: error,
    });
  }
}

/** A session for a compiled graph on the CPU or CUDA execution provider. */
export async function createSession(
  ort: OrtModule,
  model: ModelProto,
  executionProvider: 'cpu' | 'cuda',
  threads: number | undefined,
): Promise<OrtSession> {
  try {
    return await ort.InferenceSession.create(serializeOnnxModel(model), {
      executionProviders: [executionProvider],
      graphOptimizationLevel: 'all',
      ...(threads === undefined ? {} : { intraOpNumThreads: threads, interOpNumThreads: 1 }),
    });
  } catch (error) {
    throw new TrainingInputError({
      where: `the ${executionProvider} execution provider`,
      problem: `ONNX Runtime could not load the training graph (${error instanceof Error ? error.message : String(error)})`,
      fix:
        executionProvider === 'cuda'
          ? 'Install onnxruntime-node with its CUDA 12 libraries (npm install onnxruntime-node --onnxruntime-node-install=cuda12) on a machine with an NVIDIA driver and CUDA 12, or train with executionProvider "cpu"'
          : 'Report this with the model folder: the graph should load on every CPU',
      cause: error,
    });
  }
}
