import { describe, expect, it } from 'vitest';
import { createByteTokenizer } from '../tokenizer/create-byte-tokenizer';
import { createTinyQwen2 } from './create-tiny-qwen2';

describe('createTinyQwen2', () => {
  it('should size the vocabulary from the real Qwen2.5 tokenizer and give the same weights for a seed', () => {
    const first = createTinyQwen2({ seed: 7, layers: 1, hidden: 32, heads: 2, kvHeads: 1 });
    const again = createTinyQwen2({ seed: 7, layers: 1, hidden: 32, heads: 2, kvHeads: 1 });
    const other = createTinyQwen2({ seed: 8, layers: 1, hidden: 32, heads: 2, kvHeads: 1 });
    expect(first.architecture).toMatchObject({
      vocabSize: 151665,
      headDim: 16,
      bosTokenId: 151643,
      eosTokenId: 151645,
    });
    expect(first.weights.get('model.layers.0.self_attn.q_proj.bias')).toEqual(
      again.weights.get('model.layers.0.self_attn.q_proj.bias'),
    );
    expect(first.weights.get('model.layers.0.self_attn.q_proj.bias')).not.toEqual(
      other.weights.get('model.layers.0.self_attn.q_proj.bias'),
    );
    expect(first.weights.has('lm_head.weight')).toBe(true);
  });

  it('should size the vocabulary from the tokenizer files it is given and take the context length', () => {
    const tiny = createTinyQwen2({
      vocab: createByteTokenizer(),
      maxPositionEmbeddings: 512,
      layers: 1,
      hidden: 32,
      heads: 2,
      kvHeads: 1,
    });
    expect(tiny.architecture).toMatchObject({
      vocabSize: 260,
      bosTokenId: 256,
      eosTokenId: 258,
      maxPositionEmbeddings: 512,
    });
    expect(tiny.weights.get('model.embed_tokens.weight')).toHaveLength(260 * 32);
    expect(
      createTinyQwen2({ vocab: createByteTokenizer() }).architecture.maxPositionEmbeddings,
    ).toBe(4096);
  });

  it('should refuse sizes that do not fit together', () => {
    expect(() => createTinyQwen2({ hidden: 30, heads: 4 })).toThrow(
      /head_dim 7\.5 must be an even whole number/,
    );
  });
});
