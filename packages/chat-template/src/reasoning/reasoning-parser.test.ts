import { InvalidArgumentError, InvalidStateError } from '@s1/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { type ReasoningFormatName, reasoningFormats } from './reasoning-format';
import { createReasoningParser, type ReasoningEvent } from './reasoning-parser';
import { createReasoningTransformStream } from './reasoning-transform-stream';
import { type ReasoningSplit, splitReasoning } from './split-reasoning';

// Fragments chosen so random texts often contain whole, partial and overlapping delimiters.
const fragments = [
  '<|im_start|>',
  '<|im_start|>think',
  '<|im_start|>answer',
  '<|im_end|>',
  'think',
  'answer',
  '<think>',
  '</think>',
  '</',
  '<',
  '|',
  '\n',
  '\n\n',
  ' ',
  '\t',
  'Wait',
  'é',
  '😀',
  '数',
  'x = 1',
];
const fragmentText = fc
  .array(fc.constantFrom(...fragments), { maxLength: 24 })
  .map((parts) => parts.join(''));
const anyText = fc.oneof(
  fragmentText,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const formatName = fc.constantFrom<ReasoningFormatName>('s1', 'think-tags');

// Well-formed turns, plus arbitrary texts.
const modelOutput = fc.oneof(
  fc.tuple(formatName, anyText, anyText).map(([name, thinking, answer]) => {
    const format = reasoningFormats[name];
    const text = `${format.start}${format.thinkingPrefix}${thinking}${format.thinkingSuffix}${format.end}${format.answerPrefix}${answer}`;
    return { name, text };
  }),
  fc.tuple(formatName, anyText).map(([name, text]) => ({ name, text })),
);

function chunk<Piece extends string | number[]>(whole: Piece, cuts: number[]): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  for (const cut of cuts) {
    pieces.push(whole.slice(at, at + cut) as Piece);
    at += cut;
  }
  pieces.push(whole.slice(at) as Piece);
  return pieces;
}

function collect(events: ReasoningEvent[]) {
  const thinking = events
    .filter((event) => event.type === 'thinking-delta')
    .map((event) => event.text);
  const answer = events.filter((event) => event.type === 'answer-delta').map((event) => event.text);
  return {
    thinking: thinking.join(''),
    answer: answer.join(''),
    closed: events.some((event) => event.type === 'thinking-end'),
  };
}

// Events, result and event order must all agree with splitReasoning on the whole text.
function expectSameAsSplit(
  events: ReasoningEvent[],
  result: ReasoningSplit,
  expected: ReasoningSplit,
) {
  expect(collect(events)).toEqual({
    thinking: expected.thinking,
    answer: expected.answer,
    closed: expected.thinkingClosed,
  });
  expect(result).toEqual(expected);
  expectWellOrdered(events);
}

function expectWellOrdered(events: ReasoningEvent[]) {
  const order = events.map((event) => event.type);
  const started = order.indexOf('thinking-start');
  const ended = order.indexOf('thinking-end');
  const firstThinking = order.indexOf('thinking-delta');
  const lastThinking = order.lastIndexOf('thinking-delta');
  const firstAnswer = order.indexOf('answer-delta');
  if (firstThinking !== -1) expect(started).toBeLessThan(firstThinking);
  if (ended !== -1) expect(lastThinking).toBeLessThan(ended);
  if (ended !== -1 && firstAnswer !== -1) expect(ended).toBeLessThan(firstAnswer);
  expect(order.filter((type) => type === 'thinking-start').length).toBeLessThanOrEqual(1);
  expect(order.filter((type) => type === 'thinking-end').length).toBeLessThanOrEqual(1);
}

describe('createReasoningParser', () => {
  it('should handle a delimiter split across chunks', () => {
    const parser = createReasoningParser({ format: 's1' });
    const events = [
      ...parser.push('<|im_st'),
      ...parser.push('art|>think\nr is'),
      ...parser.push(' 3\n<|im_'),
      ...parser.push('start|>ans'),
      ...parser.push('wer\nAnswer: 3'),
      ...parser.end(),
    ];
    expect(events).toEqual([
      { type: 'thinking-start' },
      { type: 'thinking-delta', text: 'r is' },
      { type: 'thinking-delta', text: ' 3' },
      { type: 'thinking-end' },
      { type: 'answer-delta', text: 'Answer: 3' },
    ]);
  });

  it('should yield exactly what splitReasoning yields, for any text and any chunking by characters', () => {
    fc.assert(
      fc.property(
        modelOutput,
        fc.boolean(),
        fc.array(fc.nat(6), { maxLength: 30 }),
        ({ name, text }, startInThinking, cuts) => {
          const parser = createReasoningParser({ format: name, startInThinking });
          const events = chunk(text, cuts).flatMap((piece) => parser.push(piece));
          events.push(...parser.end());
          expectSameAsSplit(events, parser.result, splitReasoning(text, name, { startInThinking }));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('should yield exactly what splitReasoning yields, for any chunking by token ids', async () => {
    const tokenizer = await qwen25Tokenizer();
    fc.assert(
      fc.property(
        modelOutput,
        fc.boolean(),
        fc.array(fc.nat(4), { maxLength: 30 }),
        ({ name, text }, startInThinking, cuts) => {
          const ids = tokenizer.encode(text);
          const parser = createReasoningParser({ format: name, startInThinking, tokenizer });
          const events = chunk(ids, cuts).flatMap((piece) => parser.pushTokens(piece));
          events.push(...parser.end());
          const expected = splitReasoning(tokenizer.decode(ids), name, { startInThinking });
          expectSameAsSplit(events, parser.result, expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('should refuse input after end()', () => {
    const parser = createReasoningParser({ format: 's1' });
    parser.end();
    expect(() => parser.push('more')).toThrow(InvalidStateError);
  });

  it('should ask for a tokenizer when fed token ids without one', () => {
    const parser = createReasoningParser({ format: 's1' });
    expect(() => parser.pushTokens([151644])).toThrow(InvalidArgumentError);
  });
});

describe('createReasoningTransformStream', () => {
  it('should turn a stream of text chunks into reasoning events', async () => {
    const chunks = ['<think>\nfirst', ' idea\n</th', 'ink>\n\nfinal'];
    const events: ReasoningEvent[] = [];
    const stream = new ReadableStream<string>({
      start(controller) {
        for (const piece of chunks) controller.enqueue(piece);
        controller.close();
      },
    }).pipeThrough(createReasoningTransformStream({ format: 'think-tags' }));
    for await (const event of stream) events.push(event);
    expect(collect(events)).toEqual({ thinking: 'first idea', answer: 'final', closed: true });
  });
});
