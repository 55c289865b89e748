import type { ResolvedRenderLimits } from './render-limits';

/** A render stopped at one of its limits; the message says which and what to do. */
class RenderLimitError extends Error {
  constructor(limit: keyof ResolvedRenderLimits, what: string) {
    super(`${what}; if the template is trusted and needs more, raise limits.${limit}`);
  }
}

/**
 * What one render may still spend under its limits. The interpreter reports to it as it enters
 * and leaves nodes, builds values and starts loops; it throws `RenderLimitError` at the first
 * limit crossed.
 */
export class RenderBudget {
  private readonly deadline: number;
  private iterations = 0;
  private depth = 0;

  constructor(private readonly limits: ResolvedRenderLimits) {
    this.deadline = performance.now() + limits.timeoutMs;
  }

  /** Bounds nesting (recursion) and time; every step of a render passes through here. */
  enter(): void {
    if (this.depth >= this.limits.maxNestingDepth) {
      throw new RenderLimitError(
        'maxNestingDepth',
        `blocks, expressions and macro calls nest more than ${this.limits.maxNestingDepth} levels deep, as an endlessly recursive macro does`,
      );
    }
    if (performance.now() > this.deadline) {
      throw new RenderLimitError(
        'timeoutMs',
        `rendering took more than ${this.limits.timeoutMs} ms`,
      );
    }
    this.depth++;
  }

  leave(): void {
    this.depth--;
  }

  /** Charges a loop's items before it runs, so a long loop fails before it starts. */
  startLoop(items: number): void {
    this.iterations += items;
    if (this.iterations > this.limits.maxIterations) {
      throw new RenderLimitError(
        'maxIterations',
        `a loop over ${items} items takes the render past ${this.limits.maxIterations} loop iterations`,
      );
    }
  }

  /** Refuses a range before it is built when no render could loop over it. */
  checkRange(numbers: number): void {
    if (numbers > this.limits.maxIterations) {
      throw new RenderLimitError(
        'maxIterations',
        `range() would make ${numbers} numbers, more than the ${this.limits.maxIterations} loop iterations a render may run`,
      );
    }
  }

  checkList(items: number): void {
    if (items > this.limits.maxIterations) {
      throw new RenderLimitError(
        'maxIterations',
        `a list of ${items} items is longer than the ${this.limits.maxIterations} a render may loop over`,
      );
    }
  }

  checkString(characters: number): void {
    if (characters > this.limits.maxOutputLength) {
      throw new RenderLimitError(
        'maxOutputLength',
        `the template built a string of ${characters} characters, more than the ${this.limits.maxOutputLength} a render may produce`,
      );
    }
  }

  /**
   * Refuses a filter whose output, counted before it runs, would be past the output limit: a
   * width such as `indent(100000000)` multiplies every line, faster than memory lasts.
   */
  checkFilterOutput(filter: string, characters: number): void {
    if (characters > this.limits.maxOutputLength) {
      throw new RenderLimitError(
        'maxOutputLength',
        `the ${filter} filter would build a string of at least ${characters} characters, more than the ${this.limits.maxOutputLength} a render may produce`,
      );
    }
  }

  /** A string can outgrow JavaScript inside a builtin (a loop's output) before we see it. */
  stringTooLongForJavaScript(): Error {
    return new RenderLimitError(
      'maxOutputLength',
      `the template built a string longer than JavaScript can hold (a render may produce ${this.limits.maxOutputLength} characters)`,
    );
  }
}
