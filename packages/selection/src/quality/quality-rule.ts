/** What a quality rule may look at besides the question. */
export interface QualityRecord {
  /** Where the question came from (s1K: `source_type`). */
  readonly source?: string | undefined;
}

/** A named test on a question; `test` returns true when the question should be dropped. */
export interface QualityRule {
  /** The rule's name, as decisions and reports give it. */
  readonly name: string;
  /** Whether the question should be dropped. */
  test(question: string, record: QualityRecord): boolean;
}

/**
 * A rule that drops a question when `regex` matches anywhere in it (Python `re.search`).
 *
 * @example
 * const image = regexRule('image-link', /!\[Image\]/);
 * image.test('See ![Image](x.png)', {}); // true: drop
 */
export function regexRule(name: string, regex: RegExp): QualityRule {
  // `g` and `y` make RegExp#test stateful through lastIndex, so the same question could pass
  // one call and fail the next.
  const stateless = new RegExp(regex.source, regex.flags.replace(/[gy]/g, ''));
  return { name, test: (question) => stateless.test(question) };
}

/**
 * A rule from any predicate over the question and its record.
 *
 * @example
 * const tooShort = predicateRule('too-short', (question) => question.length < 20);
 * tooShort.test('What is 2+2?', {}); // true: drop
 */
export function predicateRule(
  name: string,
  predicate: (question: string, record: QualityRecord) => boolean,
): QualityRule {
  return { name, test: predicate };
}
