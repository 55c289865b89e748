import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '@s1/errors';
import { trainingParameters } from '../qwen2/training-parameters';
import { toTrainingLayout } from '../qwen2/weight-layout';
import { cosineLearningRate, warmupStepsFor } from '../schedule/learning-rate-schedule';
import { compileTrainingGraph } from '../step/compile-training-graph';
import { stepNames } from '../step/step-names';
import { assembleBatches } from './assemble-batches';
import { planBatches } from './batch-plan';
import {
  type RunIdentity,
  readNewestCheckpoint,
  removeInterruptedCheckpoints,
  writeCheckpoint,
} from './checkpoints';
import { exportTrainedModel } from './export-trained-model';
import { loadModelFolder } from './load-model-folder';
import { loadTrainingData } from './load-training-data';
import { renderLossCurve } from './loss-curve';
import { createMetricsLog, type StepMetrics } from './metrics-log';
import { createSession, loadOnnxRuntime, type OrtSession, type OrtTensor } from './ort-runtime';
import { resolveTrainOptions, type TrainOptions } from './train-options';
import { TrainingDivergedError, TrainingInputError } from './training-errors';
import { emptyTrainingState, initialTrainingState, type TrainingState } from './training-state';

/** What a training run did and wrote. */
export interface TrainResult {
  /** Optimizer steps done (all of them, a resumed run's included). */
  steps: number;
  /** The step the run resumed from, when it did. */
  resumedFrom: number | undefined;
  /** The loss of the last step. */
  finalLoss: number;
  /** The path of `metrics.jsonl`. */
  metricsFile: string;
  /** The loss curve's files. */
  lossCurve: {
    /** The path of `loss-curve.svg`. */
    svg: string;
    /** The path of `loss-curve.png`. */
    png: string;
  };
  /** The trained model's folder, when exported. */
  finalModel: string | undefined;
}

/**
 * Supervised fine-tuning of a Qwen2-family model on ONNX Runtime, as s1 trains: the tokenized
 * set `s1 format` writes, the s1 hyper-parameters by default, every optimizer step a call of one
 * compiled training graph (several steps per call, in an ONNX Loop). Writes `metrics.jsonl` (a
 * line per step), checkpoints every `saveEvery` steps (atomically; `resume` continues from the
 * newest, bit for bit), the loss curve, and the trained model in `outDir/final`.
 *
 * @example
 * const result = await train({ model: './tiny-qwen2', data: './train.parquet', outDir: './run', epochs: 3 });
 * console.log(result.finalLoss, result.finalModel);
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  const settings = resolveTrainOptions(options);
  const model = await loadModelFolder(settings.model);
  const { architecture } = model;
  if (settings.blockSize > architecture.maxPositionEmbeddings && options.blockSize !== undefined) {
    throw new TrainingInputError({
      where: 'blockSize',
      problem: `${settings.blockSize} is larger than the model's context (max_position_embeddings ${architecture.maxPositionEmbeddings})`,
      fix: `Give a block size of at most ${architecture.maxPositionEmbeddings}`,
    });
  }
  const blockSize = Math.min(settings.blockSize, architecture.maxPositionEmbeddings);
  const data = await loadTrainingData(settings.data, {
    vocabularySize: architecture.vocabSize,
    blockSize,
  });
  await prepareRunFolder(settings.outDir, settings.resume);

  const parameters = trainingParameters(architecture);
  const plan = planBatches({ ...settings, examples: data.examples.length });
  const identity: RunIdentity = {
    modelFingerprint: model.fingerprint,
    dataFingerprint: data.fingerprint,
    settings: {
      epochs: settings.epochs,
      maxSteps: settings.maxSteps ?? null,
      batchSize: settings.batchSize,
      gradientAccumulation: settings.gradientAccumulation,
      learningRate: settings.learningRate,
      warmupRatio: settings.warmupRatio,
      weightDecay: settings.weightDecay,
      beta1: settings.beta1,
      beta2: settings.beta2,
      epsilon: settings.epsilon,
      maxGradNorm: settings.maxGradNorm,
      blockSize,
      seed: settings.seed,
      stepsPerCall: settings.stepsPerCall,
      precision: settings.precision,
    },
  };
  let state: TrainingState = initialTrainingState(
    parameters,
    toTrainingLayout(model.weights, parameters),
  );
  let lastCheckpoint: string | undefined;
  let resumedFrom: number | undefined;
  if (settings.resume) {
    await removeInterruptedCheckpoints(settings.outDir);
    const found = await readNewestCheckpoint(settings.outDir, parameters, identity);
    if (found !== undefined) {
      ({ state } = found);
      lastCheckpoint = found.folder;
      resumedFrom = state.step;
    }
  }
  let spare = emptyTrainingState(parameters);
  const metricsFile = join(settings.outDir, 'metrics.jsonl');
  const metricsLog = createMetricsLog(metricsFile);
  const metrics: StepMetrics[] = await metricsLog.keepUpTo(state.step);

  const ort = await loadOnnxRuntime(settings.lib);
  const sessions = new Map<string, OrtSession>();
  const sessionFor = async (positions: number, steps: number) => {
    const key = `${positions}x${steps}`;
    let session = sessions.get(key);
    if (session === undefined) {
      const { model: graph } = compileTrainingGraph({
        architecture,
        rows: settings.batchSize,
        positions,
        accumulation: settings.gradientAccumulation,
        steps,
        optimizer: {
          beta1: settings.beta1,
          beta2: settings.beta2,
          eps: settings.epsilon,
          weightDecay: settings.weightDecay,
          maxGradNorm: settings.maxGradNorm > 0 ? settings.maxGradNorm : undefined,
        },
        recompute: settings.recompute,
        compute: settings.precision,
      });
      session = await createSession(ort, graph, settings.executionProvider, settings.threads);
      sessions.set(key, session);
    }
    return session;
  };
  const schedule = {
    peak: settings.learningRate,
    warmupSteps: warmupStepsFor(settings.warmupRatio, plan.totalSteps),
    totalSteps: plan.totalSteps,
  };
  // Checkpoints fall on call boundaries, so a resumed run calls the graph exactly as before.
  const saveEvery = Math.ceil(settings.saveEvery / settings.stepsPerCall) * settings.stepsPerCall;
  const started = Date.now();
  const startStep = state.step;
  let tokensSeen = 0;

  try {
    while (state.step < plan.totalSteps) {
      if (settings.signal?.aborted) throw settings.signal.reason;
      const count = Math.min(settings.stepsPerCall, plan.totalSteps - state.step);
      const planned = Array.from({ length: count }, (_, index) => plan.step(state.step + index));
      const batches = assembleBatches(planned, data.examples, {
        accumulation: settings.gradientAccumulation,
        batchSize: settings.batchSize,
        blockSize,
      });
      const session = await sessionFor(batches.positions, count);
      const learningRates = planned.map((_, index) =>
        cosineLearningRate(state.step + index, schedule),
      );
      const dims = [count, settings.gradientAccumulation, settings.batchSize, batches.positions];
      const feeds: Record<string, OrtTensor> = {
        input_ids: new ort.Tensor('int64', batches.inputIds, dims),
        position_ids: new ort.Tensor('int64', batches.positionIds, dims),
        segment_ids: new ort.Tensor('int64', batches.segmentIds, dims),
        labels: new ort.Tensor('int64', batches.labels, dims),
        learning_rate: new ort.Tensor('float32', Float32Array.from(learningRates), [count]),
        first_step: new ort.Tensor('float32', Float32Array.of(state.step), []),
      };
      for (const { name, shape } of parameters) {
        feeds[stepNames.parameter(name)] = new ort.Tensor(
          'float32',
          state.parameters.get(name) as Float32Array,
          shape,
        );
        feeds[stepNames.firstMoment(name)] = new ort.Tensor(
          'float32',
          state.firstMoments.get(name) as Float32Array,
          shape,
        );
        feeds[stepNames.secondMoment(name)] = new ort.Tensor(
          'float32',
          state.secondMoments.get(name) as Float32Array,
          shape,
        );
      }
      // The next state is written straight into the spare buffers: no copies, no allocation.
      const fetches: Record<string, OrtTensor | null> = {
        loss: null,
        grad_norm: null,
        trained_tokens: null,
      };
      for (const { name, shape } of parameters) {
        const into = (buffers: Map<string, Float32Array>) =>
          new ort.Tensor('float32', buffers.get(name) as Float32Array, shape);
        fetches[stepNames.next(stepNames.parameter(name))] = into(spare.parameters);
        fetches[stepNames.next(stepNames.firstMoment(name))] = into(spare.firstMoments);
        fetches[stepNames.next(stepNames.secondMoment(name))] = into(spare.secondMoments);
      }
      const outputs = await session.run(feeds, fetches);
      const column = (name: string) => Array.from(outputs[name]?.data as Float32Array);
      const [losses, gradNorms, trained] = [
        column('loss'),
        column('grad_norm'),
        column('trained_tokens'),
      ];
      const diverged = losses.findIndex((loss) => !Number.isFinite(loss));
      if (diverged !== -1) {
        throw new TrainingDivergedError({
          step: state.step + diverged + 1,
          value: losses[diverged] as number,
          lastCheckpoint,
        });
      }
      const firstStepOfCall = state.step;
      const previous = state;
      state = { ...spare, step: state.step + count };
      spare = previous;
      tokensSeen += batches.tokens;
      const elapsedSeconds = (Date.now() - started) / 1000;
      const lines = planned.map((step, index) => ({
        step: firstStepOfCall + index + 1,
        epoch: step.epoch,
        loss: losses[index] as number,
        lr: learningRates[index] as number,
        gradNorm: gradNorms[index] as number,
        tokens: trained[index] as number,
        elapsedSeconds,
      }));
      await metricsLog.append(lines);
      metrics.push(...lines);
      if (state.step % saveEvery === 0 || state.step === plan.totalSteps) {
        lastCheckpoint = await writeCheckpoint(
          settings.outDir,
          state,
          parameters,
          identity,
          settings.keepCheckpoints,
        );
      }
      const rate = elapsedSeconds > 0 ? (state.step - startStep) / elapsedSeconds : 0;
      const last = lines.at(-1) as StepMetrics;
      settings.onProgress?.({
        step: state.step,
        totalSteps: plan.totalSteps,
        epoch: last.epoch,
        loss: last.loss,
        learningRate: last.lr,
        gradNorm: last.gradNorm,
        tokensPerSecond: elapsedSeconds > 0 ? tokensSeen / elapsedSeconds : 0,
        elapsedSeconds,
        etaSeconds: rate > 0 ? (plan.totalSteps - state.step) / rate : 0,
      });
    }
  } finally {
    await Promise.all([...sessions.values()].map((session) => session.release()));
  }

  const curve = await renderLossCurve(metrics, `training loss, ${settings.model}`);
  const lossCurve = {
    svg: join(settings.outDir, 'loss-curve.svg'),
    png: join(settings.outDir, 'loss-curve.png'),
  };
  await Promise.all([
    writeFileAtomically(lossCurve.svg, curve.svg),
    writeFileAtomically(lossCurve.png, curve.png),
  ]);
  const finalModel = settings.exportFinal ? join(settings.outDir, 'final') : undefined;
  if (finalModel !== undefined) {
    await exportTrainedModel({
      folder: finalModel,
      architecture,
      parameters,
      weights: state.parameters,
      tokenizer: model.tokenizer,
    });
  }
  return {
    steps: state.step,
    resumedFrom,
    finalLoss: metrics.at(-1)?.loss ?? Number.NaN,
    metricsFile,
    lossCurve,
    finalModel,
  };
}

// A run folder is created, or continued with `resume`; never trained into twice by accident.
async function prepareRunFolder(outDir: string, resume: boolean): Promise<void> {
  try {
    await mkdir(join(outDir, 'checkpoints'), { recursive: true });
    await access(outDir, 2);
  } catch (error) {
    throw new TrainingInputError({
      where: outDir,
      problem: `cannot be written (${error instanceof Error ? error.message : String(error)})`,
      fix: 'Choose an output folder you can write to',
      cause: error,
    });
  }
  const holdsRun = await access(join(outDir, 'metrics.jsonl')).then(
    () => true,
    () => false,
  );
  if (holdsRun && !resume) {
    throw new TrainingInputError({
      where: outDir,
      problem: 'already holds a training run (metrics.jsonl)',
      fix: 'Pass resume to continue it, or choose another output folder',
    });
  }
}
