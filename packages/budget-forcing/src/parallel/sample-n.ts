import pLimit from 'p-limit';

/**
 * Runs `run(0)` … `run(n - 1)` with at most `concurrency` at a time and returns the results in
 * index order. Pass the index into the seed to make parallel samples distinct and reproducible.
 *
 * @example
 * const samples = await sampleN({ n: 8, concurrency: 4, run: (index) =>
 *   controller.generate({ messages, sampling: { temperature: 1, seed: 1000 + index } }) });
 */
export async function sampleN<Result>({
  n,
  concurrency = 4,
  run,
}: {
  n: number;
  concurrency?: number | undefined;
  run: (index: number) => Promise<Result>;
}): Promise<Result[]> {
  const limit = pLimit(concurrency);
  return Promise.all(Array.from({ length: n }, (_, index) => limit(() => run(index))));
}
