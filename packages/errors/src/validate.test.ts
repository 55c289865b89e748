import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidArgumentError } from './invalid-argument-error';
import { validate } from './validate';

const schema = z.strictObject({
  steps: z.number().int().positive(),
  messages: z.array(z.strictObject({ role: z.enum(['user', 'assistant']) })).default([]),
});

describe('validate', () => {
  it('should return the parsed value with its defaults', () => {
    expect(validate(schema, { steps: 2 }, 'run options')).toEqual({ steps: 2, messages: [] });
  });

  it('should name every failing field as a path, with the argument and the zod cause', () => {
    let caught: unknown;
    try {
      validate(schema, { steps: 0, messages: [{ role: 'system' }], extra: 1 }, 'run options');
    } catch (error) {
      caught = error;
    }
    expect(InvalidArgumentError.isInstance(caught)).toBe(true);
    const error = caught as InvalidArgumentError;
    expect(error.argument).toBe('run options');
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      'extra',
      'messages[0].role',
      'steps',
    ]);
    expect(error.message).toMatch(/^Invalid run options:\n {2}- /);
    expect(error.message).toContain(
      '  - extra: unknown key; the known keys are "steps", "messages"',
    );
    expect(error.cause).toBeInstanceOf(z.ZodError);
  });

  it('should name the closest known key of an unknown one, at any depth and through wrappers', () => {
    const options = z.strictObject({
      thinking: z
        .strictObject({ max: z.number().optional(), min: z.number().optional() })
        .optional(),
      mode: z.enum(['exact', 'segments']).default('exact'),
      temperature: z.number().optional(),
      retry: z.strictObject({ maxRetries: z.number().optional() }).optional(),
      stages: z.array(z.strictObject({ kind: z.string().optional() })).optional(),
      backend: z.union([z.string(), z.strictObject({ baseURL: z.string() })]).optional(),
      lazy: z.lazy(() => z.strictObject({ depth: z.number().optional() })).optional(),
    });
    const messageOf = (value: unknown) => {
      try {
        validate(options, value, 'createX options');
      } catch (error) {
        return (error as InvalidArgumentError).issues;
      }
      throw new Error('expected the options to be refused');
    };
    for (const [typo, meant] of [
      ['thinkng', 'thinking'],
      ['mdoe', 'mode'],
      ['temprature', 'temperature'],
    ]) {
      expect(messageOf({ [typo as string]: 1 })).toEqual([
        { path: typo, message: `unknown key; did you mean "${meant}"?` },
      ]);
    }
    expect(messageOf({ thinking: { mx: 4 } })).toEqual([
      { path: 'thinking.mx', message: 'unknown key; did you mean "max"?' },
    ]);
    expect(messageOf({ retry: { retries: 2 } })).toEqual([
      { path: 'retry.retries', message: 'unknown key; the known keys are "maxRetries"' },
    ]);
    expect(messageOf({ stages: [{ kind: 'a' }, { knd: 'b' }] })).toEqual([
      { path: 'stages[1].knd', message: 'unknown key; did you mean "kind"?' },
    ]);
    expect(messageOf({ lazy: { dept: 1 } })).toEqual([
      { path: 'lazy.dept', message: 'unknown key; did you mean "depth"?' },
    ]);
    // A union reports its own issue; the object option's keys are still found for it.
    expect(messageOf({ backend: { baseUrl: 'x' } })[0]?.path).toBe('backend');
  });
});
