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
      '',
      'messages[0].role',
      'steps',
    ]);
    expect(error.message).toMatch(/^Invalid run options:\n {2}- /);
    expect(error.message).toContain('  - (root): Unrecognized key: "extra"');
    expect(error.cause).toBeInstanceOf(z.ZodError);
  });
});
