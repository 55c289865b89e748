import type { BackendCapabilities } from '../spec/backend-v1';
import { steppingCapabilities } from '../stepping/create-stepping-backend';

/** Where a server reports the model's context: vLLM and SGLang in `/v1/models`, llama.cpp in `/props`. */
export type ContextLengthSource = 'models' | 'props';

export const serverKinds = ['vllm', 'sglang', 'llama.cpp', 'ollama', 'openai'] as const;

/**
 * Servers with an OpenAI-compatible `/v1/completions`, and what each accepts beyond OpenAI's fields.
 *
 * @useDeclaredType
 */
export type ServerKind = (typeof serverKinds)[number];

export interface ServerProfile {
  capabilities: Omit<BackendCapabilities, 'segments' | 'stepping'>;
  /** vLLM's sampling extras: `skip_special_tokens`, `spaces_between_special_tokens`, `include_stop_str_in_output`. */
  vllmExtras: boolean;
  /** Ask for `token_ids` in the response (`return_token_ids`). */
  requestTokenIds: boolean;
  /** How the server's own thinking budget is passed, if it has one. */
  thinkingBudgetField: string | undefined;
  /** The tokenize endpoint, relative to the server root, and its request shape. */
  tokenize: { path: string; shape: 'vllm' | 'llama.cpp' } | undefined;
  /** Where the server reports the model's context, if it does. */
  contextLength: ContextLengthSource | undefined;
}

/**
 * vLLM's fields that keep special tokens in the returned text (so delimiters such as
 * `<|im_start|>` match as stop strings and are seen by the controller) and stop strings out of it.
 */
export const vllmTextFields = {
  skip_special_tokens: false,
  spaces_between_special_tokens: false,
  include_stop_str_in_output: false,
} as const;

// vLLM accepts everything the spec names; the others accept less.
const { segments: _segments, stepping: _stepping, ...everything } = steppingCapabilities;
const withoutVllmExtras = {
  ...everything,
  stopTokenIds: false,
  minTokens: false,
  returnsTokenIds: false,
};

export const serverProfiles: Record<ServerKind, ServerProfile> = {
  vllm: {
    capabilities: everything,
    vllmExtras: true,
    requestTokenIds: true,
    thinkingBudgetField: 'thinking_token_budget',
    tokenize: { path: '/tokenize', shape: 'vllm' },
    contextLength: 'models',
  },
  sglang: {
    capabilities: { ...everything, returnsTokenIds: false },
    vllmExtras: true,
    requestTokenIds: false,
    thinkingBudgetField: undefined,
    tokenize: undefined,
    contextLength: 'models',
  },
  'llama.cpp': {
    capabilities: withoutVllmExtras,
    vllmExtras: false,
    requestTokenIds: false,
    thinkingBudgetField: 'thinking_budget_tokens',
    tokenize: { path: '/tokenize', shape: 'llama.cpp' },
    contextLength: 'props',
  },
  ollama: {
    capabilities: { ...withoutVllmExtras, promptTokenIds: false },
    vllmExtras: false,
    requestTokenIds: false,
    thinkingBudgetField: undefined,
    tokenize: undefined,
    contextLength: undefined,
  },
  openai: {
    capabilities: { ...withoutVllmExtras, seededSampling: false },
    vllmExtras: false,
    requestTokenIds: false,
    thinkingBudgetField: undefined,
    tokenize: undefined,
    contextLength: undefined,
  },
};
