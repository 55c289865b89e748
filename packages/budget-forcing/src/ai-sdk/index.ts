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
