import { splitReasoning } from '@s1/chat-template';
import { validate } from '@s1/errors';
import { BackendError } from '../errors/backend-error';
import { runExactSegments } from './exact-segments';
import { runExactStepping } from './exact-stepping';
import { runHarness } from './harness';
import {
  type BudgetForcingOptions,
  type BudgetForcingRequest,
  budgetForcingOptionsSchema,
  requestSchema,
} from './options';
import { runReadme } from './readme';
import type { BudgetForcingEvent, BudgetForcingResult, EmitEvent } from './result';
import { createRunContext, messagesTemplate } from './run-context';
import { streamEvents } from './stream-events';

/** A budget-forcing controller; see {@link createBudgetForcing}. */
export interface BudgetForcing {
  /** Runs one budget-forced generation. */
  generate(request: BudgetForcingRequest): Promise<BudgetForcingResult>;
  /**
   * The same, as typed events ending with `done`. The run starts when the events are first read
   * and waits while its reader is a few events behind. Leaving the loop early (`break`,
   * `return()`) or firing `request.signal` stops the model: requests are aborted and sessions
   * closed before the loop is left.
   */
  stream(request: BudgetForcingRequest): AsyncGenerator<BudgetForcingEvent, void, undefined>;
}

/**
 * Creates an s1 budget-forcing controller over any backend of the spec.
 *
 * @example
 * const controller = createBudgetForcing({ backend, thinking: { max: 4000, ignoreEnd: 2 } });
 * const { thinking, answer, thinkingTokens } = await controller.generate({ messages });
 */
export function createBudgetForcing(options: BudgetForcingOptions): BudgetForcing {
  validate(budgetForcingOptionsSchema, options, 'budget forcing options');
  const mode = options.mode ?? 'exact';
  const { capabilities, provider } = options.backend;
  if (!capabilities.segments && !capabilities.stepping) {
    throw new BackendError({
      provider,
      message: 'the backend declares neither segments nor stepping',
    });
  }

  const templateForMessages = messagesTemplate(options.template);

  const run = async (
    request: BudgetForcingRequest,
    emit: EmitEvent,
    emitsDeltas: boolean,
  ): Promise<BudgetForcingResult> => {
    validate(requestSchema, request, 'budget forcing request');
    const context = await createRunContext(options, request, templateForMessages, emitsDeltas);
    const steppable = capabilities.stepping && context.tokenizer.decode !== undefined;
    const outcome =
      mode === 'harness'
        ? await runHarness(context, emit)
        : mode === 'readme'
          ? await runReadme(context, emit)
          : steppable
            ? await runExactStepping(context, emit)
            : await runExactSegments(context, emit);
    const split = splitReasoning(outcome.text, context.format);
    return {
      ...outcome,
      thinking: split.thinking,
      answer: split.answer,
      warnings: context.warnings,
    };
  };

  return {
    generate: (request) => run(request, () => undefined, false),
    stream: (request) => streamEvents(request, (signalled, emit) => run(signalled, emit, true)),
  };
}
