import { describe, expect, it } from 'vitest';
import { valueExcerpt } from './value-excerpt';

function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = wrap(value);
  return value;
}

const cyclic: Record<string, unknown> = { name: 'loop' };
cyclic.self = cyclic;

describe('valueExcerpt', () => {
  it.each([
    ['a string', 'say "hi"\n'],
    ['a number', -1.5e-7],
    ['null', null],
    ['an object', { question: 'q', ids: [1, 2], meta: { ok: true, none: null } }],
    ['an empty array', []],
    ['a date', new Date(0)],
  ])('writes %s as JSON.stringify does', (_, value) => {
    expect(valueExcerpt(value)).toBe(JSON.stringify(value));
  });

  it('cuts long values to maxLength characters, the last one …', () => {
    expect(valueExcerpt('x'.repeat(10_000_000))).toBe(`"${'x'.repeat(78)}…`);
    expect(valueExcerpt({ ids: Array.from({ length: 100 }, (_, index) => index) }, 12)).toBe(
      '{"ids":[0,1…',
    );
  });

  it.each([
    ['arrays 100,000 levels deep', nested(100_000, (inner) => [inner]), `${'['.repeat(79)}…`],
    [
      'objects 100,000 levels deep',
      nested(100_000, (inner) => ({ a: inner })),
      `${'{"a":'.repeat(16).slice(0, 79)}…`,
    ],
    ['a cyclic object', cyclic, `${'{"name":"loop","self":'.repeat(4).slice(0, 79)}…`],
    ['undefined', undefined, 'undefined'],
    ['a bigint', 2n ** 64n, '18446744073709551616'],
    ['an object without a prototype', Object.assign(Object.create(null), { a: 1 }), '{"a":1}'],
  ])('shows %s without throwing', (_, value, excerpt) => {
    expect(valueExcerpt(value)).toBe(excerpt);
  });

  it('names the type of a value that throws when read', () => {
    const getter = Object.defineProperty({}, 'broken', {
      enumerable: true,
      get: () => {
        throw new Error('no');
      },
    });
    const proxy = new Proxy([], {
      get: () => {
        throw new Error('no');
      },
    });
    expect(valueExcerpt(getter)).toBe('(object that cannot be shown)');
    expect(valueExcerpt(proxy)).toBe('(object that cannot be shown)');
  });
});
