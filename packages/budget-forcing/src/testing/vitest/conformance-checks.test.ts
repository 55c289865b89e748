import { describe, expect, it } from 'vitest';
import { qwen25Tokenizer } from '../../../test-utils/qwen25';
import type { BackendV1, SegmentRequest, StepSession } from '../../spec/backend-v1';
import { minimalSteppingBackend } from '../../stepping/minimal-stepping-backend.test-support';
import { createScriptedBackend, createThinkingScript } from '../index';
import { type CheckContext, defaultPrompt } from './check';
import { conformanceChecks } from './conformance-checks';

const tokenizer = await qwen25Tokenizer();
const model = createThinkingScript({
  tokenizer,
  thoughts: ['\nOne, two, three, four, five, six, seven, eight, nine, ten.\n'],
  answer: 'Done.',
});
const scripted = (variant: 'both' | 'stepping' | 'segments') =>
  createScriptedBackend({ model, tokenizer, variant });

// A check that skips fails here: each one below must run on both backends.
const context: CheckContext = {
  prompt: defaultPrompt,
  skip: (reason) => {
    throw new Error(`skipped: ${reason}`);
  },
};

function withSessions(
  backend: BackendV1,
  change: (session: StepSession) => StepSession,
): BackendV1 {
  const open = backend.open as NonNullable<BackendV1['open']>;
  return { ...backend, open: async (request) => change(await open.call(backend, request)) };
}

function withGenerate(
  backend: BackendV1,
  change: (generate: NonNullable<BackendV1['generate']>) => BackendV1['generate'],
): BackendV1 {
  const generate = backend.generate as NonNullable<BackendV1['generate']>;
  return { ...backend, generate: change((request) => generate.call(backend, request)) };
}

/** A defect, the check that must catch it, a backend without it and one with it. */
const defects: [string, string, () => BackendV1, () => BackendV1][] = [
  [
    'honours suppress on a fresh session only',
    'should never propose a suppressed token id, and only propose',
    () => scripted('stepping'),
    () =>
      withSessions(scripted('stepping'), (session) => {
        let appended = false;
        return {
          ...session,
          sample: (options) => session.sample(appended ? {} : options),
          append: async (ids) => {
            appended = true;
            await session.append(ids);
          },
        };
      }),
  ],
  [
    'ignores the seed',
    'should reproduce a sample drawn with the same seed',
    () => minimalSteppingBackend(tokenizer),
    () => minimalSteppingBackend(tokenizer, { ignoreSeed: true }),
  ],
  [
    'lets a session go on after its signal fired',
    'should refuse to sample or append once a session’s signal fires, and still close',
    () => scripted('stepping'),
    () => {
      const backend = scripted('stepping');
      const open = backend.open as NonNullable<BackendV1['open']>;
      return { ...backend, open: (request) => open({ ...request, signal: undefined }) };
    },
  ],
  [
    'generates on while a segment’s signal has fired',
    'should stop a segment under way when its signal fires, with no delta after',
    () => scripted('segments'),
    () =>
      withGenerate(
        scripted('segments'),
        (generate) => (request) => generate({ ...request, signal: undefined }),
      ),
  ],
  [
    'generates on while a left stream’s run has been aborted',
    'should stop the model when a controller stream is left with break',
    () => scripted('segments'),
    () =>
      withGenerate(
        scripted('segments'),
        (generate) => (request) => generate({ ...request, signal: undefined }),
      ),
  ],
  [
    'does not wait for onDelta',
    'should generate no further while the promise onDelta returned is pending',
    () => scripted('segments'),
    () =>
      withGenerate(scripted('segments'), (generate) => (request: SegmentRequest) => {
        const onDelta = request.onDelta;
        return generate({
          ...request,
          onDelta:
            onDelta &&
            ((delta) => {
              void onDelta(delta);
            }),
        });
      }),
  ],
  [
    'sends an empty prompt for token ids',
    'should continue a prompt given as token ids as it continues the same text',
    () => scripted('segments'),
    () =>
      withGenerate(
        scripted('segments'),
        (generate) => (request) =>
          generate({
            ...request,
            prompt: 'tokenIds' in request.prompt ? { text: '' } : request.prompt,
          }),
      ),
  ],
  [
    'returns no token ids though it declares them',
    'should sample and append one token at a time like greedy segments',
    () => scripted('both'),
    () =>
      withGenerate(scripted('both'), (generate) => async (request) => ({
        ...(await generate(request)),
        tokenIds: undefined,
      })),
  ],
  [
    'reports "stop" at maxTokens',
    'should stop at maxTokens with finish reason "length"',
    () => scripted('segments'),
    () =>
      withGenerate(scripted('segments'), (generate) => async (request) => ({
        ...(await generate(request)),
        finishReason: 'stop',
      })),
  ],
];

describe('the conformance checks', () => {
  it.each(defects)('should fail a backend that %s', async (_defect, name, sound, defective) => {
    const check = conformanceChecks[name];
    if (check === undefined) throw new Error(`no conformance check named "${name}"`);
    await expect(check(sound(), context)).resolves.toBeUndefined();
    await expect(check(defective(), context)).rejects.toThrow();
  });
});
