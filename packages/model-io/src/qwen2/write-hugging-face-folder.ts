import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '@s1/errors';
import { type Qwen2Architecture, qwen2HuggingFaceConfig } from '../config/qwen2-architecture';
import { writeOnnxModelStreaming } from '../onnx/write-onnx-model';
import { writeSafetensors } from '../safetensors/write-safetensors';
import type { TokenizerFiles } from '../tokenizer/tokenizer-files';
import { qwen2OnnxWithDeferredWeights } from './export-qwen2-onnx';
import { type Qwen2Weights, qwen2TensorSpecs } from './qwen2-weights';
import { writeQwen2Gguf } from './write-qwen2-gguf';

/** Options of {@link writeModelFolder}. */
export interface WriteModelFolderOptions {
  /** The folder to write. */
  folder: string;
  /** The model's shape, written as config.json. */
  architecture: Qwen2Architecture;
  /** The weights, written as model.safetensors. */
  weights: Qwen2Weights;
  /** The tokenizer files, written as tokenizer.json and tokenizer_config.json. */
  tokenizer: TokenizerFiles;
  /** Also write `onnx/model.onnx` (the transformers.js layout). @default true */
  onnx?: boolean | undefined;
  /** Also write `model.gguf` for llama.cpp, with F32 or F16 matrices. @default false */
  gguf?: 'F32' | 'F16' | false | undefined;
}

/**
 * Writes a Hugging Face model folder: `config.json`, `generation_config.json`,
 * `model.safetensors`, the tokenizer files, `onnx/model.onnx` and, if asked, `model.gguf`.
 * Every file is written atomically, tensor by tensor, so memory holds the weights about once:
 * no file is assembled in memory, and the ONNX export's transposed matrices are made one at a
 * time. Past 2 GiB of weights, the ONNX weights go to `onnx/model.onnx_data`.
 */
export async function writeModelFolder(options: WriteModelFolderOptions): Promise<void> {
  const { folder, architecture, weights, tokenizer } = options;
  await mkdir(join(folder, 'onnx'), { recursive: true });
  await writeSafetensors(
    join(folder, 'model.safetensors'),
    qwen2TensorSpecs(architecture).map(({ name, shape }) => ({
      name,
      shape,
      data: weights.get(name) as Float32Array,
    })),
    { format: 'pt' },
  );
  await writeJson(join(folder, 'config.json'), qwen2HuggingFaceConfig(architecture));
  await writeJson(join(folder, 'generation_config.json'), {
    ...(architecture.bosTokenId === undefined ? {} : { bos_token_id: architecture.bosTokenId }),
    ...(architecture.eosTokenId === undefined ? {} : { eos_token_id: architecture.eosTokenId }),
    do_sample: false,
  });
  await writeJson(join(folder, 'tokenizer.json'), tokenizer.tokenizerJson);
  await writeJson(join(folder, 'tokenizer_config.json'), tokenizer.tokenizerConfig);
  if (options.onnx ?? true) {
    const { model, deferred } = qwen2OnnxWithDeferredWeights(architecture, weights);
    await writeOnnxModelStreaming(join(folder, 'onnx', 'model.onnx'), model, deferred);
  }
  if (options.gguf) {
    await writeQwen2Gguf({
      path: join(folder, 'model.gguf'),
      architecture,
      weights,
      tokenizer,
      type: options.gguf,
    });
  }
}

function writeJson(path: string, value: unknown): Promise<void> {
  return writeFileAtomically(path, `${JSON.stringify(value, null, 2)}\n`);
}
