import { seededPermutation } from '@s1/sft-data';

/** One optimizer step: its micro-batches, each the indices of its examples (fewer at an epoch's end). */
export interface PlannedStep {
  epoch: number;
  microBatches: number[][];
}

export interface BatchPlan {
  stepsPerEpoch: number;
  totalSteps: number;
  /** The step (counting from 0) as the run takes it: the same for a given seed, run or resumed. */
  step(index: number): PlannedStep;
}

/**
 * The order in which a run sees its examples: each epoch a seeded permutation (seed + epoch) cut
 * into optimizer steps of `batchSize × gradientAccumulation` examples; the last step of an epoch
 * takes what is left, as the Hugging Face Trainer counts it (ceil). `maxSteps` ends the run
 * early (or extends it over more epochs).
 */
export function planBatches({
  examples,
  epochs,
  maxSteps,
  batchSize,
  gradientAccumulation,
  seed,
}: {
  examples: number;
  epochs: number;
  maxSteps?: number | undefined;
  batchSize: number;
  gradientAccumulation: number;
  seed: number;
}): BatchPlan {
  const perStep = batchSize * gradientAccumulation;
  const stepsPerEpoch = Math.ceil(examples / perStep);
  const orders = new Map<number, number[]>();
  const orderOf = (epoch: number) => {
    let order = orders.get(epoch);
    if (order === undefined) {
      order = seededPermutation(examples, seed + epoch);
      orders.clear();
      orders.set(epoch, order);
    }
    return order;
  };
  return {
    stepsPerEpoch,
    totalSteps: maxSteps ?? epochs * stepsPerEpoch,
    step(index) {
      const epoch = Math.floor(index / stepsPerEpoch);
      const start = (index % stepsPerEpoch) * perStep;
      const picked = orderOf(epoch).slice(start, start + perStep);
      const microBatches: number[][] = [];
      for (let offset = 0; offset < picked.length; offset += batchSize) {
        microBatches.push(picked.slice(offset, offset + batchSize));
      }
      return { epoch, microBatches };
    },
  };
}
