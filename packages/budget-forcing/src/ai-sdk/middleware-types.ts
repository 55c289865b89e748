/**
 * What the middleware receives and returns, written as the AI SDK's V2 (ai 5) and V3 (ai 6)
 * specifications define it, for the fields it fills in.
 */
import type { CallOptions, LanguageModel, ProviderMetadata } from './language-model';
import type { ContentStreamPart } from './stream-parts';

type ContentPart = { type: 'reasoning'; text: string } | { type: 'text'; text: string };

type FinishReason = 'stop' | 'length';

interface UsageV2 {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  totalTokens: number | undefined;
  reasoningTokens?: number | undefined;
}

interface UsageV3 {
  inputTokens: {
    total: number | undefined;
    noCache: number | undefined;
    cacheRead: number | undefined;
    cacheWrite: number | undefined;
  };
  outputTokens: {
    total: number | undefined;
    text: number | undefined;
    reasoning: number | undefined;
  };
}

type WarningV2 =
  | { type: 'other'; message: string }
  | {
      type: 'unsupported-setting';
      setting: 'tools' | 'toolChoice' | 'responseFormat';
      details?: string;
    };

type WarningV3 = { type: 'unsupported'; feature: string; details?: string };

export interface WrapOptionsV2 {
  model: LanguageModel & { readonly specificationVersion: 'v2' };
  params: CallOptions;
}

export interface WrapOptionsV3 {
  model: LanguageModel & { readonly specificationVersion: 'v3' };
  params: CallOptions;
}

export interface GenerateResultV2 {
  content: ContentPart[];
  finishReason: FinishReason;
  usage: UsageV2;
  providerMetadata: ProviderMetadata;
  warnings: WarningV2[];
}

export interface GenerateResultV3 {
  content: ContentPart[];
  finishReason: { unified: FinishReason; raw: string | undefined };
  usage: UsageV3;
  providerMetadata: ProviderMetadata;
  warnings: WarningV3[];
}

export interface StreamResultV2 {
  stream: ReadableStream<
    | ContentStreamPart
    | { type: 'stream-start'; warnings: WarningV2[] }
    | {
        type: 'finish';
        finishReason: FinishReason;
        usage: UsageV2;
        providerMetadata: ProviderMetadata;
      }
  >;
}

export interface StreamResultV3 {
  stream: ReadableStream<
    | ContentStreamPart
    | { type: 'stream-start'; warnings: WarningV3[] }
    | {
        type: 'finish';
        finishReason: { unified: FinishReason; raw: string | undefined };
        usage: UsageV3;
        providerMetadata: ProviderMetadata;
      }
  >;
}
