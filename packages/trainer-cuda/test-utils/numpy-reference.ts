import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { endianness, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Independent float64 NumPy references for the training step (scripts/reference/*.py, written
// from the PyTorch and Hugging Face documentation): the masked causal-LM loss of a Qwen2
// checkpoint, and optimizer steps (clip_grad_norm_, the Trainer's schedules, torch.optim.AdamW).

const maskedLossScript = fileURLToPath(
  new URL('../scripts/reference/masked_loss.py', import.meta.url),
);
const adamwScript = fileURLToPath(new URL('../scripts/reference/adamw_steps.py', import.meta.url));

/** B rows of T integers. */
export type IntMatrix = readonly (readonly number[])[];

export interface MaskedLossRequest {
  /** A folder with `config.json` and an F32 `model.safetensors` (as `writeModelFolder` writes). */
  modelDir: string;
  /** B rows of T token ids. */
  inputIds: IntMatrix;
  /** Same shape as `inputIds`; -100 marks a token that is not trained. */
  labels: IntMatrix;
  /** 1 for a token, 0 for padding, which must be on the right. */
  attentionMask?: IntMatrix | undefined;
  /** Rotary positions; by default 0..T-1, or the index inside the segment with `segmentIds`. */
  positionIds?: IntMatrix | undefined;
  /**
   * Packed rows: 0 for padding, k > 0 for the k-th sequence of the row. A token attends to the
   * earlier tokens of its own segment only.
   */
  segmentIds?: IntMatrix | undefined;
  /** Also return the logits. @default false */
  returnLogits?: boolean | undefined;
}

export interface MaskedLossResult {
  /** Σ over every trained position of −log softmax(logits[t])[labels[t + 1]], in float64. */
  lossSum: number;
  /** How many shifted labels are not -100. */
  trainedTokens: number;
  /** lossSum / trainedTokens; null when nothing is trained. */
  lossMean: number | null;
  perRowLossSum: number[];
  perRowTrainedTokens: number[];
  /** With `returnLogits`: [B, T, V] row-major, rounded to float32; NaN at padding positions. */
  logits?: Float32Array | undefined;
}

/**
 * The Hugging Face causal-LM loss of a Qwen2 checkpoint, computed in float64 NumPy: logits at t
 * predict labels[t + 1], cross-entropy over the labels that are not -100, summed over the batch.
 */
export async function maskedLossReference(request: MaskedLossRequest): Promise<MaskedLossResult> {
  const folder = await mkdtemp(join(tmpdir(), 's1-masked-loss-'));
  try {
    const logitsFile = join(folder, 'logits.f32');
    const output = await runPython(
      maskedLossScript,
      JSON.stringify({
        model_dir: request.modelDir,
        input_ids: request.inputIds,
        labels: request.labels,
        attention_mask: request.attentionMask,
        position_ids: request.positionIds,
        segment_ids: request.segmentIds,
        ...(request.returnLogits ? { return_logits: true, logits_file: logitsFile } : {}),
      }),
    );
    const parsed = parseOutput<{
      loss_sum: number;
      trained_tokens: number;
      loss_mean: number | null;
      per_row_loss_sum: number[];
      per_row_trained_tokens: number[];
      logits_file?: string;
    }>(maskedLossScript, output);
    const result: MaskedLossResult = {
      lossSum: parsed.loss_sum,
      trainedTokens: parsed.trained_tokens,
      lossMean: parsed.loss_mean,
      perRowLossSum: parsed.per_row_loss_sum,
      perRowTrainedTokens: parsed.per_row_trained_tokens,
    };
    if (request.returnLogits) result.logits = await readFloat32(logitsFile);
    return result;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Float32 values of one tensor, row-major. */
export type Float32Values = Float32Array | readonly number[];

/** Tensors by name, as a Map or a plain object. */
export type NamedTensors<T> = ReadonlyMap<string, T> | Readonly<Record<string, T>>;

export interface AdamwHyper {
  /** The peak learning rate (the optimizer's lr, which the schedule multiplies). */
  lr: number;
  warmupSteps: number;
  /** num_training_steps of the schedule. */
  totalSteps: number;
  /**
   * `cosine`: get_cosine_schedule_with_warmup (num_cycles 0.5); `constant`:
   * get_constant_schedule, which ignores `warmupSteps`; `constant_with_warmup`:
   * get_constant_schedule_with_warmup.
   */
  schedule: 'cosine' | 'constant' | 'constant_with_warmup';
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** Parameters without weight decay (biases and norm weights in Hugging Face's Trainer). */
  noDecay: readonly string[];
  /** clip_grad_norm_'s max_norm; null (or ≤ 0) for no clipping. */
  maxGradNorm: number | null;
}

export interface AdamwParam {
  shape: readonly number[];
  data: Float32Values;
}

export interface AdamwState {
  /** Optimizer steps already taken (AdamW's step count and the scheduler's step). */
  step: number;
  expAvg: NamedTensors<Float32Values>;
  expAvgSq: NamedTensors<Float32Values>;
}

export interface AdamwRequest {
  params: NamedTensors<AdamwParam>;
  /** One entry per optimizer step: the gradient of the mean loss for every parameter. */
  steps: readonly { grads: NamedTensors<Float32Values> }[];
  hyper: AdamwHyper;
  /** Resume from a checkpointed optimizer state instead of zero moments at step 0. */
  state?: AdamwState | undefined;
  /** Also return the moments after the last step. @default false */
  returnState?: boolean | undefined;
}

export interface AdamwResult {
  /** The parameters after the last step, rounded to float32. */
  params: Map<string, Float32Array>;
  /** The learning rate each step used: lr · lambda(step), so 0 for the first step with warm-up. */
  lrPerStep: number[];
  /** The global gradient 2-norm of each step, before clipping. */
  gradNormPerStep: number[];
  /** max_norm / (norm + 1e-6), PyTorch's clip_coef; null without clipping. */
  clipCoefPerStep: (number | null)[];
  /** min(clip_coef, 1): the factor the gradients were multiplied by (1 without clipping). */
  clipCoefClampedPerStep: number[];
  /** Optimizer steps taken in all, counting `state.step`. */
  finalStep: number;
  /** With `returnState`: the moments after the last step, rounded to float32. */
  state?:
    | { step: number; expAvg: Map<string, Float32Array>; expAvgSq: Map<string, Float32Array> }
    | undefined;
}

/**
 * Optimizer steps as PyTorch and Hugging Face's Trainer take them, in float64 NumPy: for each
 * step, clip_grad_norm_ over all gradients, then torch.optim.AdamW with the learning rate of the
 * schedule at that step (the scheduler steps after the optimizer).
 */
export async function adamwReference(request: AdamwRequest): Promise<AdamwResult> {
  const params = entries(request.params);
  const shapes = new Map(params.map(([name, param]) => [name, param.shape]));
  const folder = await mkdtemp(join(tmpdir(), 's1-adamw-'));
  try {
    const files = new Map<string, string>(params.map(([name], index) => [name, `${index}`]));
    const write = async (
      file: string,
      name: string,
      values: Float32Values,
      what: string,
    ): Promise<string> => {
      const shape = shapes.get(name);
      if (shape === undefined)
        throw new Error(`adamwReference: ${what} names an unknown parameter`);
      const count = shape.reduce((product, dim) => product * dim, 1);
      if (values.length !== count) {
        throw new Error(
          `adamwReference: ${what} has ${values.length} values, expected ${count} for shape [${shape.join(', ')}]`,
        );
      }
      const path = join(folder, file);
      await writeFloat32(path, values);
      return path;
    };
    const writeAll = async (
      tensors: NamedTensors<Float32Values>,
      prefix: string,
      what: string,
    ): Promise<Record<string, string>> => {
      const paths: Record<string, string> = {};
      for (const [name, values] of entries(tensors)) {
        paths[name] = await write(
          `${prefix}-${files.get(name) ?? 'unknown'}.f32`,
          name,
          values,
          `${what}[${JSON.stringify(name)}]`,
        );
      }
      return paths;
    };
    const outPath = (kind: string, name: string) => join(folder, `${kind}-${files.get(name)}.f32`);

    const paramSpecs: Record<string, { shape: readonly number[]; data_file: string }> = {};
    for (const [name, param] of params) {
      paramSpecs[name] = {
        shape: param.shape,
        data_file: await write(
          `param-${files.get(name)}.f32`,
          name,
          param.data,
          `params[${JSON.stringify(name)}]`,
        ),
      };
    }
    const steps: { grads: Record<string, string> }[] = [];
    for (const [index, step] of request.steps.entries()) {
      steps.push({ grads: await writeAll(step.grads, `grad${index}`, `steps[${index}].grads`) });
    }
    const names = params.map(([name]) => name);
    const out = Object.fromEntries(names.map((name) => [name, outPath('out', name)]));
    const hyper = request.hyper;
    const output = await runPython(
      adamwScript,
      JSON.stringify({
        params: paramSpecs,
        steps,
        hyper: {
          lr: hyper.lr,
          warmup_steps: hyper.warmupSteps,
          total_steps: hyper.totalSteps,
          schedule: hyper.schedule,
          beta1: hyper.beta1,
          beta2: hyper.beta2,
          eps: hyper.eps,
          weight_decay: hyper.weightDecay,
          no_decay: hyper.noDecay,
          max_grad_norm: hyper.maxGradNorm,
        },
        out,
        ...(request.state
          ? {
              state: {
                step: request.state.step,
                exp_avg: await writeAll(request.state.expAvg, 'm', 'state.expAvg'),
                exp_avg_sq: await writeAll(request.state.expAvgSq, 'v', 'state.expAvgSq'),
              },
            }
          : {}),
        ...(request.returnState
          ? {
              state_out: {
                exp_avg: Object.fromEntries(names.map((name) => [name, outPath('m-out', name)])),
                exp_avg_sq: Object.fromEntries(names.map((name) => [name, outPath('v-out', name)])),
              },
            }
          : {}),
      }),
    );
    const parsed = parseOutput<{
      lr_per_step: number[];
      grad_norm_per_step: number[];
      clip_coef_per_step: (number | null)[];
      clip_coef_clamped_per_step: number[];
      final_step: number;
    }>(adamwScript, output);
    const readAll = async (kind: string) => {
      const tensors = new Map<string, Float32Array>();
      for (const name of names) tensors.set(name, await readFloat32(outPath(kind, name)));
      return tensors;
    };
    const result: AdamwResult = {
      params: await readAll('out'),
      lrPerStep: parsed.lr_per_step,
      gradNormPerStep: parsed.grad_norm_per_step,
      clipCoefPerStep: parsed.clip_coef_per_step,
      clipCoefClampedPerStep: parsed.clip_coef_clamped_per_step,
      finalStep: parsed.final_step,
    };
    if (request.returnState) {
      result.state = {
        step: parsed.final_step,
        expAvg: await readAll('m-out'),
        expAvgSq: await readAll('v-out'),
      };
    }
    return result;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function entries<T>(tensors: NamedTensors<T>): [string, T][] {
  return tensors instanceof Map
    ? [...(tensors as ReadonlyMap<string, T>).entries()]
    : Object.entries(tensors as Readonly<Record<string, T>>);
}

async function writeFloat32(path: string, values: Float32Values): Promise<void> {
  if (endianness() !== 'LE') throw new Error('the NumPy references read little-endian float32');
  const array = values instanceof Float32Array ? values : Float32Array.from(values);
  await writeFile(path, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
}

async function readFloat32(path: string): Promise<Float32Array> {
  const bytes = await readFile(path);
  if (bytes.byteLength % 4 !== 0) throw new Error(`${path} is not float32 data`);
  // Copy: the Buffer's offset in its ArrayBuffer need not be a multiple of 4.
  return new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
}

function parseOutput<T>(script: string, stdout: string): T {
  try {
    return JSON.parse(stdout) as T;
  } catch (error) {
    throw new Error(
      `the NumPy reference ${script} printed something that is not JSON (${String(error)}): ${stdout.slice(0, 2000)}`,
    );
  }
}

function runPython(script: string, input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [script], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // A script that fails before reading its input closes the pipe; the exit status reports it.
    child.stdin.on('error', () => {});
    child.on('error', (error) =>
      reject(new Error(`could not run python3 ${script}: ${error.message}`, { cause: error })),
    );
    child.on('close', (code, signal) => {
      if (code === 0) resolve(Buffer.concat(stdout).toString('utf8'));
      else
        reject(
          new Error(
            `the NumPy reference python3 ${script} failed (${signal ?? `exit status ${code}`}):\n${Buffer.concat(stderr).toString('utf8')}`,
          ),
        );
    });
    child.stdin.end(input);
  });
}
