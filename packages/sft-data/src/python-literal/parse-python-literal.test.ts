import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError } from '@s1/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testGoldenFreshness } from '../../../../tooling/golden-freshness';
import { parsePythonLiteral } from './parse-python-literal';

interface LiteralCase {
  name: string;
  source: string;
}
type GoldenLiteral = LiteralCase & ({ value: unknown } | { error: string });

const fixtures = new URL('./__fixtures__/', import.meta.url);
const cases: LiteralCase[] = JSON.parse(
  readFileSync(new URL('literal-cases.json', fixtures), 'utf8'),
);
const golden: GoldenLiteral[] = readFileSync(new URL('golden-literals.jsonl', fixtures), 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line));

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('parsePythonLiteral against ast.literal_eval (golden)', () => {
  it('has a golden record for every case (rerun render-golden-literals.py when this fails)', () => {
    expect(golden.map(({ name, source }) => ({ name, source }))).toEqual(cases);
  });

  for (const goldenCase of golden) {
    if ('value' in goldenCase) {
      it(`reads ${goldenCase.name}`, () => {
        expect(parsePythonLiteral(goldenCase.source)).toEqual(goldenCase.value);
      });
    } else {
      it(`refuses ${goldenCase.name} as Python does (${goldenCase.error})`, () => {
        const error = thrownBy(() => parsePythonLiteral(goldenCase.source));
        expect(InvalidArgumentError.isInstance(error)).toBe(true);
      });
    }
  }
});

testGoldenFreshness({ script: 'render-golden-literals.py', cwd: fileURLToPath(fixtures) });

describe('parsePythonLiteral', () => {
  it('reads sets as arrays in source order, and set() as an empty array', () => {
    expect(parsePythonLiteral("{3, 1, 'b', 'a'}")).toEqual([3, 1, 'b', 'a']);
    expect(parsePythonLiteral('{"x": set()}')).toEqual({ x: [] });
  });

  it('keeps every digit of integers beyond 2**53 as bigint', () => {
    expect(parsePythonLiteral('[9007199254740993, -0x20000000000001]')).toEqual([
      9007199254740993n,
      -9007199254740993n,
    ]);
  });

  // Python accepts these, but they are not data a JSON-like value can hold.
  it.each([
    ['bytes', "b'abc'", 'byte strings are not supported'],
    ['complex numbers', '[1j]', 'complex numbers are not supported'],
    ['\\N{name} escapes', "'\\N{BULLET}'", '\\N{name} escapes are not supported'],
  ])('refuses %s', (_kind, source, reason) => {
    expect(() => parsePythonLiteral(source)).toThrow(reason);
  });

  it('names the offset, the field path and an excerpt on a syntax error', () => {
    const error = thrownBy(() => parsePythonLiteral("{'a': [1, {'b': nan}], 'c': 2}"));
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    const { issues, message } = error as InvalidArgumentError;
    expect(issues).toEqual([{ path: 'a[1].b', message: expect.stringContaining('offset 16') }]);
    expect(message).toContain(`"{'a': [1, {'b': " ▸ "nan}], 'c': 2}"`);
  });

  it('reads deep nesting in linear time', () => {
    const depth = 2000;
    const source = `${'('.repeat(depth)}1${',)'.repeat(depth)}`;
    let expected: unknown = 1;
    for (let level = 0; level < depth; level++) expected = [expected];
    expect(parsePythonLiteral(source)).toEqual(expected);
  });
});

// Python's repr: single quotes unless the text holds a single quote and no double quote.
function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let body = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\' || char === quote) body += `\\${char}`;
    else if (char === '\n') body += '\\n';
    else if (char === '\r') body += '\\r';
    else if (char === '\t') body += '\\t';
    else if (code < 0x20 || code === 0x7f) body += `\\x${code.toString(16).padStart(2, '0')}`;
    else body += char;
  }
  return `${quote}${body}${quote}`;
}

// Integers beyond 2**53 are read back as bigint, so a double that large is written as a float.
function pythonNumberRepr(value: number): string {
  if (Object.is(value, -0)) return '-0.0';
  const text = String(value);
  return Number.isSafeInteger(value) || /[.e]/.test(text) ? text : `${text}.0`;
}

function pythonRepr(value: unknown): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return pythonStringRepr(value);
  if (typeof value === 'number') return pythonNumberRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([key, item]) => `${pythonStringRepr(key)}: ${pythonRepr(item)}`).join(', ')}}`;
}

const jsonLike = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ unit: 'binary' }),
    fc.array(tie('value')),
    fc.dictionary(fc.string({ unit: 'binary' }), tie('value')),
  ),
})).value;

/** A character written with one of the escapes Python allows for it. */
const escapedChar = fc.oneof(
  fc.integer({ min: 0, max: 0xff }).map((code) => ({
    text: String.fromCodePoint(code),
    source: `\\x${code.toString(16).padStart(2, '0')}`,
  })),
  fc.integer({ min: 0, max: 0o777 }).map((code) => ({
    text: String.fromCodePoint(code),
    source: `\\${code.toString(8)}`,
  })),
  fc.integer({ min: 0, max: 0xffff }).map((code) => ({
    text: String.fromCodePoint(code),
    source: `\\u${code.toString(16).padStart(4, '0')}`,
  })),
  fc.integer({ min: 0, max: 0x10ffff }).map((code) => ({
    text: String.fromCodePoint(code),
    source: `\\U${code.toString(16).toUpperCase().padStart(8, '0')}`,
  })),
  fc.constantFrom(
    { text: '\n', source: '\\n' },
    { text: "'", source: "\\'" },
    { text: '"', source: '\\"' },
    { text: '\\', source: '\\\\' },
    { text: '', source: '\\\n' },
    { text: 'a', source: 'a' },
  ),
);

describe('parsePythonLiteral (properties)', () => {
  it('reads back the Python repr of any JSON-like value', () => {
    fc.assert(
      fc.property(jsonLike, (value) => {
        expect(parsePythonLiteral(pythonRepr(value))).toEqual(value);
      }),
    );
  });

  it('decodes every escape, in any quote style, split into adjacent literals', () => {
    fc.assert(
      fc.property(
        fc.array(escapedChar),
        fc.constantFrom("'", '"', "'''", '"""'),
        fc.nat(),
        (chars, quote, splitAt) => {
          const sources = chars.map((char) => char.source);
          const split = chars.length === 0 ? 0 : splitAt % chars.length;
          const literal = (part: string[]) => `${quote}${part.join('')}${quote}`;
          const source = `${literal(sources.slice(0, split))} ${literal(sources.slice(split))}`;
          expect(parsePythonLiteral(source)).toBe(chars.map((char) => char.text).join(''));
        },
      ),
    );
  });
});
