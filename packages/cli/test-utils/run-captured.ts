import type { CliIO } from '../src/cli-io';
import { runCli } from '../src/run-cli';

/** Runs the command line in-process with captured output and optional standard input. */
export async function runCaptured(argv: string[], stdin?: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: stdin === undefined ? undefined : [stdin],
    color: false,
    env: {},
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
