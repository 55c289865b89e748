import { styleText } from 'node:util';

/** Where the command line reads and writes; tests pass their own. */
export interface CliIO {
  /** Where results go. */
  stdout: {
    /** Writes text as is. */
    write(text: string): unknown;
  };
  /** Where progress, warnings and errors go. */
  stderr: {
    /** Writes text as is. */
    write(text: string): unknown;
  };
  /** Read when no --prompt is given. Undefined: no standard input. */
  stdin: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> | undefined;
  /** Whether to style output (dim thinking). */
  color: boolean;
  /** The environment variables the commands read. */
  env: Record<string, string | undefined>;
  /** Ends a command that runs until stopped (`s1 serve`). @default SIGINT or SIGTERM */
  stop?: AbortSignal | undefined;
}

/**
 * The process's own streams and environment: standard input only when it is not a terminal,
 * and color only on a terminal without `NO_COLOR`.
 */
export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin.isTTY ? undefined : process.stdin,
    color: Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined,
    env: process.env,
  };
}

export function dim(io: CliIO, text: string): string {
  return io.color ? styleText('dim', text) : text;
}

export async function readAll(
  input: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of input)
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}
