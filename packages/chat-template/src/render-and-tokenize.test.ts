import { describe, expect, it } from 'vitest';
import { qwen25Tokenizer } from '../test-utils/qwen25';
import { s1Record, s1TrainingText } from '../test-utils/s1-example';
import { TokenAlignmentError } from './errors/token-alignment-error';
import type { ChatMessage } from './messages/chat-message';
import { formatAssistantTurn } from './reasoning/format-assistant-turn';
import { renderAndTokenize } from './render-and-tokenize';
import { createChatTemplate } from './template/create-chat-template';

const qwen = createChatTemplate({ preset: 'qwen2.5' });
const s1 = createChatTemplate({ preset: 's1' });

const s1Messages: ChatMessage[] = [
  { role: 'user', content: s1Record.question },
  {
    role: 'assistant',
    content: formatAssistantTurn({
      thinking: s1Record.thinking_trajectories,
      answer: s1Record.attempt,
    }),
  },
];

function maskedText(
  tokenizer: Awaited<ReturnType<typeof qwen25Tokenizer>>,
  ids: number[],
  mask: number[],
) {
  return tokenizer.decode(ids.filter((_, index) => mask[index] === 1));
}

describe('renderAndTokenize', () => {
  it('should tokenize the whole s1 training text and mask exactly what s1 trains on', async () => {
    const tokenizer = await qwen25Tokenizer();
    const result = renderAndTokenize({ template: qwen, tokenizer, messages: s1Messages });
    expect(result.text).toBe(s1TrainingText);
    expect(result.ids).toEqual(tokenizer.encode(s1TrainingText));
    expect(result.maskSource).toBe('assistant-messages');
    // TRL's DataCollatorForCompletionOnlyLM (trl v0.12.0) with the templates of s1's train/sft.py
    // (github.com/simplescaling/s1): loss from <|im_start|>think through the final <|im_end|>
    // and newline.
    const trained = maskedText(tokenizer, result.ids, result.assistantMask);
    expect(trained).toBe(s1TrainingText.slice(s1TrainingText.indexOf('<|im_start|>think')));
    expect(result.ids[result.assistantMask.indexOf(1)]).toBe(151644);
    expect(result.ids[result.assistantMask.indexOf(1) + 1]).toBe(tokenizer.idOf('think'));
  });

  it('should give the same ids and mask from the s1 preset generation blocks', async () => {
    const tokenizer = await qwen25Tokenizer();
    const fromSpans = renderAndTokenize({ template: qwen, tokenizer, messages: s1Messages });
    const fromBlocks = renderAndTokenize({
      template: s1,
      tokenizer,
      messages: [
        { role: 'user', content: s1Record.question },
        {
          role: 'assistant',
          content: s1Record.attempt,
          reasoning_content: s1Record.thinking_trajectories.join('\n'),
        },
      ],
    });
    expect(fromBlocks.maskSource).toBe('generation-blocks');
    expect(fromBlocks.ids).toEqual(fromSpans.ids);
    expect(fromBlocks.assistantMask).toEqual(fromSpans.assistantMask);
  });

  it('should give message spans that partition the text and the ids', async () => {
    const tokenizer = await qwen25Tokenizer();
    const messages: ChatMessage[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather in Zürich? 🌦' },
      {
        role: 'assistant',
        content: '',
        tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Zürich' } } }],
      },
      { role: 'tool', content: '{"temp": 12}' },
      { role: 'tool', content: '{"wind": 3}' },
      { role: 'assistant', content: '12°C, light wind.' },
    ];
    const result = renderAndTokenize({
      template: qwen,
      tokenizer,
      messages,
      addGenerationPrompt: true,
    });
    expect(result.messageSpans.map((span) => span.role)).toEqual(
      messages.map((message) => message.role),
    );
    const { offsets } = tokenizer.decodeWithOffsets(result.ids);
    let start = 0;
    let tokenStart = 0;
    for (const span of result.messageSpans) {
      expect(span.start).toBe(start);
      expect(span.tokenStart).toBe(tokenStart);
      // A message's tokens are those that start inside it; a token that straddles a boundary
      // (Qwen2.5 writes ">\n" between consecutive tool responses) belongs to the earlier message.
      expect(offsets[span.tokenStart]).toBeGreaterThanOrEqual(span.start);
      expect(offsets[span.tokenEnd - 1]).toBeLessThan(span.end);
      start = span.end;
      tokenStart = span.tokenEnd;
    }
    for (const index of [0, 1, 2, 5]) {
      const span = result.messageSpans[index];
      if (span === undefined) throw new Error('missing span');
      expect(tokenizer.decode(result.ids.slice(span.tokenStart, span.tokenEnd))).toBe(
        result.text.slice(span.start, span.end),
      );
    }
    expect(result.text.slice(result.messageSpans[3]?.start, result.messageSpans[4]?.start)).toBe(
      '<|im_start|>user\n<tool_response>\n{"temp": 12}\n</tool_response>',
    );
    // The generation prompt follows the last message and belongs to none.
    expect(result.text.slice(start)).toBe('<|im_start|>assistant\n');
    const trained = maskedText(tokenizer, result.ids, result.assistantMask);
    expect(trained).toBe(
      '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Zürich"}}\n</tool_call><|im_end|>\n12°C, light wind.<|im_end|>\n',
    );
  });

  it('should map spans through Unicode normalization', async () => {
    const tokenizer = await qwen25Tokenizer();
    const decomposed = 'cafe\u0301';
    const result = renderAndTokenize({
      template: qwen,
      tokenizer,
      messages: [
        { role: 'user', content: decomposed },
        { role: 'assistant', content: decomposed },
      ],
    });
    expect(maskedText(tokenizer, result.ids, result.assistantMask)).toBe('café<|im_end|>\n');
  });

  it('should stop the mask where continueFinalMessage cuts the text', async () => {
    const tokenizer = await qwen25Tokenizer();
    const result = renderAndTokenize({
      template: s1,
      tokenizer,
      messages: [
        { role: 'user', content: '2+2?' },
        { role: 'assistant', content: '<|im_start|>think\nTwo plus two' },
      ],
      continueFinalMessage: true,
    });
    expect(result.text.endsWith('<|im_start|>think\nTwo plus two')).toBe(true);
    expect(maskedText(tokenizer, result.ids, result.assistantMask)).toBe(
      '<|im_start|>think\nTwo plus two',
    );
  });

  it('should refuse templates whose earlier turns change when later turns are added', async () => {
    const tokenizer = await qwen25Tokenizer();
    // Like DeepSeek-R1's template: reasoning is dropped from every assistant turn but the last.
    const dropsEarlierReasoning = createChatTemplate({
      template:
        "{% for m in messages %}{% if m.role == 'assistant' and not loop.last %}{{ m.content.split('</think>')[-1] }}{% else %}{{ m.content }}{% endif %}|{% endfor %}",
    });
    const messages: ChatMessage[] = [
      { role: 'user', content: 'a' },
      { role: 'assistant', content: '<think>x</think>b' },
      { role: 'user', content: 'c' },
    ];
    expect(() =>
      renderAndTokenize({ template: dropsEarlierReasoning, tokenizer, messages }),
    ).toThrow(TokenAlignmentError);
  });
});
