import { getLlama, LlamaLogLevel, type LlamaModel } from 'node-llama-cpp';

/**
 * Loads a GGUF file with llama.cpp (node-llama-cpp, CPU) and returns the raw next-token logits
 * after a sequence. The KV cache is kept in F32 so nothing is rounded to half precision.
 */
export async function llamaCppLogits(modelPath: string) {
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
  const model: LlamaModel = await llama.loadModel({ modelPath });
  return {
    model,
    async logitsAfter(ids: readonly number[]): Promise<Float32Array> {
      const context = await model.createContext({
        contextSize: 256,
        batchSize: 64,
        flashAttention: false,
        experimentalKvCacheKeyType: 'F32',
        experimentalKvCacheValueType: 'F32',
      });
      try {
        const input = ids.map((id, index) =>
          index === ids.length - 1 ? ([id, { generateNext: { logits: true } }] as const) : id,
        );
        const results = await context.getSequence().controlledEvaluate(input as never);
        const logits = results[ids.length - 1]?.next?.logits;
        if (logits === undefined) throw new Error('llama.cpp returned no logits');
        const out = new Float32Array(logits.size);
        for (const [token, value] of logits) out[token] = value;
        return out;
      } finally {
        await context.dispose();
      }
    },
    dispose: () => model.dispose(),
  };
}
