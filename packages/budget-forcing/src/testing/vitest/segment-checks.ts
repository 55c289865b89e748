import { expect } from 'vitest';
import { type Check, generateOn, turns } from './check';

/** Checks of the declaration, the tokenizer and segment generation. */
export const segmentChecks: Record<string, Check> = {
  'should declare spec v1 and offer exactly the methods its capabilities name': async (backend) => {
    expect(backend.specificationVersion).toBe('v1');
    expect(backend.provider).not.toBe('');
    expect(backend.capabilities.segments).toBe(typeof backend.generate === 'function');
    expect(backend.capabilities.stepping).toBe(typeof backend.open === 'function');
    expect(backend.capabilities.segments || backend.capabilities.stepping).toBe(true);
    // Stepping decodes token by token.
    if (backend.capabilities.stepping) expect(backend.tokenizer.decode).toBeTypeOf('function');
  },

  'should encode and decode text losslessly': async (backend, { skip }) => {
    const decode = backend.tokenizer.decode;
    if (decode === undefined) return skip('the tokenizer has no decode');
    const text = 'Wait, 3 × 4 = 12.\n<|im_start|>answer';
    const ids = await backend.tokenizer.encode(text);
    expect(ids.length).toBeGreaterThan(0);
    expect(decode(ids)).toBe(text);
  },

  'should stop at maxTokens with finish reason "length"': async (backend, { prompt }) => {
    const result = await generateOn(backend, prompt, { maxTokens: 5 });
    expect(result).toMatchObject({ finishReason: 'length', completionTokens: 5 });
    if (backend.capabilities.returnsTokenIds) expect(result.tokenIds).toHaveLength(5);
  },

  'should be deterministic under greedy decoding': async (backend, { prompt }) => {
    const first = await generateOn(backend, prompt);
    expect(await generateOn(backend, prompt)).toEqual(first);
  },

  'should reproduce a sample drawn with the same seed': async (backend, { prompt, skip }) => {
    if (!backend.capabilities.seededSampling) skip('needs seededSampling');
    const sampling = { temperature: 1, seed: 7 };
    const first = await generateOn(backend, prompt, { maxTokens: 12, sampling });
    expect(await generateOn(backend, prompt, { maxTokens: 12, sampling })).toEqual(first);
  },

  'should continue a prompt given as token ids as it continues the same text': async (
    backend,
    { prompt, skip },
  ) => {
    if (!backend.capabilities.promptTokenIds) skip('needs promptTokenIds');
    const tokenIds = await backend.tokenizer.encode(prompt);
    const fromIds = await generateOn(backend, prompt, { prompt: { tokenIds } });
    expect(fromIds).toEqual(await generateOn(backend, prompt, { prompt: { text: prompt } }));
  },

  'should keep a stop token id in the ids but not in the text': async (
    backend,
    { prompt, skip },
  ) => {
    const { stopTokenIds, returnsTokenIds } = backend.capabilities;
    if (!stopTokenIds || !returnsTokenIds) skip('needs stopTokenIds and returnsTokenIds');
    const free = await generateOn(backend, prompt);
    const freeIds = free.tokenIds ?? [];
    const stopAt = freeIds.findIndex(
      (id, index) => index > 0 && !freeIds.slice(0, index).includes(id),
    );
    if (stopAt === -1) skip('the greedy output repeats one token');
    const stopId = freeIds[stopAt] as number;
    const stopped = await generateOn(backend, prompt, { stop: { tokenIds: [stopId] } });
    expect(stopped).toMatchObject({ finishReason: 'stop', stopReason: stopId });
    expect(stopped.tokenIds).toEqual(freeIds.slice(0, stopAt + 1));
    const decode = backend.tokenizer.decode;
    // Without a decoder the text before the stop cannot be rebuilt, only found to be a prefix.
    if (decode === undefined) expect(free.text.startsWith(stopped.text)).toBe(true);
    else expect(stopped.text).toBe(decode(freeIds.slice(0, stopAt)));
  },

  'should suppress stop token ids until minTokens': async (backend, { prompt, skip }) => {
    const { stopTokenIds, minTokens, returnsTokenIds } = backend.capabilities;
    if (!stopTokenIds || !minTokens || !returnsTokenIds) {
      skip('needs stopTokenIds, minTokens and returnsTokenIds');
    }
    const first = (await generateOn(backend, prompt, { maxTokens: 1 })).tokenIds?.[0];
    expect(first).toBeTypeOf('number');
    const stop = { tokenIds: [first as number] };
    expect((await generateOn(backend, prompt, { stop })).completionTokens).toBe(1);
    const delayed = await generateOn(backend, prompt, { stop, minTokens: 1 });
    expect(delayed.tokenIds?.[0]).not.toBe(first);
  },

  'should end a segment on a stop string and leave it out of the text': async (
    backend,
    { prompt, skip },
  ) => {
    const free = await generateOn(backend, prompt, { maxTokens: 12 });
    const stopString = free.text.trim().slice(0, 3);
    if (stopString.length < 2) skip('the greedy output has no text to stop on');
    const stopped = await generateOn(backend, prompt, {
      maxTokens: 12,
      stop: { strings: [stopString] },
    });
    expect(stopped.finishReason).toBe('stop');
    expect(stopped.text).toBe(free.text.slice(0, free.text.indexOf(stopString)));
  },

  'should stream deltas that add up to the text': async (backend, { prompt, skip }) => {
    if (!backend.capabilities.streaming) skip('needs streaming');
    const deltas: string[] = [];
    const result = await generateOn(backend, prompt, {
      maxTokens: 10,
      onDelta: ({ text }) => {
        deltas.push(text);
      },
    });
    expect(deltas.join('')).toBe(result.text);
  },

  'should generate no further while the promise onDelta returned is pending': async (
    backend,
    { prompt, skip },
  ) => {
    if (!backend.capabilities.streaming) skip('needs streaming');
    const deltas: string[] = [];
    let firstDelta = () => {};
    let release = () => {};
    const reached = new Promise<void>((resolve) => {
      firstDelta = resolve;
    });
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const generation = generateOn(backend, prompt, {
      maxTokens: 10,
      onDelta: ({ text }) => {
        deltas.push(text);
        firstDelta();
        return deltas.length === 1 ? held : undefined;
      },
    });
    await Promise.race([reached, generation]);
    await turns(20);
    expect(deltas).toHaveLength(1);
    release();
    const result = await generation;
    expect(deltas.join('')).toBe(result.text);
  },
};
