import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileNotFoundError, InvalidFileError } from '@s1/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qwen25Tokenizer, qwen25TokenizerFolder } from '../../test-utils/qwen25';
import { s1TrainingText } from '../../test-utils/s1-example';
import { UnknownTokenError } from '../errors/unknown-token-error';
import { loadTokenizer } from './load-tokenizer';
import { streamedTokenOffsets } from './token-offsets';

describe('loadTokenizer with the real Qwen2.5 tokenizer', () => {
  it('should encode the s1 delimiter example to the known ids', async () => {
    const tokenizer = await qwen25Tokenizer();
    expect(tokenizer.encode('<|im_start|>think\nHello Wait<|im_end|>')).toEqual([
      151644, 26865, 198, 9707, 13824, 151645,
    ]);
  });

  it('should round-trip the s1 training text unchanged', async () => {
    const tokenizer = await qwen25Tokenizer();
    const ids = tokenizer.encode(s1TrainingText);
    expect(ids.filter((id) => id === 151644)).toHaveLength(5);
    expect(tokenizer.decode(ids)).toBe(s1TrainingText);
  });

  it('should know the special tokens, their ids and the vocabulary size', async () => {
    const tokenizer = await qwen25Tokenizer();
    expect(tokenizer.idOf('<|endoftext|>')).toBe(151643);
    expect(tokenizer.idOf('<|im_start|>')).toBe(151644);
    expect(tokenizer.idOf('<|im_end|>')).toBe(151645);
    expect(tokenizer.idOf('<|fim_pad|>')).toBe(151662);
    expect(tokenizer.tokenOf(151645)).toBe('<|im_end|>');
    expect(tokenizer.vocabSize).toBe(151665);
    expect(tokenizer.specialTokens.eos_token).toBe('<|im_end|>');
    expect(tokenizer.specialTokens.pad_token).toBe('<|endoftext|>');
  });

  it('should throw UnknownTokenError for a string that is not one token', async () => {
    const tokenizer = await qwen25Tokenizer();
    expect(() => tokenizer.idOf('<think>')).toThrow(UnknownTokenError);
    expect(() => tokenizer.idOf('<think>')).toThrow(/encode\(\)/);
  });

  it('should drop special tokens from decoded text only when asked', async () => {
    const tokenizer = await qwen25Tokenizer();
    const ids = tokenizer.encode('<|im_start|>answer\n42<|im_end|>');
    expect(tokenizer.decode(ids, { skipSpecialTokens: true })).toBe('answer\n42');
  });

  it('should load from the tokenizer.json path as well as from the folder', async () => {
    const byFile = await loadTokenizer(join(qwen25TokenizerFolder, 'tokenizer.json'));
    expect(byFile.encode('Hello Wait')).toEqual([9707, 13824]);
  });

  it('should name the file it looked for when tokenizer.json is missing', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-tokenizer-'));
    const attempt = loadTokenizer(folder);
    await expect(attempt).rejects.toThrow(FileNotFoundError);
    await expect(loadTokenizer(folder)).rejects.toThrow(join(folder, 'tokenizer.json'));
  });

  it('should report invalid JSON with the file name', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-tokenizer-'));
    await writeFile(join(folder, 'tokenizer.json'), '{ "model": ');
    await expect(loadTokenizer(folder)).rejects.toThrow(InvalidFileError);
    await expect(loadTokenizer(folder)).rejects.toThrow(/tokenizer\.json: not valid JSON/);
  });
});

describe('decode streams', () => {
  it('should hold back a character split across tokens until it is complete', async () => {
    const tokenizer = await qwen25Tokenizer();
    const ids = tokenizer.encode('a😀b');
    const stream = tokenizer.createDecodeStream();
    const pieces = ids.map((id) => stream.push(id));
    expect(pieces.join('') + stream.flush()).toBe('a😀b');
    expect(pieces.every((piece) => !piece.includes('\uFFFD'))).toBe(true);
  });

  it('should decode any chunking of ids to the whole text', async () => {
    const tokenizer = await qwen25Tokenizer();
    await fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.array(fc.nat(8), { maxLength: 20 }),
        (text, cuts) => {
          const ids = tokenizer.encode(text);
          const stream = tokenizer.createDecodeStream();
          let decoded = '';
          let at = 0;
          for (const cut of cuts) {
            decoded += stream.push(ids.slice(at, at + cut));
            at += cut;
          }
          decoded += stream.push(ids.slice(at)) + stream.flush();
          expect(decoded).toBe(tokenizer.decode(ids));
        },
      ),
    );
  });
});

describe('decodeWithOffsets', () => {
  it('should agree between the byte-level fast path and incremental decoding', async () => {
    const tokenizer = await qwen25Tokenizer();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (body) => {
        const ids = tokenizer.encode(`<|im_start|>user\n${body}<|im_end|>\n`);
        const { text, offsets: fast } = tokenizer.decodeWithOffsets(ids);
        expect(text).toBe(tokenizer.decode(ids));
        const streamed = streamedTokenOffsets(ids, (window) => tokenizer.decode(window));
        ids.forEach((id, index) => {
          // Incremental decoding cannot see where a token starts inside a character split
          // across tokens; it places such a token at the start of the held-back text.
          if (tokenizer.decode([id]).includes('\uFFFD')) {
            expect(streamed[index]).toBeLessThanOrEqual(fast[index] as number);
          } else {
            expect(streamed[index]).toBe(fast[index]);
          }
        });
      }),
    );
  });

  it('should start each token where its text starts', async () => {
    const tokenizer = await qwen25Tokenizer();
    const ids = tokenizer.encode('<|im_start|>think\nHello Wait<|im_end|>');
    expect(tokenizer.decodeWithOffsets(ids).offsets).toEqual([0, 12, 17, 18, 23, 28]);
  });
});
