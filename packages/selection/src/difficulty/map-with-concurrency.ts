/**
 * Maps `values` through `run` with at most `concurrency` calls at a time; results keep the
 * order of `values`. The first failure rejects the whole map.
 *
 * @example
 * const lengths = await mapWithConcurrency(['a', 'bb'], 2, async (text) => text.length); // [1, 2]
 */
export async function mapWithConcurrency<Value, Result>(
  values: readonly Value[],
  concurrency: number,
  run: (value: Value, index: number) => Promise<Result>,
): Promise<Result[]> {
  const results = new Array<Result>(values.length);
  let next = 0;
  const worker = async () => {
    while (next < values.length) {
      const index = next++;
      results[index] = await run(values[index] as Value, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, values.length) }, worker));
  return results;
}
