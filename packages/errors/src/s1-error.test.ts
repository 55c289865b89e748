import { describe, expect, it } from 'vitest';
import { S1Error } from './s1-error';

class ExampleError extends S1Error {
  constructor() {
    super({
      name: 'S1_ExampleError',
      message: 'what, where, and what to do',
      cause: new Error('root'),
    });
  }
}

describe('S1Error', () => {
  it('should carry a stable name, the message and the cause', () => {
    const error = new ExampleError();
    expect(error.name).toBe('S1_ExampleError');
    expect(error.message).toBe('what, where, and what to do');
    expect((error.cause as Error).message).toBe('root');
  });

  it('should recognise errors by marker, also from another copy of the package', () => {
    const foreign = Object.assign(new Error('copy'), { [Symbol.for('s1.error')]: true });
    expect(S1Error.isInstance(new ExampleError())).toBe(true);
    expect(S1Error.isInstance(foreign)).toBe(true);
    expect(S1Error.isInstance(new Error('plain'))).toBe(false);
    expect(S1Error.isInstance(undefined)).toBe(false);
  });
});
