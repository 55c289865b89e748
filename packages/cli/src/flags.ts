import { S1Error } from '@s1/errors';
import { z } from 'zod';

/**
 * A command line that cannot run as given: a flag's value, a missing flag, a flag that does not
 * go with another. The message speaks in flags, never in the library's option names.
 */
export class UsageError extends S1Error {
  constructor(message: string) {
    super({ name: 'S1_UsageError', message });
  }

  static override isInstance(error: unknown): error is UsageError {
    return S1Error.isInstance(error) && error.name === 'S1_UsageError';
  }
}

/** `maxThinking` → `--max-thinking`. */
export function flagName(option: string): string {
  return `--${option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

const wholePattern = /^\d+$/;

/** A whole number of at least `min` (0 by default). */
export function wholeNumber(flag: string, { min = 0 }: { min?: number } = {}) {
  const expected = `a whole number${min > 0 ? ` of at least ${min}` : ''}`;
  return z.string().transform((value, context) => {
    const number = wholePattern.test(value.trim()) ? Number(value) : Number.NaN;
    if (Number.isSafeInteger(number) && number >= min) return number;
    context.addIssue({ code: 'custom', message: `${flag} must be ${expected}, not "${value}"` });
    return z.NEVER;
  });
}

/** Whole numbers of at least `min`, separated by commas (`512,1024,2048`). */
export function wholeNumbers(flag: string, { min = 0 }: { min?: number } = {}) {
  return z.string().transform((value, context) => {
    const items = value.split(',').map((item) => item.trim());
    const numbers = items.map((item) => (wholePattern.test(item) ? Number(item) : Number.NaN));
    if (numbers.every((number) => Number.isSafeInteger(number) && number >= min)) return numbers;
    const bad = items.find((_, index) => !((numbers[index] as number) >= min));
    context.addIssue({
      code: 'custom',
      message: `${flag} must be whole numbers${min > 0 ? ` of at least ${min}` : ''} separated by commas, such as 512,1024,2048; "${bad}" is not one`,
    });
    return z.NEVER;
  });
}

/** A number within a range; `above` excludes its bound, `atLeast` includes it. */
export function decimal(
  flag: string,
  range: { above?: number; atLeast?: number; atMost?: number },
) {
  const bounds = [
    range.above === undefined ? undefined : `above ${range.above}`,
    range.atLeast === undefined ? undefined : `at least ${range.atLeast}`,
    range.atMost === undefined ? undefined : `at most ${range.atMost}`,
  ].filter((bound) => bound !== undefined);
  return z.string().transform((value, context) => {
    const number = value.trim() === '' ? Number.NaN : Number(value);
    const fits =
      Number.isFinite(number) &&
      (range.above === undefined || number > range.above) &&
      (range.atLeast === undefined || number >= range.atLeast) &&
      (range.atMost === undefined || number <= range.atMost);
    if (fits) return number;
    context.addIssue({
      code: 'custom',
      message: `${flag} must be a number ${bounds.join(' and ')}, not "${value}"`,
    });
    return z.NEVER;
  });
}

/** An http:// or https:// URL. */
export function httpUrl(flag: string, example: string) {
  return z.string().refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `${flag} must be a URL that starts with http:// or https://, such as ${example}`);
}

/** Parses a command's flags (as commander hands them over), or fails with a `UsageError`. */
export function parseFlags<Schema extends z.ZodType>(
  schema: Schema,
  flags: Record<string, unknown>,
): z.output<Schema> {
  const result = schema.safeParse(flags);
  if (result.success) return result.data;
  throw new UsageError(result.error.issues.map(describeIssue).join('\n'));
}

// Messages written for flags start with the flag; zod's own are put in flag terms.
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith('--')) return issue.message;
  const key = issue.path[0];
  const flag = typeof key === 'string' ? flagName(key) : 'a flag';
  switch (issue.code) {
    case 'invalid_value':
      return `${flag} must be one of ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown flag${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map(flagName).join(', ')}`;
    case 'invalid_type':
      return `${flag} is missing or has no value`;
    default:
      return `${flag}: ${issue.message}`;
  }
}
