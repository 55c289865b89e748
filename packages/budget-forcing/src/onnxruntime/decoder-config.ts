import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BackendError } from '../errors/backend-error';

/** The parts of a Qwen2-family config.json the decoder loop needs to shape its inputs. */
export interface DecoderShape {
  layers: number;
  kvHeads: number;
  headDim: number;
  vocabSize: number;
  eosTokenIds: number[];
  /** `max_position_embeddings`: positions past it were never trained. */
  contextLength: number | undefined;
}

const configSchema = z.looseObject({
  model_type: z.string(),
  num_hidden_layers: z.number().int().positive(),
  num_attention_heads: z.number().int().positive(),
  num_key_value_heads: z.number().int().positive().optional(),
  hidden_size: z.number().int().positive(),
  head_dim: z.number().int().positive().optional(),
  vocab_size: z.number().int().positive(),
  max_position_embeddings: z.number().int().positive().optional(),
  eos_token_id: z.union([z.number().int(), z.array(z.number().int())]).nullish(),
});

export async function readDecoderShape(folder: string, provider: string): Promise<DecoderShape> {
  const file = join(folder, 'config.json');
  let parsed: z.infer<typeof configSchema>;
  try {
    parsed = configSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    throw new BackendError({
      provider,
      message: `${file} is missing or not a decoder config.json: ${String(error)}`,
      cause: error,
    });
  }
  if (parsed.model_type !== 'qwen2') {
    throw new BackendError({
      provider,
      message: `${file} describes a "${parsed.model_type}" model; this backend runs the Qwen2 family`,
    });
  }
  const eos = parsed.eos_token_id ?? [];
  return {
    layers: parsed.num_hidden_layers,
    kvHeads: parsed.num_key_value_heads ?? parsed.num_attention_heads,
    headDim: parsed.head_dim ?? parsed.hidden_size / parsed.num_attention_heads,
    vocabSize: parsed.vocab_size,
    eosTokenIds: Array.isArray(eos) ? eos : [eos],
    contextLength: parsed.max_position_embeddings,
  };
}
