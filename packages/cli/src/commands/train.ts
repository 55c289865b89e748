import { readRecords } from '@s1/sft-data';
import {
  TrainingInputError,
  type TrainingProgress,
  train as trainModel,
  writeFsdpPlan,
} from '@s1/trainer-cuda';
import { SingleBar } from 'cli-progress';
import { z } from 'zod';
import type { CliIO } from '../cli-io';
import { decimal, flagName, parseFlags, UsageError, wholeNumber } from '../flags';

const optionsSchema = z.strictObject({
  model: z.string().min(1, '--model is required'),
  data: z.string().min(1, '--data is required'),
  out: z.string().min(1, '--out is required'),
  plan: z.enum(['onnxruntime', 'fsdp']).default('onnxruntime'),
  epochs: wholeNumber('--epochs', { min: 1 }).default(5),
  maxSteps: wholeNumber('--max-steps', { min: 1 }).optional(),
  batchSize: wholeNumber('--batch-size', { min: 1 }).default(1),
  gradAccum: wholeNumber('--grad-accum', { min: 1 }).default(16),
  lr: decimal('--lr', { above: 0 }).default(1e-5),
  warmupRatio: decimal('--warmup-ratio', { atLeast: 0, atMost: 1 }).default(0.05),
  weightDecay: decimal('--weight-decay', { atLeast: 0 }).default(1e-4),
  maxGradNorm: decimal('--max-grad-norm', { atLeast: 0 }).default(1),
  blockSize: wholeNumber('--block-size', { min: 2 }).optional(),
  seed: wholeNumber('--seed').default(0),
  ep: z.enum(['cpu', 'cuda']).default('cpu'),
  precision: z.enum(['float32', 'bfloat16']).default('float32'),
  saveEvery: wholeNumber('--save-every', { min: 1 }).default(50),
  stepsPerCall: wholeNumber('--steps-per-call', { min: 1 }).default(4),
  threads: wholeNumber('--threads', { min: 1 }).optional(),
  recompute: z.boolean().default(false),
  resume: z.boolean().optional(),
  export: z.boolean().default(true),
  gpusPerNode: wholeNumber('--gpus-per-node', { min: 1 }).default(8),
  nodes: wholeNumber('--nodes', { min: 1 }).default(1),
});
type TrainFlags = z.output<typeof optionsSchema>;

// train()'s option names that are not their flag's (the others are flagName of the option).
const flagOfOption: Record<string, string> = {
  learningRate: '--lr',
  gradientAccumulation: '--grad-accum',
  executionProvider: '--ep',
  outDir: '--out',
};

/**
 * `s1 train --model DIR --data FILE --out DIR`: s1's supervised fine-tuning on ONNX Runtime, or,
 * with `--plan fsdp`, the data and a PyTorch FSDP recipe to train at scale.
 */
export async function train(rawOptions: Record<string, unknown>, io: CliIO): Promise<void> {
  const options = parseFlags(optionsSchema, rawOptions);
  if (options.plan === 'fsdp') return writePlan(options, io);
  const progress = progressReporter(io);
  try {
    const result = await trainModel({
      model: options.model,
      data: options.data,
      outDir: options.out,
      epochs: options.epochs,
      maxSteps: options.maxSteps,
      batchSize: options.batchSize,
      gradientAccumulation: options.gradAccum,
      learningRate: options.lr,
      warmupRatio: options.warmupRatio,
      weightDecay: options.weightDecay,
      maxGradNorm: options.maxGradNorm,
      blockSize: options.blockSize,
      seed: options.seed,
      executionProvider: options.ep,
      saveEvery: options.saveEvery,
      stepsPerCall: options.stepsPerCall,
      threads: options.threads,
      recompute: options.recompute,
      precision: options.precision,
      resume: options.resume ?? false,
      exportFinal: options.export,
      onProgress: progress.report,
    });
    progress.stop();
    io.stdout.write(
      [
        `trained ${result.steps} steps${result.resumedFrom === undefined ? '' : ` (resumed at step ${result.resumedFrom})`}; final loss ${result.finalLoss.toFixed(4)}`,
        `  metrics: ${result.metricsFile}`,
        `  loss curve: ${result.lossCurve.svg}, ${result.lossCurve.png}`,
        ...(result.finalModel === undefined
          ? []
          : [
              `  model: ${result.finalModel} (Hugging Face folder, onnx/model.onnx, model.gguf)`,
              `  try it: s1 generate --runtime onnxruntime --model-path ${result.finalModel} --tokenizer ${result.finalModel} --prompt "…"`,
            ]),
        '',
      ].join('\n'),
    );
  } catch (error) {
    progress.stop();
    throw inFlagTerms(error);
  }
}

async function writePlan(options: TrainFlags, io: CliIO): Promise<void> {
  const { records } = await readRecords(options.data);
  const { folder, plan, warnings } = await writeFsdpPlan({
    out: options.out,
    model: options.model,
    data: records as { input_ids: number[]; labels: number[] }[],
    epochs: options.epochs,
    learningRate: options.lr,
    warmupRatio: options.warmupRatio,
    weightDecay: options.weightDecay,
    maxGradNorm: options.maxGradNorm,
    globalBatchSize: options.batchSize * options.gradAccum,
    perDeviceBatchSize: options.batchSize,
    ...(options.blockSize === undefined ? {} : { blockSize: options.blockSize }),
    seed: options.seed,
    gpusPerNode: options.gpusPerNode,
    nodes: options.nodes,
  });
  for (const warning of warnings) io.stderr.write(`warning: ${warning}\n`);
  io.stdout.write(
    `wrote the FSDP plan to ${folder}: ${plan.counts.examples} examples, ${plan.steps.total} optimizer steps on ${plan.launch.nodes} × ${plan.launch.gpusPerNode} GPUs\n  launch: see ${folder}/README.md (accelerate launch --config_file accelerate_fsdp.yaml train_fsdp.py)\n`,
  );
}

// A progress bar on a terminal; otherwise a line every ten seconds, and one at the end.
function progressReporter(io: CliIO) {
  const terminal = (io.stderr as { isTTY?: boolean }).isTTY === true;
  const bar = new SingleBar({
    format:
      'training [{bar}] {value}/{total} steps | loss {loss} | lr {lr} | {speed} tokens/s | {eta_formatted} left',
    stream: io.stderr as NodeJS.WritableStream,
  });
  let lastLine = Date.now();
  const fields = (progress: TrainingProgress) => ({
    loss: progress.loss.toFixed(4),
    lr: progress.learningRate.toExponential(2),
    speed: Math.round(progress.tokensPerSecond),
  });
  return {
    report(progress: TrainingProgress) {
      if (terminal) {
        if (!bar.isActive) bar.start(progress.totalSteps, 0, fields(progress));
        bar.update(progress.step, fields(progress));
        return;
      }
      const now = Date.now();
      if (now - lastLine < 10_000 && progress.step < progress.totalSteps) return;
      lastLine = now;
      const { loss, lr, speed } = fields(progress);
      io.stderr.write(
        `step ${progress.step}/${progress.totalSteps} · loss ${loss} · lr ${lr} · ${speed} tokens/s · ${Math.round(progress.etaSeconds)} s left\n`,
      );
    },
    stop() {
      if (bar.isActive) bar.stop();
    },
  };
}

// The options the library names (blockSize) are flags here (--block-size).
const optionsWithFlags = [
  'epochs',
  'maxSteps',
  'batchSize',
  'gradientAccumulation',
  'learningRate',
  'warmupRatio',
  'weightDecay',
  'maxGradNorm',
  'blockSize',
  'seed',
  'stepsPerCall',
  'executionProvider',
  'outDir',
];

function inFlagTerms(error: unknown): unknown {
  if (!TrainingInputError.isInstance(error)) return error;
  const pattern = new RegExp(`\\b(${optionsWithFlags.join('|')})\\b`, 'g');
  if (!pattern.test(error.message)) return error;
  return new UsageError(
    error.message.replace(pattern, (option) => flagOfOption[option] ?? flagName(option)),
  );
}
