import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveQwen25TokenizerFolder } from './qwen25-tokenizer-folder';

describe('resolveQwen25TokenizerFolder', () => {
  it('should find the folder holding both tokenizer files, from a URL or a path', () => {
    const folder = resolveQwen25TokenizerFolder(import.meta.url);
    expect(existsSync(join(folder, 'tokenizer.json'))).toBe(true);
    expect(existsSync(join(folder, 'tokenizer_config.json'))).toBe(true);
    expect(resolveQwen25TokenizerFolder(new URL(import.meta.url))).toBe(folder);
  });

  it('should resolve from the module it is given, failing where the package is not installed', () => {
    const outside = pathToFileURL(join(mkdtempSync(join(tmpdir(), 's1-no-tokenizer-')), 'x.js'));
    expect(() => resolveQwen25TokenizerFolder(outside)).toThrow(/@lenml\/tokenizer-qwen2_5/);
  });
});
