const marker = 's1.error';
const markerSymbol = Symbol.for(marker);

/**
 * Base class of every error thrown by the s1 SDK packages.
 *
 * `name` is stable (`S1_<Kind>`) and `S1Error.isInstance` works across duplicate copies of the
 * package, where `instanceof` does not.
 */
export class S1Error extends Error {
  readonly [markerSymbol] = true;

  constructor({ name, message, cause }: { name: string; message: string; cause?: unknown }) {
    super(message, { cause });
    this.name = name;
  }

  static isInstance(error: unknown): error is S1Error {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[markerSymbol] === true
    );
  }
}
