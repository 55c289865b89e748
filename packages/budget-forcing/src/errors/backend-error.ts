import { S1Error } from '@s1/chat-template';

/** A backend failed or does not support what was asked. `provider` names the runtime. */
export class BackendError extends S1Error {
  readonly provider: string;

  constructor({
    provider,
    message,
    cause,
  }: { provider: string; message: string; cause?: unknown }) {
    super({ name: 'S1_BackendError', message: `[${provider}] ${message}`, cause });
    this.provider = provider;
  }

  static override isInstance(error: unknown): error is BackendError {
    return S1Error.isInstance(error) && error.name === 'S1_BackendError';
  }
}
