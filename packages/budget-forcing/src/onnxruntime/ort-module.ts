/**
 * The parts of the ONNX Runtime JavaScript API the backend uses, typed structurally so the package
 * needs no type dependency on a particular ONNX Runtime build (onnxruntime-node, onnxruntime-web).
 */
export interface OrtTensor {
  /** The elements, a typed array matching `type`. */
  readonly data: unknown;
  /** The shape. */
  readonly dims: readonly number[];
  /** The element type, e.g. `int64` or `float32`. */
  readonly type: string;
}

/** A loaded model (ONNX Runtime's `InferenceSession`). */
export interface OrtSession {
  /** The graph's input names. */
  readonly inputNames: readonly string[];
  /** The graph's output names. */
  readonly outputNames: readonly string[];
  /** Runs the graph on the named inputs; resolves to the named outputs. */
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  /** Frees the session's native memory. */
  release(): Promise<void>;
}

/** The ONNX Runtime module (`onnxruntime-node`), as far as the backend uses it. */
export interface OrtModule {
  /** Loads models. */
  InferenceSession: {
    /** Loads the ONNX file at `path` with the given session options. */
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
  /** Tensors, built from a typed array and a shape. */
  Tensor: {
    /** Builds a tensor of `type` from `data` with shape `dims`. */
    new (
      type: 'int64' | 'float32',
      data: BigInt64Array | Float32Array,
      dims: readonly number[],
    ): OrtTensor;
  };
}
