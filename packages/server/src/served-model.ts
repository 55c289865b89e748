import {
  type BackendV1,
  createBudgetForcing,
  type FidelityMode,
  type ThinkingOptions,
} from '@s1/budget-forcing';
import {
  type ChatTemplate,
  createChatTemplate,
  type ReasoningFormat,
  resolveReasoningFormat,
} from '@s1/chat-template';
import { RequestError } from './openai/request-error';
import type { GenerationRequest } from './openai/request-schemas';
import { defaultEffortBudgets, type EffortBudgets, thinkingFor } from './openai/thinking-controls';
import type { BudgetForcingServerOptions } from './server-options';

/** The model a server serves, with every default filled in: what each request is run with. */
export interface ServedModel {
  name: string;
  backend: BackendV1;
  template: ChatTemplate;
  format: ReasoningFormat;
  mode: FidelityMode;
  thinking: ThinkingOptions;
  effortBudgets: EffortBudgets;
  answerMaxTokens: number;
}

export function servedModel(options: BudgetForcingServerOptions): ServedModel {
  return {
    name: options.model ?? options.backend.modelId,
    backend: options.backend,
    // Compiled once: a controller made per request would compile the preset each time.
    template: options.template ?? createChatTemplate({ preset: 's1' }),
    format: resolveReasoningFormat((options.format ?? 's1') as ReasoningFormat),
    mode: options.mode ?? 'exact',
    thinking: options.thinking ?? {},
    effortBudgets: options.effortBudgets ?? defaultEffortBudgets,
    answerMaxTokens: options.answerMaxTokens ?? 32_768,
  };
}

/**
 * What one request runs with, once checked: the controller (with the request's answer limit and
 * stops), its thinking controls over the server's, and its sampling.
 */
export function planGeneration(request: GenerationRequest, model: ServedModel) {
  checkModel(request, model);
  const thinking = thinkingFor(request, model.thinking, model.effortBudgets);
  const stop =
    request.stop == null ? [] : typeof request.stop === 'string' ? [request.stop] : request.stop;
  const answer = {
    maxTokens: request.max_completion_tokens ?? request.max_tokens ?? model.answerMaxTokens,
    stop,
  };
  return {
    controller: createBudgetForcing({
      backend: model.backend,
      template: model.template,
      format: model.format,
      mode: model.mode,
      thinking: model.thinking,
      answer,
    }),
    thinking,
    answer,
    sampling: {
      ...(request.temperature == null ? {} : { temperature: request.temperature }),
      ...(request.top_p == null ? {} : { topP: request.top_p }),
      ...(request.seed == null ? {} : { seed: request.seed }),
    },
  };
}

/** Refuses a request for a model this server does not serve, as OpenAI does: a 404. */
function checkModel(request: GenerationRequest, model: ServedModel): void {
  if (request.model !== model.name) {
    throw new RequestError({
      status: 404,
      param: 'model',
      code: 'model_not_found',
      message: `The model "${request.model}" does not exist here; this server serves "${model.name}" (GET /v1/models lists it).`,
    });
  }
}
