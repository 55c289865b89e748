import { describe, expect, it } from 'vitest';
import { InvalidConfigError, UnsupportedArchitectureError } from '../errors/model-format-error';
import { qwen2ArchitectureFromConfig, qwen2HuggingFaceConfig } from './qwen2-architecture';

// The fields of Qwen2.5-0.5B-Instruct's and DeepSeek-R1-Distill-Qwen-1.5B's config.json that the SDK reads.
const qwen25Small = {
  architectures: ['Qwen2ForCausalLM'],
  model_type: 'qwen2',
  vocab_size: 151936,
  hidden_size: 896,
  intermediate_size: 4864,
  num_hidden_layers: 24,
  num_attention_heads: 14,
  num_key_value_heads: 2,
  rope_theta: 1000000.0,
  rms_norm_eps: 1e-6,
  tie_word_embeddings: true,
  max_position_embeddings: 32768,
  bos_token_id: 151643,
  eos_token_id: 151645,
  rope_scaling: null,
  sliding_window: 32768,
};
const r1Distill = {
  ...qwen25Small,
  hidden_size: 1536,
  intermediate_size: 8960,
  num_hidden_layers: 28,
  num_attention_heads: 12,
  rope_theta: 10000,
  tie_word_embeddings: false,
  max_position_embeddings: 131072,
  eos_token_id: 151643,
};

describe('qwen2ArchitectureFromConfig', () => {
  it('should read Qwen2.5 and DeepSeek-R1-Distill-Qwen configs', () => {
    expect(qwen2ArchitectureFromConfig(qwen25Small)).toMatchObject({
      vocabSize: 151936,
      hiddenSize: 896,
      layers: 24,
      heads: 14,
      kvHeads: 2,
      headDim: 64,
      ropeTheta: 1e6,
      tieWordEmbeddings: true,
      attentionBias: true,
    });
    expect(qwen2ArchitectureFromConfig(r1Distill)).toMatchObject({
      headDim: 128,
      tieWordEmbeddings: false,
      ropeTheta: 10000,
    });
  });

  it('should write back a config that reads the same', () => {
    const architecture = qwen2ArchitectureFromConfig(r1Distill);
    expect(qwen2ArchitectureFromConfig(qwen2HuggingFaceConfig(architecture))).toEqual(architecture);
  });

  it('should refuse other architectures by name', () => {
    expect(() =>
      qwen2ArchitectureFromConfig({ ...qwen25Small, model_type: 'llama' }, 'models/x/config.json'),
    ).toThrow(UnsupportedArchitectureError);
    expect(() => qwen2ArchitectureFromConfig({ ...qwen25Small, model_type: 'llama' })).toThrow(
      /describes a "llama" model/,
    );
  });

  it('should refuse inconsistent sizes and scaled RoPE, listing every problem', () => {
    expect(() => qwen2ArchitectureFromConfig({ ...qwen25Small, num_key_value_heads: 3 })).toThrow(
      InvalidConfigError,
    );
    expect(() => qwen2ArchitectureFromConfig({ ...qwen25Small, num_key_value_heads: 3 })).toThrow(
      /multiple of num_key_value_heads 3/,
    );
    expect(() =>
      qwen2ArchitectureFromConfig({ ...qwen25Small, rope_scaling: { type: 'yarn', factor: 4 } }),
    ).toThrow(/rope_scaling/);
    expect(() => qwen2ArchitectureFromConfig({ ...qwen25Small, hidden_size: 'big' })).toThrow(
      /hidden_size/,
    );
  });
});
