/**
 * The parts of the AI SDK's language model specifications this adapter reads and writes:
 * `LanguageModelV2` (ai 5) and `LanguageModelV3` (ai 6). They are declared structurally, so one
 * build serves both majors without depending on either.
 */

export type JSONValue =
  | null
  | string
  | number
  | boolean
  | { [key: string]: JSONValue }
  | JSONValue[];
/** Provider metadata as results carry it. */
export type ProviderMetadata = Record<string, Record<string, JSONValue>>;
/** Provider options as calls carry them (V3 allows undefined values at any depth). */
export type ProviderOptions = Record<string, Record<string, unknown>>;

export type PromptMessage =
  | { role: 'system'; content: string }
  | { role: 'user' | 'assistant' | 'tool'; content: ReadonlyArray<PromptPart> };

/** A prompt part: `text`, `reasoning`, `file`, `tool-call`, `tool-result`, … */
export interface PromptPart {
  type: string;
  text?: string;
  mediaType?: string;
}

/** Call options shared by both specifications. */
export interface CallOptions {
  prompt: PromptMessage[];
  maxOutputTokens?: number | undefined;
  temperature?: number | undefined;
  stopSequences?: string[] | undefined;
  topP?: number | undefined;
  topK?: number | undefined;
  presencePenalty?: number | undefined;
  frequencyPenalty?: number | undefined;
  responseFormat?: { type: 'text' } | { type: 'json' } | undefined;
  seed?: number | undefined;
  tools?: ReadonlyArray<unknown> | undefined;
  toolChoice?: unknown;
  includeRawChunks?: boolean | undefined;
  abortSignal?: AbortSignal | undefined;
  headers?: Record<string, string | undefined> | undefined;
  providerOptions?: ProviderOptions | undefined;
}

/** V2 counts tokens as numbers, V3 as `{ total, … }` records. */
export type ModelUsage =
  | { inputTokens: number | undefined; outputTokens: number | undefined }
  | {
      inputTokens: { total: number | undefined };
      outputTokens: { total: number | undefined };
    };

/** V2 finish reasons are strings, V3 ones `{ unified, raw }`. */
export type ModelFinishReason = string | { unified: string; raw: string | undefined };

export interface ModelWarning {
  type: string;
  message?: string;
  feature?: string;
  setting?: unknown;
  details?: string | undefined;
}

export interface ModelResponse {
  headers?: Record<string, string> | undefined;
  body?: unknown;
}

export interface ModelGenerateResult {
  content: ReadonlyArray<{ type: string; text?: string }>;
  finishReason: ModelFinishReason;
  usage: ModelUsage;
  response?: ModelResponse | undefined;
  warnings: ReadonlyArray<ModelWarning>;
}

export type ModelStreamPart =
  | { type: 'text-delta'; delta: string }
  | { type: 'raw'; rawValue: unknown }
  | { type: 'finish'; finishReason: ModelFinishReason; usage: ModelUsage }
  | { type: 'error'; error: unknown }
  | { type: 'stream-start'; warnings: ReadonlyArray<ModelWarning> }
  | { type: string };

export interface ModelStreamResult {
  stream: ReadableStream<ModelStreamPart>;
  response?: ModelResponse | undefined;
}

/**
 * An AI SDK language model of either specification (`LanguageModelV2` of ai 5, `LanguageModelV3`
 * of ai 6), as far as the adapter uses it.
 */
export interface LanguageModel {
  /** `v2` (ai 5) or `v3` (ai 6). */
  readonly specificationVersion: 'v2' | 'v3';
  /** The provider's name, e.g. `vllm.completion`. */
  readonly provider: string;
  /** The model's id at the provider. */
  readonly modelId: string;
  /** Generates a whole response. */
  doGenerate(options: CallOptions): PromiseLike<ModelGenerateResult>;
  /** Generates a response as a stream of parts. */
  doStream(options: CallOptions): PromiseLike<ModelStreamResult>;
}

/** The total of a usage record of either specification. */
export function totalTokens(count: number | { total: number | undefined } | undefined) {
  return typeof count === 'object' ? count.total : count;
}
