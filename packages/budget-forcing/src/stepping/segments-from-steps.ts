import { createWindowedDecodeStream } from '@s1/chat-template';
import { fitToContext } from '../context-length/fit-to-context';
import { throwIfAborted } from '../errors/abort-error';
import { BackendError } from '../errors/backend-error';
import { ContextLengthError } from '../errors/context-length-error';
import type {
  BackendTokenizer,
  BackendV1,
  OpenSessionRequest,
  SegmentRequest,
  SegmentResult,
  StepSession,
} from '../spec/backend-v1';

/**
 * Generates one segment on a stepping session with vLLM's semantics: stop token ids and EOS are
 * suppressed until `minTokens`; a stop token id or EOS ends the segment and stays in `tokenIds`
 * but not in `text`; a stop string ends it and is cut from `text` (not from the ids).
 */
export async function generateSegmentBySteps(
  session: StepSession,
  tokenizer: BackendTokenizer,
  request: Omit<SegmentRequest, 'prompt' | 'sampling'>,
  provider: string,
): Promise<SegmentResult> {
  const decode = tokenizer.decode;
  if (decode === undefined) {
    throw new BackendError({ provider, message: 'token stepping needs tokenizer.decode' });
  }
  const stream = createWindowedDecodeStream((ids) => decode(ids));
  const stopTokenIds = request.stop?.tokenIds ?? [];
  const endIds = new Set([...stopTokenIds, ...tokenizer.eosTokenIds]);
  const stopStrings = request.stop?.strings ?? [];
  const minTokens = request.minTokens ?? 0;
  const tokenIds: number[] = [];
  let text = '';
  let emitted = 0;
  // The reader's wait is this loop's wait: no token is sampled while a delta is unread.
  const emitUpTo = async (length: number) => {
    if (length <= emitted) return;
    const delta = text.slice(emitted, length);
    emitted = length;
    await request.onDelta?.({ text: delta });
  };
  const finish = async (
    finishReason: 'stop' | 'length',
    stopReason?: number | string,
  ): Promise<SegmentResult> => {
    await emitUpTo(text.length);
    return { text, tokenIds, completionTokens: tokenIds.length, finishReason, stopReason };
  };

  for (let index = 0; index < request.maxTokens; index++) {
    throwIfAborted(request.signal);
    const id = await session.sample({ suppress: index < minTokens ? [...endIds] : undefined });
    await session.append([id]);
    tokenIds.push(id);
    if (endIds.has(id)) {
      text += stream.flush();
      return finish('stop', stopTokenIds.includes(id) ? id : undefined);
    }
    const searchFrom = Math.max(0, text.length - longestLength(stopStrings) + 1);
    text += stream.push(id);
    const stop = firstStop(text, stopStrings, searchFrom);
    if (stop !== undefined) {
      text = text.slice(0, stop.index);
      return finish('stop', stop.stop);
    }
    await emitUpTo(text.length - partialStopLength(text, stopStrings));
  }
  text += stream.flush();
  return finish('length');
}

function longestLength(strings: readonly string[]): number {
  return strings.reduce((length, value) => Math.max(length, value.length), 0);
}

function firstStop(text: string, stops: readonly string[], from: number) {
  let found: { index: number; stop: string } | undefined;
  for (const stop of stops) {
    const index = text.indexOf(stop, from);
    if (index !== -1 && (found === undefined || index < found.index)) found = { index, stop };
  }
  return found;
}

// Length of the longest tail of `text` that could begin a stop string: held back from deltas.
function partialStopLength(text: string, stops: readonly string[]): number {
  let held = 0;
  for (const stop of stops) {
    for (let length = Math.min(stop.length - 1, text.length); length > held; length--) {
      if (text.endsWith(stop.slice(0, length))) {
        held = length;
        break;
      }
    }
  }
  return held;
}

/**
 * Segment generation for a runtime that steps tokens: one session per segment, driven by
 * `generateSegmentBySteps`, closed afterwards. With a context length, generation ends there
 * (finish reason `length`), and a prompt that fills it is refused.
 */
export function generateWithSessions(
  open: (request: OpenSessionRequest) => Promise<StepSession>,
  tokenizer: BackendTokenizer,
  provider: string,
  contextLength?: number | undefined,
): (request: SegmentRequest) => Promise<SegmentResult> {
  return async (request) => {
    const promptIds =
      'tokenIds' in request.prompt
        ? request.prompt.tokenIds
        : await tokenizer.encode(request.prompt.text);
    const fitted = fitToContext(request, promptIds.length, contextLength);
    if (fitted === undefined) {
      throw new ContextLengthError({
        promptTokens: promptIds.length,
        contextLength: contextLength as number,
      });
    }
    const session = await open({ promptIds, sampling: request.sampling, signal: request.signal });
    try {
      return await generateSegmentBySteps(session, tokenizer, fitted, provider);
    } finally {
      await session.close();
    }
  };
}

/** A segment generator for any backend: its own `generate`, or one built on its sessions. */
export function segmentGenerator(
  backend: BackendV1,
): (request: SegmentRequest) => Promise<SegmentResult> {
  const { generate, open } = backend;
  if (generate !== undefined) return (request) => generate.call(backend, request);
  if (open === undefined) {
    throw new BackendError({
      provider: backend.provider,
      message: 'the backend offers neither generate() nor open()',
    });
  }
  return generateWithSessions(
    (request) => open.call(backend, request),
    backend.tokenizer,
    backend.provider,
  );
}
