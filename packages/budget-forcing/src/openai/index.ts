export {
  createOpenAICompatibleBackend,
  type OpenAICompatibleBackendOptions,
} from './create-openai-compatible-backend';
export type { FetchFunction, RetryPolicy } from './post-with-retry';
export type { ServerKind } from './server-profiles';
