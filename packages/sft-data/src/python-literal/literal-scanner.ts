import { InvalidArgumentError } from '@s1/errors';

const excerptRadius = 24;

/** A position in Python source text, with the helpers the literal readers share. */
export class LiteralScanner {
  readonly text: string;
  offset = 0;
  /** Field path of the value being read (`problem`, `[2].answer`), for error messages. */
  path = '';

  constructor(text: string) {
    this.text = text;
  }

  peek(ahead = 0): string {
    return this.text.charAt(this.offset + ahead);
  }

  startsWith(token: string): boolean {
    return this.text.startsWith(token, this.offset);
  }

  atEnd(): boolean {
    return this.offset >= this.text.length;
  }

  /**
   * Skips what the Python tokenizer ignores between tokens: blanks, newlines, `#` comments and
   * backslash line continuations.
   */
  skipBlanks(): void {
    for (;;) {
      const char = this.peek();
      if (char === ' ' || char === '\t' || char === '\n' || char === '\f') this.offset++;
      else if (char === '#') {
        const newline = this.text.indexOf('\n', this.offset);
        this.offset = newline === -1 ? this.text.length : newline;
      } else if (char === '\\' && this.peek(1) === '\n') this.offset += 2;
      else return;
    }
  }

  /** Consumes `token` after any blanks, or fails saying what was expected. */
  expect(token: string, what = `'${token}'`): void {
    this.skipBlanks();
    if (!this.startsWith(token)) this.fail(`expected ${what}`);
    this.offset += token.length;
  }

  /** Throws an `InvalidArgumentError` naming the offset and showing the text around it. */
  fail(reason: string, at = this.offset): never {
    const before = this.text.slice(Math.max(0, at - excerptRadius), at);
    const after = this.text.slice(at, at + excerptRadius);
    const found = at >= this.text.length ? 'end of input' : JSON.stringify(this.text.charAt(at));
    throw new InvalidArgumentError({
      argument: 'Python literal',
      issues: [
        {
          path: this.path,
          message: `${reason}, found ${found} at offset ${at}: ${JSON.stringify(before)} ▸ ${JSON.stringify(after)}`,
        },
      ],
    });
  }
}
