import type { ChatTemplate } from '@s1/chat-template';

/**
 * The s1 solving prompt (github.com/simplescaling/s1): the question as the only user message,
 * rendered with the template's default system prompt and no generation prompt, then the assistant
 * header appended by hand, as `data/bulk_inference.py` does.
 *
 * @example
 * solverPrompt('What is 17 x 3?', createChatTemplate({ preset: 'qwen2.5' }));
 * // '<|im_start|>system\nYou are Qwen, …<|im_end|>\n<|im_start|>user\nWhat is 17 x 3?<|im_end|>\n<|im_start|>assistant\n'
 */
export function solverPrompt(question: string, template: ChatTemplate): string {
  return `${template.render([{ role: 'user', content: question }])}<|im_start|>assistant\n`;
}
