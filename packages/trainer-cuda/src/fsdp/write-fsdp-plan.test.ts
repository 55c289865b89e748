import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, OutputExistsError } from '@s1/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WriteFsdpPlanOptions } from './fsdp-plan-options';
import { TrainingExampleError } from './training-example-error';
import { writeFsdpPlan } from './write-fsdp-plan';

const inspectRecipe = fileURLToPath(new URL('./__fixtures__/inspect-recipe.py', import.meta.url));

// Keys of accelerate's ClusterConfig and its `--fsdp_*` launch options
// (github.com/huggingface/accelerate: src/accelerate/commands/config/config_args.py and
// src/accelerate/commands/launch.py): a misspelt key is refused or silently ignored there.
const clusterConfigKeys = [
  'compute_environment',
  'distributed_type',
  'mixed_precision',
  'use_cpu',
  'debug',
  'num_processes',
  'machine_rank',
  'num_machines',
  'gpu_ids',
  'main_process_ip',
  'main_process_port',
  'rdzv_backend',
  'same_network',
  'main_training_function',
  'enable_cpu_affinity',
  'fsdp_config',
  'downcast_bf16',
];
const fsdpLaunchOptions = [
  'fsdp_version',
  'fsdp_offload_params',
  'fsdp_min_num_params',
  'fsdp_sharding_strategy',
  'fsdp_reshard_after_forward',
  'fsdp_auto_wrap_policy',
  'fsdp_transformer_layer_cls_to_wrap',
  'fsdp_backward_prefetch',
  'fsdp_state_dict_type',
  'fsdp_forward_prefetch',
  'fsdp_use_orig_params',
  'fsdp_cpu_ram_efficient_loading',
  'fsdp_sync_module_states',
  'fsdp_activation_checkpointing',
];

let root: string;
let out: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'trainer-cuda-fsdp-'));
  out = join(root, 'plan');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** An example whose first `prompt` tokens are masked, as a completion-only label does. */
function example(ids: number[], prompt: number) {
  return { input_ids: ids, labels: ids.map((id, index) => (index < prompt ? -100 : id)) };
}

const tiny = [example([1, 2, 3, 4], 2), example([5, 6], 1), example([7, 8, 9], 0)];

function python(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync('python3', args, {
    encoding: 'utf8',
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...env },
  });
  if (result.error) throw new Error(`python3 could not run: ${result.error.message}`);
  return result;
}

interface Inspection {
  training_arguments: Record<string, unknown>;
  from_pretrained: Record<string, unknown>;
  config: Record<string, unknown> & { fsdp_config: Record<string, unknown> };
  run: { exit?: string; recorded?: Record<string, Record<string, unknown>> };
}

function inspect(folder: string, worldSize: number): Inspection {
  const result = python([inspectRecipe, folder, String(worldSize)]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Inspection;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

async function write(options: Partial<WriteFsdpPlanOptions> = {}) {
  return writeFsdpPlan({ out, model: 'Qwen/Qwen2.5-32B-Instruct', data: tiny, ...options });
}

describe('writeFsdpPlan', () => {
  it('writes the examples, the script, the accelerate config, plan.json and a README', async () => {
    const withExtraColumns = { ...example([10, 11], 1), text: 'x', attention_mask: [1, 1] };
    const { folder, plan, warnings } = await write({ data: [...tiny, withExtraColumns] });

    expect(folder).toBe(out);
    expect(warnings).toEqual([]);
    expect((await readdir(out)).sort()).toEqual([
      'README.md',
      'accelerate_fsdp.yaml',
      'plan.json',
      'train.jsonl',
      'train_fsdp.py',
    ]);
    expect(await readdir(root)).toEqual(['plan']);
    const lines = (await readFile(join(out, 'train.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual([...tiny, example([10, 11], 1)]);
    expect(JSON.parse(await readFile(join(out, 'plan.json'), 'utf8'))).toEqual(plan);
    expect(plan).toMatchObject({
      model: 'Qwen/Qwen2.5-32B-Instruct',
      launch: { nodes: 1, gpusPerNode: 8, processes: 8, gradientAccumulationSteps: 2 },
      counts: { examples: 4, tokens: 11, trainedTokens: 7, untrainedExamples: 0 },
      steps: { perEpoch: 1, total: 5, warmup: 1 },
    });
    const readme = await readFile(join(out, 'README.md'), 'utf8');
    expect(readme).toContain('accelerate launch --config_file accelerate_fsdp.yaml train_fsdp.py');
    expect(readme).toContain('--machine_rank "$NODE_RANK" --main_process_ip "$MAIN_IP"');
    expect(readme).toContain('torchrun --nnodes M --nproc_per_node G --node_rank "$NODE_RANK"');
    expect(readme).toContain('so N must divide\n16: N = 1, 2, 4, 8, 16.');
  });

  it('writes a script that Python compiles', async () => {
    await write();
    const result = python(['-m', 'py_compile', join(out, 'train_fsdp.py')], {
      PYTHONPYCACHEPREFIX: join(root, 'pycache'),
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('passes the s1 hyper-parameters and FSDP settings to TrainingArguments, by name', async () => {
    await write();
    const { training_arguments, from_pretrained } = inspect(out, 8);
    // Every keyword, so a misspelt or a missing one fails.
    expect(training_arguments).toEqual({
      output_dir: { expression: "str(HERE / 'final')" },
      num_train_epochs: 5,
      per_device_train_batch_size: { expression: 'PER_DEVICE_BATCH_SIZE' },
      gradient_accumulation_steps: { expression: 'gradient_accumulation_steps(world_size)' },
      learning_rate: 1e-5,
      lr_scheduler_type: 'cosine',
      warmup_steps: 1,
      optim: 'adamw_torch',
      adam_beta1: 0.9,
      adam_beta2: 0.95,
      adam_epsilon: 1e-8,
      weight_decay: 1e-4,
      max_grad_norm: 1,
      bf16: true,
      fsdp: 'full_shard auto_wrap',
      fsdp_config: {
        transformer_layer_cls_to_wrap: ['Qwen2DecoderLayer'],
        backward_prefetch: 'backward_pre',
        cpu_ram_efficient_loading: true,
        sync_module_states: true,
        activation_checkpointing: true,
      },
      accelerator_config: { gradient_accumulation_kwargs: { sync_each_batch: true } },
      logging_steps: 1,
      save_strategy: 'no',
      report_to: 'none',
      seed: 42,
      remove_unused_columns: false,
    });
    expect(from_pretrained).toEqual({
      torch_dtype: { expression: 'torch.float32' },
      use_cache: false,
    });
  });

  it('runs main() with the accumulation its world size needs, padding batches on the right', async () => {
    await write({ padTokenId: 151_662 });
    const recorded = inspect(out, 8).run.recorded;
    expect(recorded?.training_arguments).toMatchObject({
      output_dir: join(out, 'final'),
      per_device_train_batch_size: 1,
      gradient_accumulation_steps: 2,
    });
    expect(recorded?.model).toEqual({
      name: 'Qwen/Qwen2.5-32B-Instruct',
      torch_dtype: 'float32',
      use_cache: false,
      // What lets transformers load the weights on one process a node, under torchrun too.
      environment: { ACCELERATE_USE_FSDP: 'true', FSDP_CPU_RAM_EFFICIENT_LOADING: 'true' },
    });
    expect(recorded?.trainer).toEqual({ model: 'model', examples: 3 });
    expect(recorded?.first_batch).toEqual({
      input_ids: {
        rows: [
          [1, 2, 3, 4],
          [5, 6, 151_662, 151_662],
        ],
        dtype: 'long',
      },
      labels: {
        rows: [
          [-100, -100, 3, 4],
          [-100, 6, -100, -100],
        ],
        dtype: 'long',
      },
      attention_mask: {
        rows: [
          [1, 1, 1, 1],
          [1, 1, 0, 0],
        ],
        dtype: 'long',
      },
    });
    expect(recorded?.saved_model).toBe(true);
    expect(recorded?.tokenizer).toEqual({
      name: 'Qwen/Qwen2.5-32B-Instruct',
      saved_to: join(out, 'final'),
    });

    expect(inspect(out, 16).run.recorded?.training_arguments).toMatchObject({
      gradient_accumulation_steps: 1,
    });
    expect(inspect(out, 3).run.exit).toBe(
      'train_fsdp.py: the global batch of 16 examples does not split into 3 processes x 1 per device. Launch a number of processes that divides 16, or write the plan again with another globalBatchSize.',
    );
  });

  it('writes an accelerate config for FSDP full shard of each Qwen2DecoderLayer in bf16', async () => {
    await write();
    const { config } = inspect(out, 8);
    expect(config).toEqual({
      compute_environment: 'LOCAL_MACHINE',
      distributed_type: 'FSDP',
      mixed_precision: 'bf16',
      num_machines: 1,
      num_processes: 8,
      machine_rank: 0,
      main_process_ip: '127.0.0.1',
      main_process_port: 29_500,
      rdzv_backend: 'static',
      same_network: true,
      use_cpu: false,
      fsdp_config: {
        fsdp_version: 1,
        fsdp_sharding_strategy: 'FULL_SHARD',
        fsdp_auto_wrap_policy: 'TRANSFORMER_BASED_WRAP',
        fsdp_transformer_layer_cls_to_wrap: 'Qwen2DecoderLayer',
        fsdp_backward_prefetch: 'BACKWARD_PRE',
        fsdp_forward_prefetch: false,
        fsdp_use_orig_params: true,
        fsdp_cpu_ram_efficient_loading: true,
        fsdp_sync_module_states: true,
        fsdp_activation_checkpointing: true,
        fsdp_offload_params: false,
        fsdp_state_dict_type: 'FULL_STATE_DICT',
      },
    });
    expect(clusterConfigKeys).toEqual(expect.arrayContaining(Object.keys(config)));
    expect(fsdpLaunchOptions).toEqual(expect.arrayContaining(Object.keys(config.fsdp_config)));
  });

  it('counts steps as transformers does: 1,000 examples at 16 a step → 63 an epoch, 315, 16 warm-up', async () => {
    const data = Array.from({ length: 1000 }, (_, index) => example([index, index + 1], 1));
    const { plan } = await write({ data });
    expect(plan.steps).toEqual({ perEpoch: 63, total: 315, warmup: 16 });
    expect(plan.counts).toMatchObject({ examples: 1000, tokens: 2000, trainedTokens: 1000 });
    expect(inspect(out, 8).training_arguments.warmup_steps).toBe(16);
  });

  it('writes the options it is given into the script, the config and the plan', async () => {
    const model = './models/tiny "qwen"\\';
    const { plan } = await write({
      model,
      epochs: 3,
      learningRate: 2e-5,
      warmupRatio: 0.1,
      weightDecay: 0,
      adamBeta1: 0.8,
      adamBeta2: 0.99,
      adamEpsilon: 1e-6,
      maxGradNorm: 0.5,
      globalBatchSize: 32,
      perDeviceBatchSize: 2,
      blockSize: 8,
      gradientCheckpointing: false,
      bf16: false,
      seed: 7,
      padTokenId: 0,
      gpusPerNode: 4,
      nodes: 2,
    });
    expect(plan.launch).toEqual({
      nodes: 2,
      gpusPerNode: 4,
      processes: 8,
      gradientAccumulationSteps: 2,
    });
    const { training_arguments, config, run } = inspect(out, 8);
    expect(training_arguments).toMatchObject({
      num_train_epochs: 3,
      learning_rate: 2e-5,
      warmup_steps: 1,
      adam_beta1: 0.8,
      adam_beta2: 0.99,
      adam_epsilon: 1e-6,
      weight_decay: 0,
      max_grad_norm: 0.5,
      bf16: false,
      seed: 7,
      fsdp_config: expect.objectContaining({ activation_checkpointing: false }),
    });
    expect(config).toMatchObject({
      mixed_precision: 'no',
      num_machines: 2,
      num_processes: 8,
      fsdp_config: expect.objectContaining({ fsdp_activation_checkpointing: false }),
    });
    expect(run.recorded?.model).toMatchObject({ name: model });
    expect(run.recorded?.training_arguments).toMatchObject({
      per_device_train_batch_size: 2,
      gradient_accumulation_steps: 2,
    });
    expect(run.recorded?.first_batch).toMatchObject({
      input_ids: {
        rows: [
          [1, 2, 3, 4],
          [5, 6, 0, 0],
        ],
      },
    });
  });

  it('streams examples from an async iterable', async () => {
    async function* rows() {
      yield* tiny;
    }
    const { plan } = await write({ data: rows() });
    expect(plan.counts.examples).toBe(3);
  });

  it('counts and names the examples that train on nothing', async () => {
    const { plan, warnings } = await write({
      data: [example([1, 2], 1), example([5, 6], 2), example([7, 8], 0), example([1], 1)],
    });
    expect(plan.counts).toMatchObject({ untrainedExamples: 2, untrainedExampleIndices: [1, 3] });
    expect(warnings).toEqual([
      '2 of 4 examples have every label -100 and train on nothing (data[1], data[3]); they still take places in the batches. Leave them out unless that is meant (plan.json lists them all).',
    ]);
  });

  describe('refuses, leaving nothing behind', () => {
    it.each([
      [42, /^data\[1\]: is 42, not an object with input_ids and labels\. Pass tokenized rows/],
      [{ input_ids: [1, 2] }, /^data\[1\]\.labels: is undefined, not an array of token ids/],
      [
        { inputIds: [1], labels: [1] },
        /^data\[1\]: has inputIds but no input_ids\. Rename inputIds/,
      ],
      [{ input_ids: [1, 2, 3], labels: [1, 2] }, /^data\[1\]: has 3 input_ids but 2 labels\./],
      [{ input_ids: [], labels: [] }, /^data\[1\]: has no tokens\. Leave empty examples out\.$/],
      [
        example([1, 2, 3, 4, 5], 0),
        /^data\[1\]: has 5 tokens, more than blockSize 4\. Tokenize with blockSize 4 \(tokenizeForSft cuts/,
      ],
      [
        { input_ids: [1, 2, 3], labels: [2, 3, -100] },
        /^data\[1\]\.labels\[0\]: is 2 where input_ids\[0\] is 1; a label is the input id itself or -100\. Pass labels unshifted/,
      ],
      [
        { input_ids: [1, 2.5], labels: [-100, -100] },
        /^data\[1\]\.input_ids\[1\]: is 2\.5, not a token id/,
      ],
    ])('the bad example %j', async (bad, message) => {
      const data = [example([1, 2], 1), bad, example([3, 4], 1)] as never;
      const error = await rejection(write({ data, blockSize: 4 }));
      expect(error).toBeInstanceOf(TrainingExampleError);
      expect(error).toMatchObject({ where: expect.stringMatching(/^data\[1\]/), index: 1 });
      expect(error.message).toMatch(message);
      expect(await readdir(root)).toEqual([]);
    });

    it('a set with no trained token, or no example at all', async () => {
      await expect(write({ data: [example([1, 2], 2)] })).rejects.toThrow(
        'data: none of its 1 examples has a label other than -100. Pass the tokenized training set',
      );
      await expect(write({ data: [] })).rejects.toThrow('data: holds no examples.');
      expect(await readdir(root)).toEqual([]);
    });

    it('an existing folder that is not empty, before reading any example', async () => {
      await mkdir(out);
      await writeFile(join(out, 'notes.txt'), 'keep me');
      let read = false;
      function* rows() {
        read = true;
        yield* tiny;
      }
      const error = await rejection(write({ data: rows() }));
      expect(error).toBeInstanceOf(OutputExistsError);
      expect(error.message).toBe(
        `${out} already exists and is not empty: choose another folder, or allow replacing it (overwrite: true).`,
      );
      expect(read).toBe(false);
      expect(await readdir(out)).toEqual(['notes.txt']);
      expect(await readdir(root)).toEqual(['plan']);
    });

    it('a path that is a file, even with overwrite', async () => {
      await writeFile(out, 'a file');
      await expect(write({ overwrite: true })).rejects.toThrow(
        `${out} exists and is a file, not a folder: choose another path.`,
      );
      expect(await readFile(out, 'utf8')).toBe('a file');
    });

    it('options that are unknown, out of range or that do not split the batch', async () => {
      const refused = async (options: Partial<WriteFsdpPlanOptions>, message: RegExp) => {
        const error = await rejection(write(options));
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect(error.message).toMatch(message);
      };
      await refused(
        { learning_rate: 1e-5 } as never,
        /- learning_rate: unknown key; did you mean "learningRate"\?/,
      );
      await refused({ model: ' ' }, /- model: /);
      await refused({ data: 'train.jsonl' as never }, /- data: must be an array, an iterable/);
      await refused({ warmupRatio: 1.5 }, /- warmupRatio: /);
      await refused(
        { gpusPerNode: 3 },
        /- globalBatchSize: 16 examples per step do not split into 1 node\(s\) × 3 GPUs × 1 per device/,
      );
      expect(await readdir(root)).toEqual([]);
    });
  });

  it('writes into an existing empty folder, and replaces a full one with overwrite', async () => {
    await mkdir(out);
    await write();
    await writeFile(join(out, 'stale.txt'), 'old');
    await write({ overwrite: true, data: tiny.slice(0, 2) });
    expect(await readdir(out)).not.toContain('stale.txt');
    expect(JSON.parse(await readFile(join(out, 'plan.json'), 'utf8')).counts.examples).toBe(2);
    expect(await readdir(root)).toEqual(['plan']);
  });
});
