import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer } from '@huggingface/transformers';
import { resolveQwen25TokenizerFolder } from '@s1/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../errors/model-format-error';
import { createByteTokenizer } from './create-byte-tokenizer';
import { readTokenizerFiles, type TokenizerFiles } from './tokenizer-files';

const specialTokens = ['<|endoftext|>', '<|im_start|>', '<|im_end|>', '<|fim_pad|>'];

/** The fields of Qwen2.5's tokenizer files that the byte tokenizer is compared with. */
interface QwenTokenizerFiles extends TokenizerFiles {
  tokenizerJson: TokenizerFiles['tokenizerJson'] & {
    model: { vocab: Record<string, number> };
    added_tokens: { content: string }[];
  };
  tokenizerConfig: TokenizerFiles['tokenizerConfig'] & {
    added_tokens_decoder: Record<string, unknown>;
  };
}

/** transformers.js's tokenizer, loaded offline from a folder holding the two files. */
async function loadWithTransformers({ tokenizerJson, tokenizerConfig }: TokenizerFiles) {
  const folder = await mkdtemp(join(tmpdir(), 's1-byte-tokenizer-'));
  await writeFile(join(folder, 'tokenizer.json'), JSON.stringify(tokenizerJson));
  await writeFile(join(folder, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig));
  const tokenizer = await AutoTokenizer.from_pretrained(folder, { local_files_only: true });
  return {
    tokenizer,
    encode: (text: string) => tokenizer.encode(text, { add_special_tokens: false }),
    // transformers.js refuses to decode no ids.
    decode: (ids: number[]) =>
      ids.length === 0 ? '' : tokenizer.decode(ids, { skip_special_tokens: false }),
  };
}

describe('createByteTokenizer', () => {
  it("should be Qwen2.5's tokenizer cut to its 256 byte tokens, with the s1 special tokens right after them", () => {
    const bytes = createByteTokenizer();
    const qwen = readTokenizerFiles(
      resolveQwen25TokenizerFolder(import.meta.url),
    ) as QwenTokenizerFiles;
    const model = bytes.tokenizerJson.model as { vocab: Record<string, number>; merges: [] };
    const vocab = model.vocab;
    expect(Object.keys(vocab)).toHaveLength(256);
    for (const [symbol, id] of Object.entries(vocab))
      expect([symbol, qwen.tokenizerJson.model.vocab[symbol]]).toEqual([symbol, id]);
    expect(bytes.tokenizerJson.added_tokens).toEqual(
      specialTokens.map((content, index) => ({
        ...qwen.tokenizerJson.added_tokens.find((token) => token.content === content),
        id: 256 + index,
      })),
    );
    for (const part of ['pre_tokenizer', 'post_processor', 'decoder'])
      expect(bytes.tokenizerJson[part]).toEqual(qwen.tokenizerJson[part]);
    expect(model.merges).toEqual([]);
    expect({ ...model, vocab: undefined, merges: undefined }).toEqual({
      ...qwen.tokenizerJson.model,
      vocab: undefined,
      merges: undefined,
    });
    expect(bytes.tokenizerJson.normalizer).toBeNull();
    expect(bytes.tokenizerConfig).toMatchObject({
      chat_template: qwen.tokenizerConfig.chat_template,
      bos_token: null,
      eos_token: '<|im_end|>',
      pad_token: '<|fim_pad|>',
      model_max_length: 4096,
      added_tokens_decoder: {
        '256': qwen.tokenizerConfig.added_tokens_decoder['151643'],
        '259': qwen.tokenizerConfig.added_tokens_decoder['151662'],
      },
    });
    expect(createByteTokenizer({ modelMaxLength: 512 }).tokenizerConfig.model_max_length).toBe(512);
  });

  it('should make every ASCII character one token and round-trip any UTF-8 text on transformers.js', async () => {
    const { tokenizer, encode, decode } = await loadWithTransformers(createByteTokenizer());
    expect(encode('<|im_start|>think\n')).toEqual([257, 83, 71, 72, 77, 74, 198]);
    expect(encode('<|im_end|><|endoftext|><|fim_pad|>')).toEqual([258, 256, 259]);
    const ascii = String.fromCharCode(...Array.from({ length: 128 }, (_, code) => code));
    expect(encode(ascii)).toHaveLength(128);
    // Not in NFC: kept as written, where Qwen2.5's NFC normalizer would compose it.
    expect(decode(encode('e\u0301'))).toBe('e\u0301');
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...specialTokens))),
        (pieces) => {
          const text = pieces.join('');
          const ids = encode(text);
          expect(decode(ids)).toBe(text);
          // One token per byte of text and per special token.
          const specials = pieces.filter((piece) => specialTokens.includes(piece));
          const plain = pieces.filter((piece) => !specialTokens.includes(piece)).join('');
          expect(ids).toHaveLength(new TextEncoder().encode(plain).length + specials.length);
        },
      ),
    );
    expect(
      tokenizer.apply_chat_template([{ role: 'user', content: 'Hi' }], {
        tokenize: false,
        add_generation_prompt: true,
      }),
    ).toBe(
      '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n',
    );
  });

  it('should add the merges given, in order, as tokens after the bytes', async () => {
    const files = createByteTokenizer({
      merges: [
        ['t', 'h'],
        ['i', 'n'],
        ['in', 'k'],
        ['th', 'ink'],
        [' ', 'W'],
      ],
    });
    expect(files.tokenizerJson.added_tokens).toMatchObject([{ id: 261 }, {}, {}, { id: 264 }]);
    const { encode, decode } = await loadWithTransformers(files);
    expect(encode('<|im_start|>think Wait')).toEqual([262, 259, 260, 64, 72, 83]);
    expect(decode([259, 260])).toBe('think W');
  });

  it('should refuse merges whose parts are not tokens yet, or that make a token again', () => {
    const refusal = (options: Parameters<typeof createByteTokenizer>[0]) => {
      try {
        createByteTokenizer(options);
      } catch (error) {
        expect(InvalidConfigError.isInstance(error)).toBe(true);
        return (error as Error).message;
      }
      throw new Error('no refusal');
    };
    expect(
      refusal({
        merges: [
          ['t', 'h'],
          ['th', 'ink'],
          ['é', 'x'],
        ],
      }),
    ).toMatch(
      /createByteTokenizer options:\n {2}- merges\[1\]: "ink" is not a token yet; each part must be one ASCII character or what an earlier merge makes\n {2}- merges\[2\]: "é" is not a token yet/,
    );
    expect(
      refusal({
        merges: [
          ['t', 'he'],
          ['t', 'h'],
          ['th', 'e'],
          ['t', 'he'],
        ],
      }),
    ).toMatch(/merges\[0\]: "he" is not a token yet/);
    expect(
      refusal({
        merges: [
          ['t', 'h'],
          ['t', 'h'],
        ],
      }),
    ).toMatch(/merges\[1\]: "t" \+ "h" makes "th", which is a token already; leave this merge out/);
    expect(refusal({ merges: [['', 'a']], modelMaxLength: 0 })).toMatch(
      /merges\.0\.0: .*\n.*modelMaxLength: /,
    );
  });
});
