/**
 * The backend over an OpenAI-compatible `/v1/completions` server (vLLM, SGLang, llama.cpp
 * server, Ollama).
 *
 * @module @s1/budget-forcing/openai
 */
export type { FetchFunction } from '../common/fetch-function';
export type { ServerKind } from '../common/server-profiles';
export {
  createOpenAICompatibleBackend,
  type OpenAICompatibleBackendOptions,
} from './create-openai-compatible-backend';
export type { RetryEvent, RetryPolicy } from './request-with-retry';
