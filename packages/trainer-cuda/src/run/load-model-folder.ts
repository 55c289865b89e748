import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  checkQwen2Weights,
  openSafetensors,
  type Qwen2Architecture,
  qwen2ArchitectureFromConfig,
  qwen2TensorSpecs,
  type TokenizerFiles,
} from '@s1/model-io';
import { TrainingInputError } from './training-errors';

export interface LoadedModel {
  architecture: Qwen2Architecture;
  /** Float32 weights by Hugging Face name, in the checkpoint's layout. */
  weights: Map<string, Float32Array>;
  tokenizer: TokenizerFiles;
  /** sha256 of config.json: a resumed run must train the same architecture. */
  fingerprint: string;
}

const folderFix =
  'Give a Hugging Face model folder (config.json, model.safetensors, tokenizer.json, tokenizer_config.json), such as `s1 model create-tiny` writes';

/**
 * A Qwen2-family model folder: the architecture from config.json, the weights from
 * model.safetensors (or the shards model.safetensors.index.json lists) converted to float32, and
 * the tokenizer files. Every tensor must be there with its shape.
 */
export async function loadModelFolder(folder: string): Promise<LoadedModel> {
  const configFile = join(folder, 'config.json');
  const configText = await readRequired(configFile, folderFix);
  const config = parseJson(configText, configFile);
  const architecture = qwen2ArchitectureFromConfig(config, configFile);
  const weights = await readWeights(folder, architecture);
  checkQwen2Weights(weights, architecture, join(folder, 'model.safetensors'));
  const tokenizer = {
    tokenizerJson: parseJson(
      await readRequired(join(folder, 'tokenizer.json'), folderFix),
      join(folder, 'tokenizer.json'),
    ) as Record<string, unknown>,
    tokenizerConfig: parseJson(
      await readRequired(join(folder, 'tokenizer_config.json'), folderFix),
      join(folder, 'tokenizer_config.json'),
    ) as Record<string, unknown>,
  };
  const fingerprint = createHash('sha256').update(configText).digest('hex');
  return { architecture, weights, tokenizer, fingerprint };
}

async function readWeights(folder: string, architecture: Qwen2Architecture) {
  const single = join(folder, 'model.safetensors');
  const index = join(folder, 'model.safetensors.index.json');
  let fileOf: (name: string) => string;
  const indexText = await readFile(index, 'utf8').catch(() => undefined);
  if (indexText !== undefined) {
    const weightMap =
      (parseJson(indexText, index) as { weight_map?: Record<string, string> }).weight_map ?? {};
    fileOf = (name) => join(folder, weightMap[name] ?? 'model.safetensors');
  } else {
    fileOf = () => single;
  }
  const weights = new Map<string, Float32Array>();
  const opened = new Map<string, Awaited<ReturnType<typeof openSafetensors>>>();
  try {
    for (const { name, shape } of qwen2TensorSpecs(architecture)) {
      const file = fileOf(name);
      let safetensors = opened.get(file);
      if (safetensors === undefined) {
        safetensors = await openSafetensors(file).catch((error: unknown) => {
          throw new TrainingInputError({
            where: file,
            problem: `cannot be read (${error instanceof Error ? error.message : String(error)})`,
            fix: folderFix,
            cause: error,
          });
        });
        opened.set(file, safetensors);
      }
      const info = safetensors.tensors.get(name);
      if (info === undefined) continue; // checkQwen2Weights names the missing tensor
      if (info.shape.join('x') !== shape.join('x')) {
        throw new TrainingInputError({
          where: `${file}, tensor ${name}`,
          problem: `has shape [${info.shape.join(', ')}], but config.json makes it [${shape.join(', ')}]`,
          fix: 'Use the config.json the weights were saved with',
        });
      }
      weights.set(name, await safetensors.readFloat32(name));
    }
  } finally {
    await Promise.all([...opened.values()].map((file) => file.close()));
  }
  return weights;
}

async function readRequired(file: string, fix: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new TrainingInputError({
      where: file,
      problem: 'is missing or unreadable',
      fix,
      cause: error,
    });
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new TrainingInputError({
      where: file,
      problem: 'is not valid JSON',
      fix: folderFix,
      cause: error,
    });
  }
}
