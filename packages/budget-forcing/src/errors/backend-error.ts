import { S1Error } from '@s1/errors';

/** A backend failed or does not support what was asked. `provider` names the runtime. */
export class BackendError extends S1Error {
  /** The backend's runtime (its `provider`, e.g. `onnxruntime`). */
  readonly provider: string;
  /** The optional package the backend needs and could not load, when that is what failed. */
  readonly missingPackage: string | undefined;

  constructor({
    provider,
    message,
    cause,
    missingPackage,
  }: { provider: string; message: string; cause?: unknown; missingPackage?: string | undefined }) {
    super({ name: 'S1_BackendError', message: `[${provider}] ${message}`, cause });
    this.provider = provider;
    this.missingPackage = missingPackage;
  }

  /** Whether `error` is a `BackendError` (`S1_BackendError`), from any copy of the package. */
  static override isInstance(error: unknown): error is BackendError {
    return S1Error.isInstance(error) && error.name === 'S1_BackendError';
  }
}
