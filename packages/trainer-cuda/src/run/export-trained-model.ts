import { writeFolderAtomically } from '@s1/errors';
import { type Qwen2Architecture, type TokenizerFiles, writeModelFolder } from '@s1/model-io';
import type { TrainingParameter } from '../qwen2/training-parameters';
import { toCheckpointLayout } from '../qwen2/weight-layout';

/**
 * The trained model as a Hugging Face folder (config.json, model.safetensors, the tokenizer
 * files), with the ONNX decoder the ONNX Runtime and transformers.js backends load and the GGUF
 * llama.cpp loads, written whole or not at all.
 */
export async function exportTrainedModel({
  folder,
  architecture,
  parameters,
  weights,
  tokenizer,
}: {
  folder: string;
  architecture: Qwen2Architecture;
  parameters: readonly TrainingParameter[];
  weights: ReadonlyMap<string, Float32Array>;
  tokenizer: TokenizerFiles;
}): Promise<void> {
  await writeFolderAtomically(
    folder,
    (staging) =>
      writeModelFolder({
        folder: staging,
        architecture,
        weights: toCheckpointLayout(weights, parameters),
        tokenizer,
        gguf: 'F32',
      }),
    { overwrite: true },
  );
}
