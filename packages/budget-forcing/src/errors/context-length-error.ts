import { S1Error } from '@s1/errors';

/** The prompt leaves no room to generate in the model's context. */
export class ContextLengthError extends S1Error {
  /** Tokens of the prompt. */
  readonly promptTokens: number;
  /** Tokens the model holds, prompt and generation together. */
  readonly contextLength: number;

  constructor({ promptTokens, contextLength }: { promptTokens: number; contextLength: number }) {
    super({
      name: 'S1_ContextLengthError',
      message: `The prompt has ${promptTokens} tokens, but the model's context holds ${contextLength} tokens for prompt and generation together. Shorten the prompt, or serve the model with a longer context (vLLM --max-model-len, llama.cpp --ctx-size).`,
    });
    this.promptTokens = promptTokens;
    this.contextLength = contextLength;
  }

  /**
   * Whether `error` is a `ContextLengthError` (`S1_ContextLengthError`), from any copy of the
   * package.
   */
  static override isInstance(error: unknown): error is ContextLengthError {
    return S1Error.isInstance(error) && error.name === 'S1_ContextLengthError';
  }
}
