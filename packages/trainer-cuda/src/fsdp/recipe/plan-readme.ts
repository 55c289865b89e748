import type { FsdpPlan } from '../fsdp-plan';
import { mainProcessPort } from './accelerate-fsdp-config';
import { wrappedLayerClass } from './train-fsdp-script';

const fence = '```';

/** README.md: what the folder holds, how to launch it on one node and on several, what it needs. */
export function planReadme(plan: FsdpPlan): string {
  const h = plan.hyperparameters;
  const { nodes, gpusPerNode, processes, gradientAccumulationSteps } = plan.launch;
  const { counts, steps } = plan;
  const microBatches = h.globalBatchSize / h.perDeviceBatchSize;
  const processCounts = divisors(microBatches).join(', ');
  return `# s1 fine-tuning with PyTorch FSDP

This folder fine-tunes \`${plan.model}\` on ${plural(counts.examples, 'tokenized example')} with
Hugging Face transformers' \`Trainer\` and PyTorch FSDP (full shard), after the s1 recipe
([github.com/simplescaling/s1](https://github.com/simplescaling/s1), \`train/sft.py\` and
\`train/sft.sh\`; [arXiv 2501.19393](https://arxiv.org/abs/2501.19393)). It was written by
\`writeFsdpPlan\` of \`@s1/trainer-cuda\`.

| file | what it holds |
| --- | --- |
| \`train.jsonl\` | the examples, one \`{"input_ids", "labels"}\` object a line; labels are -100 where no loss is computed |
| \`train_fsdp.py\` | the training script |
| \`accelerate_fsdp.yaml\` | the \`accelerate\` config: FSDP full shard, one unit a \`${wrappedLayerClass}\`, ${plural(nodes, 'node')} × ${plural(gpusPerNode, 'GPU')} |
| \`plan.json\` | the settings, the counts and the steps below |

## What it needs

- NVIDIA GPUs${h.bf16 ? ' with bf16 (Ampere or newer)' : ''} and a CUDA build of PyTorch.
- Python packages \`torch\`, \`transformers\` 4.46 or newer and \`accelerate\`
  (\`pip install torch transformers accelerate\`). Not TRL: the labels are in \`train.jsonl\`
  already, and the script pads batches itself.
- The model on every node: \`${plan.model}\` is a Hub id (downloaded on first use) or a folder,
  which must then be at that path on each node (a relative path is read from where you launch).
- This folder at the same path on every node (a shared file system, or a copy of it). The
  trained model is written to \`final/\` in it, by the first process of node 0.

## Launch on one node

From this folder:

${fence}sh
accelerate launch --config_file accelerate_fsdp.yaml train_fsdp.py
${fence}

This starts ${plural(processes, 'process', 'processes')}, one a GPU. On another number of GPUs N,
add \`--num_processes N\`. Each optimizer step takes ${h.globalBatchSize} examples
(\`globalBatchSize\`) in micro-batches of ${h.perDeviceBatchSize} a GPU, so N must divide
${microBatches}: N = ${processCounts}. The script reads N from \`WORLD_SIZE\` and accumulates
gradients over ${microBatches} / N micro-batches (${gradientAccumulationSteps} with the config's
${processes}); it stops with a message for any other N.

## Launch on several nodes

Run the same command on each node, with its own rank: \`NODE_RANK\` is 0 on the first node, 1 on
the next, and so on; \`MAIN_IP\` is node 0's address as the other nodes reach it, and the port
must be free there. For M nodes of G GPUs each (the config has M = ${nodes}, G = ${gpusPerNode}):

${fence}sh
accelerate launch --config_file accelerate_fsdp.yaml \\
  --num_machines M --num_processes $((M * G)) \\
  --machine_rank "$NODE_RANK" --main_process_ip "$MAIN_IP" --main_process_port ${mainProcessPort} \\
  train_fsdp.py
${fence}

or, with PyTorch's own launcher, which does not read \`accelerate_fsdp.yaml\`: \`train_fsdp.py\`
passes the same FSDP settings to \`TrainingArguments\`, and sets the two variables
(\`ACCELERATE_USE_FSDP\`, \`FSDP_CPU_RAM_EFFICIENT_LOADING\`) under which transformers loads
the weights on one process a node:

${fence}sh
torchrun --nnodes M --nproc_per_node G --node_rank "$NODE_RANK" \\
  --master_addr "$MAIN_IP" --master_port ${mainProcessPort} train_fsdp.py
${fence}

Under SLURM, start one task a node and take \`NODE_RANK=$SLURM_NODEID\` and
\`MAIN_IP=$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)\`, as s1's
\`train/sft_slurm.sh\` does for its head node.

## The recipe

| setting | value |
| --- | --- |
| model | \`${plan.model}\`, loaded in fp32 (the master weights) |
| precision | ${h.bf16 ? 'bf16 compute (FSDP mixed precision) over fp32 weights' : 'fp32 throughout'} |
| epochs | ${h.epochs} |
| learning rate | ${h.learningRate}, cosine schedule: linear warm-up from 0 over ${steps.warmup} steps, then down to 0 |
| optimizer | AdamW (PyTorch's), β1 ${h.adamBeta1}, β2 ${h.adamBeta2}, ε ${h.adamEpsilon}, weight decay ${h.weightDecay} (transformers' grouping: not on biases, and in current releases not on normalization weights either) |
| gradient clipping | global norm ${h.maxGradNorm} |
| batch | ${h.globalBatchSize} examples a step: ${h.perDeviceBatchSize} a GPU × GPUs × accumulation steps |
| longest example | ${h.blockSize} tokens (\`blockSize\`; examples are not packed) |
| checkpointing | ${h.gradientCheckpointing ? `FSDP activation checkpointing of each \`${wrappedLayerClass}\`` : 'off'} |
| padding | on the right: input ids with ${h.padTokenId}, labels with -100, attention mask 0 |
| seed | ${h.seed} |
| logging | every step; no checkpoint during training, the model and tokenizer saved to \`final/\` at the end |

The loss is the cross-entropy of the tokens whose label is not -100 (the completion, as s1
trains it). With gradient accumulation, transformers 4.46 and newer divide the summed loss by
the number of such tokens in the whole accumulated batch (\`num_items_in_batch\`), so the
trained tokens of a GPU weigh the same however its examples fall into micro-batches; with
\`average_tokens_across_devices\` (on by default in current releases) the count is taken over
all GPUs, and every trained token of a step weighs the same.

## Counts and steps

| what | count |
| --- | --- |
| examples | ${counts.examples} |
| tokens | ${counts.tokens} |
| trained tokens | ${counts.trainedTokens} |
| examples with no trained token | ${counts.untrainedExamples} |
| optimizer steps per epoch | ${steps.perEpoch} |
| optimizer steps in all | ${steps.total} |
| warm-up steps | ${steps.warmup} |

The steps are counted as transformers' \`Trainer\` counts them: a last partial batch of an epoch
is a step (ceil(${counts.examples} / ${h.globalBatchSize})), epochs × steps and the warm-up share
are rounded up. Older releases (4.48 among them:
[transformers issue 36297](https://github.com/huggingface/transformers/issues/36297)) round the
steps of an epoch down when the batches each process sees do not divide by the accumulation steps, and then
take fewer steps than this.

## Memory

FSDP full shard splits the fp32 weights (4 bytes a parameter), their gradients (4 bytes) and
AdamW's two moments (8 bytes) over all GPUs: about 16 bytes × parameters ÷ GPUs on each. For a
32-billion-parameter model that is about 512 GB in all: 32 GB a GPU on 16 GPUs, 64 GB on 8. On
top come the activations (with checkpointing, mainly each layer's input, which grows with the
example length), the bf16 copies of the layers being gathered and the communication buffers;
this README does not estimate them. s1 trained s1-32B on 16 H100s (80 GB each), with gradient
checkpointing in its multi-node scripts; its single-node script suggests checkpointing for
8 H100s.

In CPU memory, the process that reads the checkpoint on each node holds the model in fp32
(4 bytes a parameter: about 128 GB for 32 billion), and saving gathers the whole model again in
the CPU memory of node 0's first process. \`final/\` holds fp32 weights: 4 bytes a parameter on
disk.

## This path or the ONNX Runtime trainer

\`@s1/trainer-cuda\` also trains without Python, on ONNX Runtime (CPU or one CUDA GPU). There a
step runs in one process on one device, which must hold the whole training state (in fp32,
16 bytes a parameter as here) and the activations. That suits small models, up to a few hundred
million parameters. Use this recipe when the model's training state does not fit one device (an
80 GB GPU holds the 16 bytes a parameter of at most 5 billion parameters, before any
activation), or to train on several GPUs or nodes: s1-32B is such a model.
`;
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

function divisors(value: number): number[] {
  return Array.from({ length: value }, (_, index) => index + 1).filter(
    (candidate) => value % candidate === 0,
  );
}
