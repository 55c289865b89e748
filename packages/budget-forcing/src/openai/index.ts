export {
  createOpenAICompatibleBackend,
  type OpenAICompatibleBackendOptions,
} from './create-openai-compatible-backend';
export type { FetchFunction, RetryPolicy } from './request-with-retry';
export type { ServerKind } from './server-profiles';
