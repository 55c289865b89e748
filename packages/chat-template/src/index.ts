// The base layer's errors, re-exported: chat-template's own functions throw them.
export {
  FileNotFoundError,
  InvalidArgumentError,
  InvalidFileError,
  InvalidStateError,
  S1Error,
} from '@s1/errors';
export { TemplateError } from './errors/template-error';
export { TokenAlignmentError } from './errors/token-alignment-error';
export { UnknownTokenError } from './errors/unknown-token-error';
export type { ChatDocument, ChatMessage, ToolCall, ToolDefinition } from './messages/chat-message';
export { pythonStrip } from './python-strip';
export { pythonWhitespaceClass } from './python-whitespace';
export { type AssistantTurn, formatAssistantTurn } from './reasoning/format-assistant-turn';
export {
  defineReasoningFormat,
  type ReasoningFormat,
  type ReasoningFormatDefinition,
  type ReasoningFormatName,
  reasoningFormats,
  resolveReasoningFormat,
} from './reasoning/reasoning-format';
export {
  createReasoningParser,
  type ReasoningEvent,
  type ReasoningParser,
  type ReasoningParserOptions,
} from './reasoning/reasoning-parser';
export { createReasoningTransformStream } from './reasoning/reasoning-transform-stream';
export {
  type ReasoningSplit,
  type SplitReasoningOptions,
  splitReasoning,
} from './reasoning/split-reasoning';
export {
  type MessageSpan,
  type RenderAndTokenizeOptions,
  type RenderAndTokenizeResult,
  renderAndTokenize,
} from './render-and-tokenize';
export type { ChatTemplate, CompileOptions, RenderOptions } from './template/chat-template';
export {
  type ChatTemplateSource,
  type CreateChatTemplateOptions,
  createChatTemplate,
  type TokenizerConfig,
} from './template/create-chat-template';
export type { TextSpan } from './template/generation-blocks';
export { type LoadChatTemplateOptions, loadChatTemplate } from './template/load-chat-template';
export { type ChatTemplatePresetName, chatTemplatePresets } from './template/presets';
export type { RenderLimits } from './template/render-limits';
export type { SpecialTokens } from './template/special-tokens';
export { type CreateTokenizerOptions, createTokenizer } from './tokenizer/create-tokenizer';
export { createWindowedDecodeStream } from './tokenizer/decode-stream';
export { loadTokenizer } from './tokenizer/load-tokenizer';
export type { DecodeOptions, DecodeStream, EncodeOptions, Tokenizer } from './tokenizer/tokenizer';
