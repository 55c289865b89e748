import type { ChatMessage } from '@s1/chat-template';
import { InvalidArgumentError } from '@s1/errors';
import type { PromptMessage, PromptPart } from './language-model';

export interface ConvertedPrompt {
  messages: ChatMessage[];
  /** Earlier assistant turns whose reasoning was left out of the prompt. */
  turnsWithoutReasoning: number;
}

/**
 * Turns an AI SDK prompt into chat messages for the template. Text only: budget forcing renders
 * the model's own chat template, so files and tool parts are refused rather than dropped. The
 * reasoning of earlier assistant turns is left out, as reasoning models' templates do.
 */
export function promptToMessages(prompt: readonly PromptMessage[]): ConvertedPrompt {
  let turnsWithoutReasoning = 0;
  const messages = prompt.map((message, index): ChatMessage => {
    if (message.role === 'system') return { role: 'system', content: message.content };
    if (message.role === 'tool') throw unsupported(index, message.role, 'tool');
    const kept = message.content.filter((part) => part.type !== 'reasoning');
    if (message.role === 'assistant' && kept.length < message.content.length) {
      turnsWithoutReasoning++;
    }
    return {
      role: message.role,
      content: kept.map((part) => textOf(part, index, message.role)).join(''),
    };
  });
  return { messages, turnsWithoutReasoning };
}

function textOf(part: PromptPart, index: number, role: string): string {
  if (part.type !== 'text') throw unsupported(index, role, part.mediaType ?? part.type);
  return part.text ?? '';
}

function unsupported(index: number, role: string, what: string): InvalidArgumentError {
  return new InvalidArgumentError({
    argument: 'prompt',
    issues: [
      {
        path: `[${index}]`,
        message: `the ${role} message has ${what} content; budget forcing renders text messages only (describe files in text, run tools outside the budget-forced call)`,
      },
    ],
  });
}
