import { CommanderError } from 'commander';
import { type CliIO, processIO } from './cli-io';
import { createProgram } from './program';

/** Runs the command line on `argv` (without node and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  try {
    await createProgram(io).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    // Loaded on failure only: it knows the error types of every package.
    const { describeError } = await import('./describe-error');
    io.stderr.write(`s1: ${describeError(error, argv[0])}\n`);
    return 1;
  }
}
