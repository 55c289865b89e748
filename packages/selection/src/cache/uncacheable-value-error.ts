import { S1Error } from '@s1/errors';

/** A cache key or value has no JSON form (undefined, a function, a symbol). */
export class UncacheableValueError extends S1Error {
  constructor(what: 'key' | 'value') {
    super({
      name: 'S1_UncacheableValueError',
      message: `the call cache ${what} has no JSON form; pass plain data (strings, numbers, booleans, null, arrays, objects)`,
    });
  }
}
