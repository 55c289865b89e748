export type { FetchFunction } from '../shared/fetch-function';
export type { ServerKind } from '../shared/server-profiles';
export {
  createOpenAICompatibleBackend,
  type OpenAICompatibleBackendOptions,
} from './create-openai-compatible-backend';
export type { RetryEvent, RetryPolicy } from './request-with-retry';
