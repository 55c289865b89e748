import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFolderAtomically } from '@s1/errors';
import { openSafetensors, writeSafetensors } from '@s1/model-io';
import type { TrainingParameter } from '../qwen2/training-parameters';
import { stepNames } from '../step/step-names';
import { TrainingInputError } from './training-errors';
import type { TrainingState } from './training-state';

/** What a checkpoint records besides the tensors: the run it belongs to. */
export interface RunIdentity {
  modelFingerprint: string;
  dataFingerprint: string;
  /** The settings that decide the trajectory (batching, schedule, optimizer, seed). */
  settings: Record<string, unknown>;
}

const checkpointName = (step: number) => `step-${String(step).padStart(8, '0')}`;
const checkpointPattern = /^step-(\d{8})$/;

/**
 * Writes the state as `checkpoints/step-NNNNNNNN/` (state.safetensors: parameters and Adam's
 * moments in the training layout; trainer-state.json), atomically, then removes all but the
 * newest `keep`. Returns the checkpoint's folder.
 */
export async function writeCheckpoint(
  runFolder: string,
  state: TrainingState,
  parameters: readonly TrainingParameter[],
  identity: RunIdentity,
  keep: number,
): Promise<string> {
  const folder = join(runFolder, 'checkpoints', checkpointName(state.step));
  await writeFolderAtomically(
    folder,
    async (staging) => {
      await writeSafetensors(
        join(staging, 'state.safetensors'),
        parameters.flatMap(({ name, shape }) => [
          {
            name: stepNames.parameter(name),
            shape,
            data: state.parameters.get(name) as Float32Array,
          },
          {
            name: stepNames.firstMoment(name),
            shape,
            data: state.firstMoments.get(name) as Float32Array,
          },
          {
            name: stepNames.secondMoment(name),
            shape,
            data: state.secondMoments.get(name) as Float32Array,
          },
        ]),
      );
      await writeFile(
        join(staging, 'trainer-state.json'),
        `${JSON.stringify({ step: state.step, ...identity }, null, 2)}\n`,
      );
    },
    { overwrite: true },
  );
  const steps = await checkpointSteps(runFolder);
  await Promise.all(
    steps
      .slice(0, Math.max(0, steps.length - keep))
      .map((step) =>
        rm(join(runFolder, 'checkpoints', checkpointName(step)), { recursive: true, force: true }),
      ),
  );
  return folder;
}

/**
 * The newest checkpoint of a run, or undefined when it has none. It must belong to the same
 * model, data and settings: resuming another run's checkpoint would not continue anything.
 */
export async function readNewestCheckpoint(
  runFolder: string,
  parameters: readonly TrainingParameter[],
  identity: RunIdentity,
): Promise<{ state: TrainingState; folder: string } | undefined> {
  const step = (await checkpointSteps(runFolder)).at(-1);
  if (step === undefined) return undefined;
  const folder = join(runFolder, 'checkpoints', checkpointName(step));
  const recorded = JSON.parse(
    await readFile(join(folder, 'trainer-state.json'), 'utf8'),
  ) as RunIdentity & { step: number };
  const differences = [
    recorded.modelFingerprint !== identity.modelFingerprint ? 'the model (config.json)' : undefined,
    recorded.dataFingerprint !== identity.dataFingerprint ? 'the training data' : undefined,
    ...Object.keys({ ...recorded.settings, ...identity.settings })
      .filter(
        (key) => JSON.stringify(recorded.settings[key]) !== JSON.stringify(identity.settings[key]),
      )
      .map(
        (key) =>
          `${key} (${JSON.stringify(recorded.settings[key])} then, ${JSON.stringify(identity.settings[key])} now)`,
      ),
  ].filter((difference) => difference !== undefined);
  if (differences.length > 0) {
    throw new TrainingInputError({
      where: folder,
      problem: `belongs to another run: ${differences.join(', ')} differ`,
      fix: 'Resume with the model, data and settings the run started with, or train into another folder',
    });
  }
  const file = await openSafetensors(join(folder, 'state.safetensors'));
  try {
    const read = async (name: (parameter: string) => string) =>
      new Map(
        await Promise.all(
          parameters.map(
            async ({ name: parameter }) =>
              [parameter, await file.readFloat32(name(parameter))] as const,
          ),
        ),
      );
    return {
      folder,
      state: {
        step: recorded.step,
        parameters: await read(stepNames.parameter),
        firstMoments: await read(stepNames.firstMoment),
        secondMoments: await read(stepNames.secondMoment),
      },
    };
  } finally {
    await file.close();
  }
}

/** Removes the staging folders of checkpoints a crash interrupted (hidden `.step-…tmp`). */
export async function removeInterruptedCheckpoints(runFolder: string): Promise<void> {
  const folder = join(runFolder, 'checkpoints');
  const entries = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((entry) => entry.startsWith('.step-') && entry.includes('.tmp'))
      .map((entry) => rm(join(folder, entry), { recursive: true, force: true })),
  );
}

// Complete checkpoints only: a half-written one is still a hidden staging folder.
async function checkpointSteps(runFolder: string): Promise<number[]> {
  const entries = await readdir(join(runFolder, 'checkpoints')).catch(() => [] as string[]);
  return entries
    .map((entry) => checkpointPattern.exec(entry))
    .filter((match) => match !== null)
    .map((match) => Number(match[1]))
    .sort((a, b) => a - b);
}
