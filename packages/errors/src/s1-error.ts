const marker = 's1.error';
const markerSymbol = Symbol.for(marker);

/**
 * Base class of every error thrown by the s1 SDK packages.
 *
 * `name` is stable (`S1_<Kind>`) and `S1Error.isInstance` works across duplicate copies of the
 * package, where `instanceof` does not.
 */
export class S1Error extends Error {
  /** Brands SDK errors for `isInstance`, across duplicate copies of the package. @internal */
  readonly [markerSymbol] = true;

  constructor({ name, message, cause }: { name: string; message: string; cause?: unknown }) {
    super(message, { cause });
    this.name = name;
  }

  /**
   * Whether `error` was thrown by the SDK, whichever copy of the package threw it (`instanceof`
   * fails across duplicate copies).
   */
  static isInstance(error: unknown): error is S1Error {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[markerSymbol] === true
    );
  }
}
