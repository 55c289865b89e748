import type { ChatMessage } from '../messages/chat-message';
import { pythonStrip } from '../python-strip';

/**
 * Cuts the rendered chat right after the final message's content, so generation continues that
 * message (Hugging Face `continue_final_message`). Returns an error message when the final
 * message does not appear in the rendering.
 */
export function cutAfterFinalMessage(
  rendered: string,
  finalMessage: ChatMessage,
): { text: string } | { error: string } {
  const content = finalMessageText(finalMessage);
  if (content === undefined) {
    return { error: 'the final message has no text content to continue' };
  }
  const stripped = pythonStrip(content);
  const location = rendered.lastIndexOf(stripped);
  if (location === -1) {
    return {
      error:
        'the final message does not appear in the rendered chat; the template changes its content, so it cannot be continued',
    };
  }
  const leftStripped = pythonStrip(content, 'start');
  // When the template kept the message's trailing whitespace, keep it; otherwise cut at the text.
  const keepsSpacing = rendered.slice(location, location + leftStripped.length) === content;
  return {
    text: rendered.slice(0, location + (keepsSpacing ? leftStripped.length : stripped.length)),
  };
}

function finalMessageText(message: ChatMessage): string | undefined {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  for (let index = content.length - 1; index >= 0; index--) {
    const text = (content[index] as { text?: unknown }).text;
    if (typeof text === 'string') return text;
  }
  return undefined;
}
