import { availableParallelism } from 'node:os';
import { InferenceSession } from 'onnxruntime-node';
import { expect, vi } from 'vitest';
import type { BackendV1 } from '../src/spec/backend-v1';

type ClosableBackend = Required<Pick<BackendV1, 'generate' | 'close'>>;

/**
 * Creates a backend with `threads: 1` and with the default, generates on each, and checks the
 * options of the ONNX Runtime sessions they opened: the threads given (by default the CPUs the
 * process may use), one operator at a time.
 */
export async function expectOnnxSessionThreads(
  create: (threads: number | undefined) => Promise<ClosableBackend>,
): Promise<void> {
  const createSession = vi.spyOn(InferenceSession, 'create');
  try {
    for (const threads of [1, undefined]) {
      const backend = await create(threads);
      try {
        const generated = await backend.generate({ prompt: { text: 'Hi' }, maxTokens: 2 });
        expect(generated.tokenIds).toHaveLength(2);
      } finally {
        await backend.close();
      }
    }
    expect(createSession.mock.calls.map((call) => call[1])).toEqual(
      [1, availableParallelism()].map((threads) =>
        expect.objectContaining({
          intraOpNumThreads: threads,
          interOpNumThreads: 1,
          executionMode: 'sequential',
        }),
      ),
    );
  } finally {
    createSession.mockRestore();
  }
}
