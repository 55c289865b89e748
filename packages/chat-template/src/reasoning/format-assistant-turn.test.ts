import { describe, expect, it } from 'vitest';
import { s1Record, s1TrainingText } from '../../test-utils/s1-example';
import { createChatTemplate } from '../template/create-chat-template';
import { formatAssistantTurn } from './format-assistant-turn';
import { splitReasoning } from './split-reasoning';

describe('formatAssistantTurn', () => {
  it('should build the exact s1 training text of S1-SPEC §1.2 with the Qwen2.5 template', () => {
    const content = formatAssistantTurn({
      thinking: s1Record.thinking_trajectories,
      answer: s1Record.attempt,
    });
    const text = createChatTemplate({ preset: 'qwen2.5' }).render([
      { role: 'user', content: s1Record.question },
      { role: 'assistant', content },
    ]);
    expect(text).toBe(s1TrainingText);
  });

  it('should give the same text as the s1 preset with reasoning_content', () => {
    const text = createChatTemplate({ preset: 's1' }).render([
      { role: 'user', content: s1Record.question },
      {
        role: 'assistant',
        content: s1Record.attempt,
        reasoning_content: s1Record.thinking_trajectories.join('\n'),
      },
    ]);
    expect(text).toBe(s1TrainingText);
  });

  it('should not prefix "Answer: " when the answer already contains "Answer:"', () => {
    expect(formatAssistantTurn({ thinking: 't', answer: 'Final Answer: 4' })).toBe(
      '<|im_start|>think\nt\n<|im_start|>answer\nFinal Answer: 4',
    );
    // The rule is case-sensitive, as in the reference.
    expect(formatAssistantTurn({ thinking: 't', answer: 'answer: 4' })).toBe(
      '<|im_start|>think\nt\n<|im_start|>answer\nAnswer: answer: 4',
    );
  });

  it('should prefix before stripping, as the reference does', () => {
    expect(formatAssistantTurn({ thinking: '\n t \n', answer: '  4  ' })).toBe(
      '<|im_start|>think\nt\n<|im_start|>answer\nAnswer:   4',
    );
  });

  it("should strip exactly Python's whitespace", () => {
    expect(formatAssistantTurn({ thinking: '\u001ct\u0085', answer: '\ufeff4' })).toBe(
      '<|im_start|>think\nt\n<|im_start|>answer\nAnswer: \ufeff4',
    );
  });

  it('should format think-tags turns without an answer label', () => {
    expect(formatAssistantTurn({ thinking: 'hmm', answer: '5' }, 'think-tags')).toBe(
      '<think>\nhmm\n</think>\n\n5',
    );
  });

  it('should be undone by splitReasoning', () => {
    const text = formatAssistantTurn({ thinking: ' why \n', answer: 'Answer: because' });
    expect(splitReasoning(text, 's1')).toEqual({
      thinking: 'why',
      answer: 'Answer: because',
      thinkingClosed: true,
    });
  });
});
