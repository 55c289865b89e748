import { describe, expect, it } from 'vitest';
import { pythonStrip } from './python-strip';
import { pythonWhitespace, pythonWhitespaceClass } from './python-whitespace';

// Python 3: [c for c in range(0x110000) if chr(c).isspace()]; all of them are in the BMP.
const isspace = [
  0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002,
  0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f,
  0x3000,
];
const bmp = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code));

describe('pythonWhitespace', () => {
  it("should hold exactly the characters of Python's str.isspace()", () => {
    expect(Array.from(pythonWhitespace, (character) => character.charCodeAt(0))).toEqual(isspace);
  });

  it('should match the same characters as a RegExp class, with or without the u flag', () => {
    const expected = bmp.filter((character) => isspace.includes(character.charCodeAt(0)));
    for (const flags of ['', 'u']) {
      const space = new RegExp(`^[${pythonWhitespaceClass}]$`, flags);
      expect(bmp.filter((character) => space.test(character))).toEqual(expected);
    }
  });
});

describe('pythonStrip', () => {
  it("should strip Python's whitespace and keep U+FEFF, which JavaScript's trim() removes", () => {
    expect(pythonStrip('\u001c\u0085 a b\u3000\n')).toBe('a b');
    expect(pythonStrip('\ufeffa\ufeff')).toBe('\ufeffa\ufeff');
    expect(pythonStrip('  a  ', 'start')).toBe('a  ');
    expect(pythonStrip('  a  ', 'end')).toBe('  a');
  });
});
