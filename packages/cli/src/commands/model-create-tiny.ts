import { writeFolderAtomically } from '@s1/errors';
import {
  createByteTokenizer,
  createTinyQwen2,
  readTokenizerFiles,
  writeModelFolder,
} from '@s1/model-io';
import { z } from 'zod';
import { bundledTokenizerFolder } from '../bundled-tokenizer';
import type { CliIO } from '../cli-io';
import { parseFlags, wholeNumber } from '../flags';

const optionsSchema = z
  .strictObject({
    out: z.string().min(1, '--out is required'),
    layers: wholeNumber('--layers', { min: 1 }).default(2),
    hidden: wholeNumber('--hidden', { min: 2 }).default(64),
    heads: wholeNumber('--heads', { min: 1 }).default(4),
    kvHeads: wholeNumber('--kv-heads', { min: 1 }).default(2),
    intermediate: wholeNumber('--intermediate', { min: 1 }).optional(),
    tieEmbeddings: z.boolean().optional(),
    vocabulary: z.enum(['qwen2.5', 'bytes']).default('qwen2.5'),
    contextLength: wholeNumber('--context-length', { min: 1 }).default(4096),
    seed: wholeNumber('--seed').default(0),
    gguf: z.enum(['F32', 'F16']).default('F32'),
    force: z.boolean().optional(),
  })
  .superRefine(({ hidden, heads, kvHeads }, context) => {
    const headDim = hidden / heads;
    if (!Number.isInteger(headDim) || headDim % 2 !== 0) {
      context.addIssue({
        code: 'custom',
        message: `--hidden (${hidden}) must be --heads (${heads}) times an even number: each head's size is rotated in pairs (RoPE)`,
      });
    }
    if (heads % kvHeads !== 0) {
      context.addIssue({
        code: 'custom',
        message: `--heads (${heads}) must be a multiple of --kv-heads (${kvHeads})`,
      });
    }
  });

/**
 * `s1 model create-tiny`: one tiny random Qwen2 model, with the real Qwen2.5 tokenizer or (with
 * `--vocabulary bytes`) a byte-level one of 260 tokens that trains fast, in every format the
 * runtimes load: config.json, model.safetensors, generation_config.json, the tokenizer files,
 * onnx/model.onnx and model.gguf.
 */
export async function modelCreateTiny(
  rawOptions: Record<string, unknown>,
  io: CliIO,
): Promise<void> {
  const options = parseFlags(optionsSchema, rawOptions);
  const tiny = createTinyQwen2({
    layers: options.layers,
    hidden: options.hidden,
    heads: options.heads,
    kvHeads: options.kvHeads,
    intermediate: options.intermediate,
    tieWordEmbeddings: options.tieEmbeddings === true,
    maxPositionEmbeddings: options.contextLength,
    seed: options.seed,
    vocab:
      options.vocabulary === 'bytes'
        ? createByteTokenizer({ modelMaxLength: options.contextLength })
        : readTokenizerFiles(bundledTokenizerFolder()),
  });
  await writeFolderAtomically(
    options.out,
    (folder) => writeModelFolder({ folder, ...tiny, gguf: options.gguf }),
    { overwrite: options.force === true },
  );
  const { layers, hiddenSize, intermediateSize, heads, kvHeads, tieWordEmbeddings } =
    tiny.architecture;
  const { maxPositionEmbeddings, vocabSize } = tiny.architecture;
  let parameters = 0;
  for (const weight of tiny.weights.values()) parameters += weight.length;
  io.stdout.write(
    `wrote ${options.out}: ${layers} layers, hidden ${hiddenSize}, intermediate ${intermediateSize}, ${heads} heads over ${kvHeads} KV heads, ${tieWordEmbeddings ? 'tied' : 'untied'} embeddings, context ${maxPositionEmbeddings}, vocabulary ${vocabSize} (${options.vocabulary === 'bytes' ? 'bytes' : 'Qwen2.5'}), ${parameters.toLocaleString('en-US')} parameters, seed ${options.seed}\n` +
      '  config.json  generation_config.json  model.safetensors  tokenizer.json  tokenizer_config.json  onnx/model.onnx  model.gguf\n',
  );
}
