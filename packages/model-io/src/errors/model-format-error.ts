import { S1Error } from '@s1/errors';

/** A model file is truncated, malformed or not what it claims to be. Names the file and the problem. */
export class ModelFormatError extends S1Error {
  /** The file's path. */
  readonly file: string;
  /** The format it was read as (`GGUF`, `safetensors`, …). */
  readonly format: string;

  constructor({
    file,
    format,
    reason,
    cause,
  }: { file: string; format: string; reason: string; cause?: unknown }) {
    super({
      name: 'S1_ModelFormatError',
      message: `${file} is not a valid ${format} file: ${reason}`,
      cause,
    });
    this.file = file;
    this.format = format;
  }

  /**
   * Whether `error` is a `ModelFormatError` (`S1_ModelFormatError`), from any copy of the
   * package.
   */
  static override isInstance(error: unknown): error is ModelFormatError {
    return S1Error.isInstance(error) && error.name === 'S1_ModelFormatError';
  }
}

/** A model whose architecture the SDK cannot handle (only the Qwen2 family is supported). */
export class UnsupportedArchitectureError extends S1Error {
  constructor({ found, source }: { found: string; source: string }) {
    super({
      name: 'S1_UnsupportedArchitectureError',
      message: `${source} describes a "${found}" model; the SDK supports the Qwen2 family (model_type "qwen2": Qwen2, Qwen2.5, DeepSeek-R1-Distill-Qwen).`,
    });
  }

  /**
   * Whether `error` is an `UnsupportedArchitectureError` (`S1_UnsupportedArchitectureError`),
   * from any copy of the package.
   */
  static override isInstance(error: unknown): error is UnsupportedArchitectureError {
    return S1Error.isInstance(error) && error.name === 'S1_UnsupportedArchitectureError';
  }
}

/** A configuration value is out of range or inconsistent (e.g. heads not dividing the hidden size). */
export class InvalidConfigError extends S1Error {
  constructor({ source, issues }: { source: string; issues: readonly string[] }) {
    super({
      name: 'S1_InvalidConfigError',
      message: `Invalid model configuration in ${source}:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`,
    });
  }

  /**
   * Whether `error` is an `InvalidConfigError` (`S1_InvalidConfigError`), from any copy of the
   * package.
   */
  static override isInstance(error: unknown): error is InvalidConfigError {
    return S1Error.isInstance(error) && error.name === 'S1_InvalidConfigError';
  }
}
