import type { PlannedStep } from './batch-plan';
import type { TrainingExample } from './load-training-data';

/** The batch inputs of one call of the training graph, each [steps, accumulation, rows, positions]. */
export interface AssembledBatches {
  positions: number;
  inputIds: BigInt64Array;
  positionIds: BigInt64Array;
  segmentIds: BigInt64Array;
  labels: BigInt64Array;
  /** Tokens of the examples (padding excluded). */
  tokens: number;
}

// Rows are padded to a multiple of this, so runs of similar lengths share a compiled graph.
const positionBucket = 32;

/** The number of positions a chunk of steps is padded to: its longest example, rounded up to a bucket. */
export function positionsFor(lengths: readonly number[], blockSize: number): number {
  const longest = Math.max(2, ...lengths);
  return Math.min(Math.max(blockSize, 2), Math.ceil(longest / positionBucket) * positionBucket);
}

/**
 * Lays out `steps` for one call: each micro-batch slot holds `batchSize` rows; rows without an
 * example (the end of an epoch) are padding — segment 0, labels −100 — and train nothing.
 */
export function assembleBatches(
  steps: readonly PlannedStep[],
  examples: readonly TrainingExample[],
  {
    accumulation,
    batchSize,
    blockSize,
  }: { accumulation: number; batchSize: number; blockSize: number },
): AssembledBatches {
  const lengths = steps.flatMap((step) =>
    step.microBatches.flat().map((index) => (examples[index] as TrainingExample).inputIds.length),
  );
  const positions = positionsFor(lengths, blockSize);
  const size = steps.length * accumulation * batchSize * positions;
  const batches: AssembledBatches = {
    positions,
    inputIds: new BigInt64Array(size),
    positionIds: new BigInt64Array(size),
    segmentIds: new BigInt64Array(size),
    labels: new BigInt64Array(size).fill(-100n),
    tokens: 0,
  };
  steps.forEach((step, stepIndex) => {
    step.microBatches.forEach((microBatch, slot) => {
      microBatch.forEach((exampleIndex, row) => {
        const example = examples[exampleIndex] as TrainingExample;
        const offset = ((stepIndex * accumulation + slot) * batchSize + row) * positions;
        example.inputIds.forEach((id, position) => {
          batches.inputIds[offset + position] = BigInt(id);
          batches.positionIds[offset + position] = BigInt(position);
          batches.segmentIds[offset + position] = 1n;
          batches.labels[offset + position] = BigInt(example.labels[position] as number);
        });
        batches.tokens += example.inputIds.length;
      });
    });
  });
  return batches;
}
