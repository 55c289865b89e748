import type { BudgetForcingEvent, BudgetForcingResult } from '@s1/budget-forcing';
import type { ReasoningFormat } from '@s1/chat-template';
import { createReasoningDeltas, type Deltas } from './reasoning-deltas';
import { type ResponseIdentity, s1Summary, usageOf } from './response-bodies';

const encoder = new TextEncoder();
const event = (data: unknown) => encoder.encode(`data: ${JSON.stringify(data)}\n\n`);
const done = encoder.encode('data: [DONE]\n\n');

export interface ChatStreamOptions {
  identity: ResponseIdentity;
  events: AsyncGenerator<BudgetForcingEvent, void, undefined>;
  format: ReasoningFormat;
  includeUsage: boolean;
  /** Turns an error during generation into the OpenAI error body the last event carries. */
  errorBody: (error: unknown) => unknown;
  /** Called once: with the result, the error, or nothing when the client went away. */
  onEnd: (outcome: { result?: BudgetForcingResult; error?: unknown }) => void;
}

/**
 * The server-sent events of a streamed chat completion, read from the controller as the client
 * reads them (a slow client slows generation; a client that goes away stops it): the thinking in
 * `delta.reasoning` and `delta.reasoning_content`, the answer in `delta.content`, then a chunk
 * with `finish_reason` and the `s1` summary, the usage chunk if asked, and `[DONE]`.
 */
export function chatCompletionStream(options: ChatStreamOptions): ReadableStream<Uint8Array> {
  const { identity, events, includeUsage, onEnd } = options;
  const deltas = createReasoningDeltas(options.format);
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    event({ ...identity, object: 'chat.completion.chunk', choices, ...extra });
  const deltaChunks = ({ reasoning, content }: Deltas): Uint8Array[] =>
    reasoning === '' && content === ''
      ? []
      : [
          chunk([
            {
              index: 0,
              delta: {
                ...(reasoning === '' ? {} : { reasoning, reasoning_content: reasoning }),
                ...(content === '' ? {} : { content }),
              },
              finish_reason: null,
            },
          ]),
        ];
  let ended = false;
  const end = (outcome: Parameters<typeof onEnd>[0]) => {
    if (ended) return;
    ended = true;
    onEnd(outcome);
  };
  // The bytes one event gives the client: none while a delimiter is undecided, the closing
  // chunks for `done`.
  const bytesOf = (generated: BudgetForcingEvent): Uint8Array[] => {
    switch (generated.type) {
      case 'thinking-delta':
      case 'continuation':
        return deltaChunks(deltas.push(generated.text, 'thinking'));
      case 'budget-exhausted':
        return deltaChunks(deltas.push(generated.forcedText, 'thinking'));
      case 'answer-delta':
        return deltaChunks(deltas.push(generated.text, 'answer'));
      case 'done': {
        const { result } = generated;
        end({ result });
        return [
          ...deltaChunks(deltas.finish({ reasoning: result.thinking, content: result.answer })),
          chunk([{ index: 0, delta: {}, finish_reason: result.finishReason }], {
            s1: s1Summary(result),
          }),
          ...(includeUsage ? [chunk([], { usage: usageOf(result) })] : []),
          done,
        ];
      }
    }
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(
          chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
        );
      },
      // Reads events until one gives the client something: a pull that enqueues nothing is not
      // pulled again, and the client would wait forever.
      async pull(controller) {
        try {
          for (;;) {
            const next = await events.next();
            if (next.done === true) {
              controller.close();
              return;
            }
            const bytes = bytesOf(next.value);
            for (const piece of bytes) controller.enqueue(piece);
            if (next.value.type === 'done') {
              controller.close();
              // Lets the controller's run finish, which releases its abort listeners.
              await events.return(undefined);
              return;
            }
            if (bytes.length > 0) return;
          }
        } catch (error) {
          end({ error });
          controller.enqueue(event(options.errorBody(error)));
          controller.enqueue(done);
          controller.close();
        }
      },
      async cancel() {
        // The client went away: leaving the events stops the model and frees its session.
        await events.return(undefined);
        end({});
      },
    },
    // One event at a time: generation waits for a client that reads slowly.
    { highWaterMark: 1 },
  );
}
