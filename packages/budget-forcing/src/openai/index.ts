export {
  createOpenAICompatibleBackend,
  type OpenAICompatibleBackendOptions,
} from './create-openai-compatible-backend';
export type { FetchFunction, RetryEvent, RetryPolicy } from './request-with-retry';
export type { ServerKind } from './server-profiles';
