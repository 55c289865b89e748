import { validate } from '@s1/errors';
import { z } from 'zod';

/**
 * Bounds on one render, so that a template from an untrusted model folder cannot hang or crash
 * the process. A render that hits one fails with a `TemplateError` naming the limit. The
 * defaults are far above what real chat templates need: they loop over messages and tools and
 * print the conversation once.
 */
export interface RenderLimits {
  /**
   * Loop iterations per render, across all loops. No `range()` and no list in a render may
   * have more items, so a huge range is refused before it is built. @default 100_000
   */
  maxIterations?: number | undefined;
  /**
   * Characters in any string the template builds, its output included: about 2.5 million
   * tokens by default. @default 10_000_000
   */
  maxOutputLength?: number | undefined;
  /**
   * How deeply blocks, expressions and macro calls may nest; each macro call adds a few
   * levels, so this bounds recursion before JavaScript's stack does. @default 500
   */
  maxNestingDepth?: number | undefined;
  /** Wall-clock time per render, in milliseconds. @default 5_000 */
  timeoutMs?: number | undefined;
}

export type ResolvedRenderLimits = { [Key in keyof RenderLimits]-?: number };

const limit = (defaultValue: number) =>
  z
    .number('a limit must be a number')
    .int('a limit must be a whole number')
    .positive('a limit must be above 0')
    .default(defaultValue);

// Strict: a misspelt limit would otherwise be silently ignored.
const renderLimitsSchema = z.strictObject({
  maxIterations: limit(100_000),
  maxOutputLength: limit(10_000_000),
  maxNestingDepth: limit(500),
  timeoutMs: limit(5_000),
});

/** Validates the `limits` option and fills in the defaults. */
export function resolveRenderLimits(limits: RenderLimits | undefined): ResolvedRenderLimits {
  return validate(renderLimitsSchema, limits ?? {}, 'limits');
}
