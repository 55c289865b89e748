// vLLM: "This model's maximum context length is 32768 tokens…"; SGLang: "…the model's maximum
// context length of 32768 tokens…".
const contextLimitPattern = /maximum context length (?:is|of) (\d+) tokens/;

/**
 * The context length a server's refusal names (vLLM's and SGLang's 400 for a request beyond the
 * context), searched in the error, its response body and its causes; undefined when it names none.
 */
export function contextLengthInRefusal(error: unknown): number | undefined {
  let current = error;
  for (let depth = 0; current instanceof Error && depth < 8; depth++) {
    const body = (current as { responseBody?: unknown }).responseBody;
    const match = contextLimitPattern.exec(
      `${current.message} ${typeof body === 'string' ? body : ''}`,
    );
    if (match !== null) return Number(match[1]);
    current = current.cause;
  }
  return undefined;
}
