/**
 * Budget forcing in the Vercel AI SDK (ai 5 and 6): a middleware for `wrapLanguageModel`, the
 * `fetch` that sends its raw prompts, and a backend over an AI SDK language model.
 *
 * @module @s1/budget-forcing/ai-sdk
 */
export {
  type BudgetForcingMiddleware,
  type BudgetForcingMiddlewareOptions,
  type BudgetForcingProviderOptions,
  budgetForcingMiddleware,
} from './budget-forcing-middleware';
export {
  type AiSdkBackendOptions,
  createAiSdkBackend,
  type ModelCallReport,
} from './create-ai-sdk-backend';
export type { LanguageModel } from './language-model';
export {
  type RawCompletionFetchOptions,
  rawCompletionFetch,
  rawPromptAppliedHeader,
  rawPromptHeader,
} from './raw-completion-fetch';
