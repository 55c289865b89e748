import * as ort from 'onnxruntime-node';
import type { Qwen2Architecture } from '../src/config/qwen2-architecture';

/**
 * Runs an exported Qwen2 ONNX decoder with onnxruntime-node, the way a decoding loop does:
 * the prompt first, then one token at a time with the KV cache of the previous step.
 */
export async function createOnnxRunner(modelPath: string, architecture: Qwen2Architecture) {
  const session = await ort.InferenceSession.create(modelPath);
  const { layers, kvHeads, headDim, vocabSize } = architecture;
  const ints = (values: readonly number[], dims: number[]) =>
    new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), dims);

  /** Logits for every position of every sequence; rows of equal length (pad on the left with `mask` 0). */
  const step = async (
    rows: readonly (readonly number[])[],
    mask: readonly (readonly number[])[],
    past: Record<string, ort.Tensor> | undefined,
  ) => {
    const batch = rows.length;
    const length = rows[0]?.length ?? 0;
    const positions = mask.map((row) => {
      // Positions count only real tokens, as transformers derives them from the mask.
      let position = -1;
      return row.map((bit) => (bit === 1 ? ++position : 1)).slice(row.length - length);
    });
    const feeds: Record<string, ort.Tensor> = {
      input_ids: ints(rows.flat(), [batch, length]),
      attention_mask: ints(mask.flat(), [batch, mask[0]?.length ?? 0]),
      position_ids: ints(positions.flat(), [batch, length]),
    };
    for (let layer = 0; layer < layers; layer++) {
      for (const kind of ['key', 'value']) {
        feeds[`past_key_values.${layer}.${kind}`] =
          past?.[`present.${layer}.${kind}`] ??
          new ort.Tensor('float32', new Float32Array(0), [batch, kvHeads, 0, headDim]);
      }
    }
    const outputs = await session.run(feeds);
    return { logits: outputs.logits?.data as Float32Array, present: outputs };
  };

  return {
    step,
    vocabSize,
    /** Greedy decoding of `count` tokens after one prompt, using the KV cache. */
    async greedy(
      prompt: readonly number[],
      count: number,
    ): Promise<{ tokens: number[]; logits: Float32Array[] }> {
      const mask = prompt.map(() => 1);
      let result = await step([prompt], [mask], undefined);
      const tokens: number[] = [];
      const logits: Float32Array[] = [];
      for (let index = 0; index < count; index++) {
        const last = result.logits.subarray(result.logits.length - vocabSize);
        logits.push(last.slice());
        let best = 0;
        for (let id = 1; id < vocabSize; id++)
          if ((last[id] as number) > (last[best] as number)) best = id;
        tokens.push(best);
        mask.push(1);
        result = await step([[best]], [mask], result.present);
      }
      return { tokens, logits };
    },
    release: () => session.release(),
  };
}
