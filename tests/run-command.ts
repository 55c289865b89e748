import { spawn } from 'node:child_process';
import { delimiter, dirname } from 'node:path';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment for commands run as a user would run them: without the `npm_*` variables of
 * the `npm test` that runs these tests (npm would read them as configuration), without colours
 * (the tests read the output), and with the given Node.js binary, if any, first on PATH.
 */
export function userEnvironment(node?: string): NodeJS.ProcessEnv {
  const environment = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !/^npm_/i.test(name) && !['INIT_CWD', 'NODE_OPTIONS', 'FORCE_COLOR'].includes(name),
    ),
  );
  return {
    ...environment,
    NO_COLOR: '1',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...(node ? { PATH: [dirname(node), process.env.PATH].join(delimiter) } : {}),
  };
}

/** Runs a command to its end; rejects, with its output, when it exits with another status. */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; expectStatus?: number | 'any' },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? userEnvironment(),
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const expected = options.expectStatus ?? 0;
      if (expected === 'any' || code === expected) resolve({ code, stdout, stderr });
      else {
        reject(
          new Error(
            `${command} ${args.join(' ')} (in ${options.cwd}) exited with ${code}\n` +
              `--- stdout\n${stdout.slice(-6000)}\n--- stderr\n${stderr.slice(-6000)}`,
          ),
        );
      }
    });
  });
}
