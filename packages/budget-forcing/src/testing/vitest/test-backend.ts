import { functionSchema, validate } from '@s1/errors';
import { describe, it } from 'vitest';
import { z } from 'zod';
import type { BackendV1 } from '../../spec/backend-v1';
import { defaultPrompt } from './check';
import { conformanceChecks } from './conformance-checks';

/** Options of {@link testBackend}. */
export interface TestBackendOptions<Backend extends BackendV1 = BackendV1> {
  /** Shown in the test names. */
  name: string;
  /** Creates the backend under test (called once per test). */
  create: () => Backend | Promise<Backend>;
  /** A prompt the model continues for at least 8 tokens. @default an s1 chat prompt */
  prompt?: string | undefined;
  /** Frees what `create` started (servers, models). @default `backend.close()`, where it has one */
  dispose?: ((backend: Backend) => void | Promise<void>) | undefined;
  /**
   * Each test's time limit, model loading included: generous, so that a loaded machine passes.
   * @default 120000
   */
  timeoutMs?: number | undefined;
  /**
   * More tests of this backend, by name, registered beside the suite's: each gets a fresh backend
   * from `create`, typed as `create` returns it, and disposes of it after.
   */
  additionalTests?: Record<string, (backend: Backend) => Promise<void>> | undefined;
}

// Kept beside the interface, which carries the backend's type zod cannot; a test checks their keys.
export const testBackendOptionsSchema = z.strictObject({
  name: z.string().min(1),
  create: functionSchema<() => unknown>(),
  prompt: z.string().min(1).optional(),
  dispose: functionSchema<(backend: never) => unknown>().optional(),
  timeoutMs: z.number().int().positive().optional(),
  additionalTests: z.record(z.string(), functionSchema<(backend: never) => unknown>()).optional(),
});

/**
 * The conformance suite of the backend spec v1: registers vitest tests that check a backend's
 * declared capabilities against what it does (greedy and seeded sampling, stops, suppression,
 * streaming and its backpressure, aborts, and stopping when a controller's stream is left), on its
 * own model. Every backend of the SDK runs it.
 *
 * @example
 * testBackend({ name: 'my runtime', create: () => createMyBackend({ … }) });
 */
export function testBackend<Backend extends BackendV1>(options: TestBackendOptions<Backend>): void {
  validate(testBackendOptionsSchema, options, 'testBackend options');
  const prompt = options.prompt ?? defaultPrompt;
  const dispose = options.dispose ?? ((backend: Backend) => backend.close?.());
  // Tests of a capability the backend does not declare are reported as skipped, with the reason.
  const withBackend =
    (test: (backend: Backend, skip: (reason: string) => never) => Promise<void>) =>
    async (context: { skip: (note?: string) => never }) => {
      const backend = await options.create();
      try {
        await test(backend, (reason) => context.skip(reason));
      } finally {
        await dispose(backend);
      }
    };

  describe(`backend conformance: ${options.name}`, {
    timeout: options.timeoutMs ?? 120_000,
  }, () => {
    for (const [name, check] of Object.entries(conformanceChecks)) {
      it(
        name,
        withBackend((backend, skip) => check(backend, { prompt, skip })),
      );
    }
    for (const [name, test] of Object.entries(options.additionalTests ?? {})) {
      it(name, withBackend(test));
    }
  });
}
