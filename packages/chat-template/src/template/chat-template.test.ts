import { InvalidArgumentError } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../errors/template-error';
import { createChatTemplate } from './create-chat-template';

const hello = [{ role: 'user', content: 'Hello' }];

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('createChatTemplate', () => {
  it('should name the line of a syntax error', () => {
    const error = thrown(() =>
      createChatTemplate({
        name: 'broken',
        template: '{% for m in messages %}\n{{ m.content }\n{% endfor %}',
      }),
    );
    expect(TemplateError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ phase: 'syntax', line: 2 });
    expect(String(error)).toMatch(
      /"broken" could not be parsed at line 2[\s\S]*2 \| \{\{ m\.content \}/,
    );
  });

  it('should refuse a {% generation %} tag where no block can stand, naming its line', () => {
    // Parsed as text the template is valid; with the tag read as a block it is not.
    const error = thrown(() =>
      createChatTemplate({
        name: 'misplaced',
        template:
          '{%-\ngeneration\n-%}\n{{ messages[0].content }}{% endgeneration %}\n{% if messages %}{{% generation %}%- else %}{% endif %}',
      }),
    );
    expect(TemplateError.isInstance(error)).toBe(true);
    // Line 5 although the first tag spans three lines: marking the blocks keeps line numbers.
    expect(error).toMatchObject({ phase: 'syntax', line: 5 });
    expect(String(error)).toMatch(
      /"misplaced" could not be parsed at line 5: .*\{% generation %\}.*where a block tag can stand[\s\S]*5 \| \{% if messages %\}\{\{% generation %\}/,
    );
  });

  it('should keep rendering generation tags that span lines', () => {
    const template = createChatTemplate({
      template: '{%-\ngeneration\n-%}\n{{ messages[0].content }}{% endgeneration\n %}!',
    });
    expect(template.renderWithGenerationSpans(hello)).toEqual({
      text: 'Hello!',
      generationSpans: [{ start: 0, end: 5 }],
    });
  });

  it('should name the opening line of an unclosed block', () => {
    const error = thrown(() => createChatTemplate({ template: 'a\n{% if messages %}\nb\n' }));
    expect(error).toMatchObject({ phase: 'syntax', line: 2 });
  });

  it('should name the line of raise_exception and show its message', () => {
    const template = createChatTemplate({
      template:
        "{% for m in messages %}\n{% if m.role == 'user' %}\n{{ raise_exception('Only assistants here, got ' + m.role) }}\n{% endif %}\n{% endfor %}",
    });
    const error = thrown(() => template.render(hello));
    expect(error).toMatchObject({ phase: 'render', line: 3 });
    expect(String(error)).toMatch(/raised an exception: Only assistants here, got user/);
  });

  it('should name the line of a runtime error inside a loop', () => {
    const template = createChatTemplate({
      template: 'header\n{% for m in messages %}\n{{ m.content.nope() }}\n{% endfor %}',
    });
    expect(thrown(() => template.render(hello))).toMatchObject({ phase: 'render', line: 3 });
  });

  it('should give strftime_now the injected clock', () => {
    const template = createChatTemplate({
      template: '{{ strftime_now("%Y-%m-%d %H:%M") }}',
      now: () => new Date(2025, 0, 31, 23, 59),
    });
    expect(template.render(hello)).toBe('2025-01-31 23:59');
  });

  it('should pass extra variables, which override special tokens as in transformers', () => {
    const template = createChatTemplate({
      template: '{{ eos_token }}|{{ custom }}',
      specialTokens: { eos_token: '</s>' },
    });
    expect(template.render(hello, { custom: 'x' })).toBe('</s>|x');
    expect(template.render(hello, { eos_token: '<eos>' })).toBe('<eos>|');
  });

  it('should see tools and documents as None when not given', () => {
    const template = createChatTemplate({
      template: '{{ tools is none }} {{ documents is none }} {{ add_generation_prompt }}',
    });
    expect(template.render(hello)).toBe('true true false');
  });

  it('should refuse addGenerationPrompt together with continueFinalMessage', () => {
    const template = createChatTemplate({ preset: 'qwen2.5' });
    expect(() =>
      template.render(hello, { addGenerationPrompt: true, continueFinalMessage: true }),
    ).toThrow(InvalidArgumentError);
  });

  it('should refuse to continue a final message the template does not reproduce', () => {
    const template = createChatTemplate({
      template: '{% for m in messages %}{{ m.content | upper }}{% endfor %}',
    });
    expect(() =>
      template.render([{ role: 'assistant', content: 'abc' }], { continueFinalMessage: true }),
    ).toThrow(/continueFinalMessage: the final message does not appear/);
  });

  it('should validate messages and name the failing field', () => {
    const template = createChatTemplate({ preset: 'qwen2.5' });
    expect(() => template.render([])).toThrow(/at least one message/);
    expect(() => template.render([{ role: 'user', content: 3 as unknown as string }])).toThrow(
      /\[0\]\.content: content must be a string/,
    );
    expect(() => template.render([{ role: 'user', content: 'x', tool_calls: [] }])).toThrow(
      /\[0\]\.tool_calls: only assistant messages/,
    );
    expect(() => template.render([{ role: 'tool', content: null }])).toThrow(
      /\[0\]\.content: a tool message needs string content/,
    );
    expect(() => template.render([{ role: 'user user', content: 'x' }])).toThrow(/\[0\]\.role/);
  });

  it('should refuse a tokenizer config without a chat template and suggest a preset', () => {
    expect(() => createChatTemplate({ tokenizerConfig: { eos_token: '</s>' } })).toThrow(
      /has no chat_template[\s\S]*preset/,
    );
  });

  it('should refuse an unknown preset', () => {
    // @ts-expect-error: not a preset
    expect(() => createChatTemplate({ preset: 'llama3' })).toThrow(InvalidArgumentError);
  });
});
