import type { LanguageModel, ModelWarning } from './language-model';

/** Token counts of one budget-forced call, before they take a specification's shape. */
export interface CallUsage {
  /** Prompt tokens the model reported over all its calls; undefined if a call reported none. */
  inputTokens: number | undefined;
  /** Tokens the model generated over all its calls. */
  outputTokens: number;
  reasoningTokens: number;
  textTokens: number;
}

/** A warning of the middleware or the controller, before it takes a specification's shape. */
export interface CallWarning {
  feature: string;
  details: string;
  /** The call setting that was not applied, where the warning is about one. */
  setting?: 'tools' | 'toolChoice' | 'responseFormat' | undefined;
}

export type FinishReason = 'stop' | 'length';

/** How the result fields that changed between ai 5 (V2) and ai 6 (V3) are written. */
interface SpecificationShape {
  finishReason(reason: FinishReason): string | { unified: FinishReason; raw: FinishReason };
  usage(usage: CallUsage): Record<string, number | undefined | Record<string, number | undefined>>;
  warning(warning: CallWarning): ModelWarning;
}

const v2: SpecificationShape = {
  finishReason: (reason) => reason,
  usage: ({ inputTokens, outputTokens, reasoningTokens }) => ({
    inputTokens,
    outputTokens,
    totalTokens: inputTokens === undefined ? undefined : inputTokens + outputTokens,
    reasoningTokens,
  }),
  warning: ({ feature, details, setting }) =>
    setting === undefined
      ? { type: 'other', message: `${feature}: ${details}` }
      : { type: 'unsupported-setting', setting, details },
};

const v3: SpecificationShape = {
  finishReason: (reason) => ({ unified: reason, raw: reason }),
  usage: ({ inputTokens, outputTokens, reasoningTokens, textTokens }) => ({
    inputTokens: {
      total: inputTokens,
      noCache: undefined,
      cacheRead: undefined,
      cacheWrite: undefined,
    },
    outputTokens: { total: outputTokens, text: textTokens, reasoning: reasoningTokens },
  }),
  warning: ({ feature, details }) => ({ type: 'unsupported', feature, details }),
};

/** The shape of the specification the wrapped model implements (ai 5 wraps V2, ai 6 wraps V3). */
export function specificationShape(model: LanguageModel): SpecificationShape {
  return model.specificationVersion === 'v2' ? v2 : v3;
}
