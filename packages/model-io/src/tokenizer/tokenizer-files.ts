/** Tokenizer files as JSON objects (tokenizer.json and tokenizer_config.json). */
export interface TokenizerFiles {
  tokenizerJson: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
}
