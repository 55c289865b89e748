import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { InvalidArgumentError } from '@s1/errors';

/**
 * Fails with an `InvalidArgumentError` naming the option when an output would overwrite the
 * input (the same file through any path or link) or land inside an input folder, which the next
 * read would take as input.
 */
export async function refuseInputAsOutput(
  input: string,
  outputs: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  const inputPath = await realpath(input).catch(() => resolve(input));
  const inputIsFolder = (await stat(inputPath).catch(() => undefined))?.isDirectory() ?? false;
  const issues: { path: string; message: string }[] = [];
  for (const [option, output] of Object.entries(outputs)) {
    if (output === undefined) continue;
    const outputPath = await resolvedOutput(output);
    const inside = relative(inputPath, outputPath);
    if (outputPath === inputPath) {
      issues.push({
        path: option,
        message: `"${output}" is the input: writing it would destroy the records being read; choose another path`,
      });
    } else if (inputIsFolder && !inside.startsWith('..') && !inside.startsWith('/')) {
      issues.push({
        path: option,
        message: `"${output}" is inside the input folder "${input}", where the next read would take it as input; choose a path outside it`,
      });
    }
  }
  if (issues.length > 0)
    throw new InvalidArgumentError({ argument: 'formatDataset options', issues });
}

// The output's real path: its folder's, resolved through links, joined with its name.
async function resolvedOutput(output: string): Promise<string> {
  const existing = await realpath(output).catch(() => undefined);
  if (existing !== undefined) return existing;
  const folder = await realpath(dirname(resolve(output))).catch(() => dirname(resolve(output)));
  return join(folder, basename(output));
}
