import { LiteralScanner } from './literal-scanner';
import { atNumberLiteral, readNumberLiteral } from './python-number-literal';
import { atStringLiteral, readStringLiteral } from './python-string-literal';

/**
 * Parses a Python literal as `ast.literal_eval` accepts it, into JSON-like values: dicts become
 * objects, lists, tuples and sets become arrays (sets in source order), `True`/`False`/`None`
 * become `true`/`false`/`null`, and integers beyond `Number.MAX_SAFE_INTEGER` become `bigint`.
 * Dict keys that are ints, bools or `None` become strings the way `json.dumps` writes them.
 * `inf` and `nan` are names, not literals, and are refused as Python refuses them; so are bytes,
 * f-strings, complex numbers and `\N{...}` escapes.
 *
 * Reads the `metadata` column of s1K, which holds the Python `str()` of a dict.
 *
 * @throws InvalidArgumentError naming the offset, with an excerpt, on a syntax error.
 * @example
 * parsePythonLiteral("{'level': 'Level 3', 'answer': '\\\\pm 2', 'tags': ('a', 'b')}");
 * // { level: 'Level 3', answer: '\\pm 2', tags: ['a', 'b'] }
 */
export function parsePythonLiteral(text: string): unknown {
  // Python's tokenizer reads `\r\n` and `\r` as `\n`, also inside strings.
  const scanner = new LiteralScanner(text.replace(/\r\n?/g, '\n'));
  scanner.skipBlanks();
  const value = readTopLevel(scanner);
  scanner.skipBlanks();
  if (!scanner.atEnd()) scanner.fail('expected end of input');
  return value;
}

/** `ast.literal_eval('1, 2')` is a tuple: the top level may be a bare comma-separated list. */
function readTopLevel(scanner: LiteralScanner): unknown {
  const first = readValue(scanner);
  scanner.skipBlanks();
  if (scanner.peek() !== ',') return first;
  const items = [first];
  while (scanner.peek() === ',') {
    scanner.offset++;
    scanner.skipBlanks();
    if (scanner.atEnd()) break;
    items.push(readItem(scanner, items.length));
    scanner.skipBlanks();
  }
  return items;
}

function readValue(scanner: LiteralScanner): unknown {
  scanner.skipBlanks();
  const char = scanner.peek();
  if (char === '{') return readBraces(scanner);
  if (char === '[') {
    scanner.offset++;
    return readElements(scanner, ']', []);
  }
  if (char === '(') return readParentheses(scanner);
  if (char === '-' || char === '+') {
    scanner.offset++;
    scanner.skipBlanks();
    if (!atNumberLiteral(scanner)) scanner.fail('a sign must be followed by a number');
    return readNumberLiteral(scanner, char === '-');
  }
  if (atNumberLiteral(scanner)) return readNumberLiteral(scanner, false);
  if (atStringLiteral(scanner)) return readAdjacentStrings(scanner);
  return readName(scanner);
}

/** `'a' 'b'` is one string in Python. */
function readAdjacentStrings(scanner: LiteralScanner): string {
  let value = readStringLiteral(scanner);
  for (;;) {
    const afterValue = scanner.offset;
    scanner.skipBlanks();
    if (!atStringLiteral(scanner)) {
      scanner.offset = afterValue;
      return value;
    }
    value += readStringLiteral(scanner);
  }
}

const names: ReadonlyMap<string, unknown> = new Map([
  ['True', true],
  ['False', false],
  ['None', null],
]);

function readName(scanner: LiteralScanner): unknown {
  const start = scanner.offset;
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(scanner.text.slice(start))?.[0];
  if (name === undefined) scanner.fail('expected a value');
  scanner.offset += name.length;
  if (names.has(name)) return names.get(name);
  if (name === 'set' && /^\s*\(\s*\)/.test(scanner.text.slice(scanner.offset))) {
    scanner.expect('(');
    scanner.expect(')');
    return [];
  }
  return scanner.fail(`'${name}' is a name, not a literal`, start);
}

/** Reads an element at `index`, with the index on the error path. */
function readItem(scanner: LiteralScanner, index: number): unknown {
  const parentPath = scanner.path;
  scanner.path = `${parentPath}[${index}]`;
  const value = readValue(scanner);
  scanner.path = parentPath;
  return value;
}

/**
 * Reads the rest of a list, tuple or set up to `close`, after `items` (already read). The
 * first element is read by the caller where it decides what the brackets hold, so nothing is
 * read twice.
 */
function readElements(scanner: LiteralScanner, close: string, items: unknown[]): unknown[] {
  for (;;) {
    scanner.skipBlanks();
    if (items.length > 0 && !scanner.startsWith(close)) {
      scanner.expect(',', `',' or '${close}'`);
      scanner.skipBlanks();
    }
    if (scanner.startsWith(close)) {
      scanner.offset++;
      return items;
    }
    items.push(readItem(scanner, items.length));
  }
}

/** `()` and `(1,)` are tuples, `(1)` is the value 1. */
function readParentheses(scanner: LiteralScanner): unknown {
  scanner.expect('(');
  scanner.skipBlanks();
  if (scanner.startsWith(')')) return readElements(scanner, ')', []);
  const first = readItem(scanner, 0);
  scanner.skipBlanks();
  if (!scanner.startsWith(')')) return readElements(scanner, ')', [first]);
  scanner.offset++;
  return first;
}

/** `{}` is a dict, `{1, 2}` a set, `{'a': 1}` a dict. */
function readBraces(scanner: LiteralScanner): unknown {
  scanner.expect('{');
  scanner.skipBlanks();
  if (scanner.startsWith('}')) {
    scanner.offset++;
    return {};
  }
  const firstStart = scanner.offset;
  const first = readValue(scanner);
  scanner.skipBlanks();
  if (!scanner.startsWith(':')) return readElements(scanner, '}', [first]);
  return readDictEntries(scanner, dictKey(scanner, first, firstStart));
}

/** Reads a dict from the `:` after its first key up to and including `}`. */
function readDictEntries(scanner: LiteralScanner, firstKey: string): Record<string, unknown> {
  const entries: [string, unknown][] = [];
  let key = firstKey;
  const parentPath = scanner.path;
  for (;;) {
    scanner.expect(':');
    scanner.path = parentPath ? `${parentPath}.${key}` : key;
    entries.push([key, readValue(scanner)]);
    scanner.path = parentPath;
    scanner.skipBlanks();
    if (!scanner.startsWith('}')) {
      scanner.expect(',', "',' or '}'");
      scanner.skipBlanks();
    }
    if (scanner.startsWith('}')) break;
    const keyStart = scanner.offset;
    key = dictKey(scanner, readValue(scanner), keyStart);
  }
  scanner.offset++;
  // fromEntries defines own properties, so a `__proto__` key stays data; a repeated key keeps
  // its first position and its last value, as in Python.
  return Object.fromEntries(entries);
}

/** Object keys are strings; other hashable scalars are written as `json.dumps` writes them. */
function dictKey(scanner: LiteralScanner, key: unknown, keyStart: number): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'bigint' || (typeof key === 'number' && Number.isInteger(key))) {
    return String(key);
  }
  if (typeof key === 'boolean') return String(key);
  if (key === null) return 'null';
  return scanner.fail('dict keys must be strings, ints, bools or None', keyStart);
}
