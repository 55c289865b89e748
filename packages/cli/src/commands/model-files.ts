import {
  type ChatTemplate,
  loadChatTemplate,
  loadTokenizer,
  type Tokenizer,
} from '@s1/chat-template';

/**
 * The tokenizer and chat template a command was pointed to (`--tokenizer`, `--chat-template`);
 * each is undefined when not given, so the backend's and the s1 preset's are used.
 */
export async function loadModelFiles(options: {
  tokenizer?: string | undefined;
  chatTemplate?: string | undefined;
}): Promise<{ tokenizer: Tokenizer | undefined; template: ChatTemplate | undefined }> {
  const tokenizer =
    options.tokenizer === undefined ? undefined : await loadTokenizer(options.tokenizer);
  const template =
    options.chatTemplate === undefined
      ? undefined
      : await loadChatTemplate({ path: options.chatTemplate });
  return { tokenizer, template };
}
