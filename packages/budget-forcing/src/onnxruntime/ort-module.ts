/**
 * The parts of the ONNX Runtime JavaScript API the backend uses, typed structurally so the package
 * needs no type dependency on a particular ONNX Runtime build (onnxruntime-node, onnxruntime-web).
 */
export interface OrtTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
  readonly type: string;
}

export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}

export interface OrtModule {
  InferenceSession: {
    create(
      path: string,
      options?: {
        executionProviders?: string[];
        graphOptimizationLevel?: string;
        intraOpNumThreads?: number;
        interOpNumThreads?: number;
        executionMode?: 'sequential' | 'parallel';
      },
    ): Promise<OrtSession>;
  };
  Tensor: new (
    type: 'int64' | 'float32',
    data: BigInt64Array | Float32Array,
    dims: readonly number[],
  ) => OrtTensor;
}
