import type { OptionsOf } from '@s1/errors';
import { validate } from '@s1/errors';
import { z } from 'zod';
import { samplingSchema } from '../common/sampling-schema';
import { fitToContext } from '../context-length/fit-to-context';
import { throwIfAborted } from '../errors/abort-error';
import { ContextLengthError } from '../errors/context-length-error';
import type { BackendTokenizer, SegmentResult } from '../spec/backend-v1';
import { createTokenSampler } from '../stepping/token-sampler';
import type { DecoderShape } from './decoder-config';
import type { OrtModule, OrtSession, OrtTensor } from './ort-module';

const tokenIds = z.array(z.number().int().nonnegative());

const batchRequestShape = {
  /** Prompts as token ids; they may differ in length (they are padded on the left). */
  prompts: z.array(tokenIds.min(1).readonly()).readonly(),
  /** Most tokens each row generates. */
  maxTokens: z.number().int().nonnegative(),
  /** Stop token ids (EOS always stops a row); a stop token is kept in the row's ids. */
  stopTokenIds: tokenIds.readonly().optional(),
  /** Each row draws from its own sampler, seeded with `seed + row`. */
  sampling: samplingSchema.optional(),
  /** Checked before each forward pass: once it fires, the call rejects. */
  signal: z.instanceof(AbortSignal).optional(),
};

const requestSchema = z.strictObject(batchRequestShape);

/**
 * Several prompts for `generateBatch` of the ONNX Runtime backend.
 *
 * @useDeclaredType
 */
export type BatchRequest = OptionsOf<typeof batchRequestShape>;

/**
 * Generates for several prompts in one batch: the prompts are padded on the left (masked, with
 * positions counting only real tokens), every step runs all rows at once with the KV cache, and a
 * row that stops keeps its place until the longest row is done.
 */
export async function generateBatchOnOnnx(
  ort: OrtModule,
  session: OrtSession,
  shape: DecoderShape,
  tokenizer: BackendTokenizer,
  request: BatchRequest,
): Promise<SegmentResult[]> {
  validate(requestSchema, request, 'batch request');
  const rows = request.prompts.length;
  // Each row ends at the model's context, as a single generation does.
  const rowLimits = request.prompts.map((prompt) => {
    const fitted = fitToContext(request, prompt.length, shape.contextLength);
    if (fitted === undefined) {
      throw new ContextLengthError({
        promptTokens: prompt.length,
        contextLength: shape.contextLength as number,
      });
    }
    return fitted.maxTokens;
  });
  const longest = Math.max(...request.prompts.map((prompt) => prompt.length));
  const padId = tokenizer.eosTokenIds[0] ?? 0;
  const stopIds = new Set([...(request.stopTokenIds ?? []), ...tokenizer.eosTokenIds]);
  const samplers = request.prompts.map((_, row) =>
    createTokenSampler({
      ...request.sampling,
      seed: request.sampling?.seed === undefined ? undefined : request.sampling.seed + row,
    }),
  );
  const int64 = (values: readonly number[], dims: number[]) =>
    new ort.Tensor('int64', BigInt64Array.from(values, BigInt), dims);

  const mask = request.prompts.map((prompt) => [
    ...new Array(longest - prompt.length).fill(0),
    ...prompt.map(() => 1),
  ]);
  const nextPosition = request.prompts.map((prompt) => prompt.length);
  let past: Record<string, OrtTensor> = {};
  for (let layer = 0; layer < shape.layers; layer++) {
    for (const kind of ['key', 'value']) {
      past[`past_key_values.${layer}.${kind}`] = new ort.Tensor('float32', new Float32Array(0), [
        rows,
        shape.kvHeads,
        0,
        shape.headDim,
      ]);
    }
  }
  const run = async (ids: number[][], positions: number[][]) => {
    throwIfAborted(request.signal);
    const width = ids[0]?.length ?? 0;
    const outputs = await session.run({
      input_ids: int64(ids.flat(), [rows, width]),
      attention_mask: int64(mask.flat(), [rows, mask[0]?.length ?? 0]),
      position_ids: int64(positions.flat(), [rows, width]),
      ...past,
    });
    const next: Record<string, OrtTensor> = {};
    for (let layer = 0; layer < shape.layers; layer++) {
      for (const kind of ['key', 'value'])
        next[`past_key_values.${layer}.${kind}`] = outputs[`present.${layer}.${kind}`] as OrtTensor;
    }
    past = next;
    const logits = outputs.logits?.data as Float32Array;
    // The logits after each row's last position.
    return ids.map((_, row) =>
      logits.subarray(
        (row * width + width - 1) * shape.vocabSize,
        (row * width + width) * shape.vocabSize,
      ),
    );
  };

  let logits = await run(
    request.prompts.map((prompt) => [...new Array(longest - prompt.length).fill(padId), ...prompt]),
    request.prompts.map((prompt) => [
      ...new Array(longest - prompt.length).fill(1),
      ...prompt.map((_, index) => index),
    ]),
  );
  const generated: number[][] = request.prompts.map(() => []);
  const finished: (SegmentResult['finishReason'] | undefined)[] = rowLimits.map((limit) =>
    limit > 0 ? undefined : 'length',
  );
  while (finished.some((reason) => reason === undefined)) {
    const chosen = logits.map((rowLogits, row) => {
      if (finished[row] !== undefined) return padId;
      const id = (samplers[row] as (logits: Float32Array) => number)(rowLogits);
      generated[row]?.push(id);
      if (stopIds.has(id)) finished[row] = 'stop';
      else if ((generated[row]?.length ?? 0) >= (rowLimits[row] ?? 0)) finished[row] = 'length';
      return id;
    });
    for (const row of mask) row.push(1);
    if (finished.every((reason) => reason !== undefined)) break;
    const positions = nextPosition.map((position) => [position]);
    for (let row = 0; row < rows; row++) nextPosition[row] = (nextPosition[row] as number) + 1;
    logits = await run(
      chosen.map((id) => [id]),
      positions,
    );
  }
  return generated.map((ids, row) => {
    const reason = finished[row] ?? 'length';
    const last = ids[ids.length - 1];
    const textIds = reason === 'stop' ? ids.slice(0, -1) : ids;
    return {
      text: tokenizer.decode?.(textIds) ?? '',
      tokenIds: ids,
      completionTokens: ids.length,
      finishReason: reason,
      stopReason:
        reason === 'stop' && last !== undefined && request.stopTokenIds?.includes(last)
          ? last
          : undefined,
    };
  });
}
