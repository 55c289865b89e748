import { z } from 'zod';
import type { ContextLengthSource } from '../common/server-profiles';
import { APICallError, RetryError } from '../errors/api-call-error';
import { BackendError } from '../errors/backend-error';
import { parseJson } from './read-completion';

const contextSize = z.number().int().positive();

// Lenient: only the fields read, so server additions never break parsing.
const modelsSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string(), max_model_len: contextSize.nullish() })),
});
const propsSchema = z.looseObject({
  n_ctx: contextSize.nullish(),
  default_generation_settings: z.looseObject({ n_ctx: contextSize.nullish() }).nullish(),
});

export interface ContextLengthQuery {
  source: ContextLengthSource;
  /** The API root, e.g. `http://localhost:8000/v1`. */
  baseURL: string;
  /** The server root, e.g. `http://localhost:8000`. */
  serverRoot: string;
  model: string;
  provider: string;
  /** GETs a URL with the backend's headers and retries, and parses the body (a bad body is retried). */
  get<Result>(url: string, parse: (body: string) => Result): Promise<Result>;
}

/**
 * Asks the server how many tokens the model holds (prompt and generation together). Undefined
 * when the server has no such endpoint or does not say; a model the server does not serve is an
 * error that lists the models it does serve.
 */
export async function discoverContextLength(
  query: ContextLengthQuery,
): Promise<number | undefined> {
  const url = query.source === 'models' ? `${query.baseURL}/models` : `${query.serverRoot}/props`;
  try {
    if (query.source === 'props') {
      const props = await query.get(url, (body) => parseJson(body, url, propsSchema));
      return props.default_generation_settings?.n_ctx ?? props.n_ctx ?? undefined;
    }
    const models = (await query.get(url, (body) => parseJson(body, url, modelsSchema))).data;
    const served = models.find((entry) => entry.id === query.model);
    if (served === undefined && models.length > 0) {
      throw new BackendError({
        provider: query.provider,
        message: `the server has no model named "${query.model}"; it serves ${models.map((entry) => `"${entry.id}"`).join(', ')}`,
      });
    }
    return served?.max_model_len ?? undefined;
  } catch (error) {
    if (isMissingEndpoint(error)) return undefined;
    throw error;
  }
}

function isMissingEndpoint(error: unknown): boolean {
  const last = RetryError.isInstance(error) ? error.lastError : error;
  return APICallError.isInstance(last) && (last.statusCode === 404 || last.statusCode === 405);
}
