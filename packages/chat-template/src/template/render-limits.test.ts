import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from '@huggingface/jinja';
import { InvalidArgumentError } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../errors/template-error';
import type { ChatMessage, ToolDefinition } from '../messages/chat-message';
import type { RenderOptions } from './chat-template';
import { createChatTemplate } from './create-chat-template';
import { loadChatTemplate } from './load-chat-template';
import { chatTemplatePresets } from './presets';
import type { RenderLimits } from './render-limits';

const hello: ChatMessage[] = [{ role: 'user', content: 'Hello' }];

// Generous: the point is that each render ends, on a loaded two-core machine too.
const endsWithinMs = 30_000;

function renderFailure(template: string, limits?: RenderLimits): unknown {
  try {
    createChatTemplate({ name: 'hostile', template, limits }).render(hello);
  } catch (error) {
    return error;
  }
  throw new Error('expected the render to fail');
}

const hostileTemplates: {
  name: string;
  template: string;
  limit: keyof RenderLimits;
  line: number;
  limits?: RenderLimits;
}[] = [
  {
    name: 'a huge range',
    template: '{% for i in range(1000000000) %}x{% endfor %}',
    limit: 'maxIterations',
    line: 1,
  },
  {
    name: 'two nested large ranges',
    template:
      '{% for i in range(100000) %}\n{% for j in range(100000) %}{% endfor %}\n{% endfor %}',
    limit: 'maxIterations',
    line: 2,
  },
  {
    name: 'a huge range counting down with a negative step',
    template: '{% for i in range(0, -10**9, -1) %}x{% endfor %}',
    limit: 'maxIterations',
    line: 1,
  },
  {
    name: 'an infinite range',
    template: '{% for i in range(0, 10**308 * 10) %}x{% endfor %}',
    limit: 'maxIterations',
    line: 1,
  },
  {
    name: 'a string doubled in a loop',
    template: "{% set s = 'x' %}\n{% for i in range(64) %}\n{% set s = s ~ s %}\n{% endfor %}",
    limit: 'maxOutputLength',
    line: 3,
  },
  {
    name: 'a namespace string doubled in a loop',
    template:
      "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
    limit: 'maxOutputLength',
    line: 1,
  },
  {
    name: 'a list doubled in a loop',
    template:
      '{% set ns = namespace(list=[0]) %}{% for i in range(64) %}{% set ns.list = ns.list + ns.list %}{% endfor %}',
    limit: 'maxIterations',
    line: 1,
  },
  {
    name: 'a long loop of literal text',
    template: `{% for i in range(99999) %}${'lorem ipsum '.repeat(20)}{% endfor %}`,
    limit: 'maxOutputLength',
    line: 1,
  },
  {
    name: 'tojson with a huge indent',
    template: '{{ messages | tojson(indent=100000000) }}',
    limit: 'maxOutputLength',
    line: 1,
  },
  {
    name: 'the indent filter with a huge width',
    template: "{% set s = 'a\\nb\\nc\\nd' %}\n{{ s | indent(100000000) }}",
    limit: 'maxOutputLength',
    line: 2,
  },
  {
    name: 'a filter block indenting by a huge width',
    template: '{% filter indent(100000000) %}\na\nb\nc\n{% endfilter %}',
    limit: 'maxOutputLength',
    line: 1,
  },
  {
    name: 'tojson of a namespace that holds itself',
    template: '{% set ns = namespace(a=1) %}{% set ns.self = ns %}{{ ns | tojson(indent=1) }}',
    limit: 'maxNestingDepth',
    line: 1,
  },
  {
    name: 'a macro calling itself forever',
    template: '{% macro f(n) %}\n{{ f(n + 1) }}\n{% endmacro %}\n{{ f(0) }}',
    limit: 'maxNestingDepth',
    line: 2,
  },
  {
    name: 'a macro calling itself twice per call (2^60 calls)',
    template:
      '{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}',
    limit: 'timeoutMs',
    line: 1,
    limits: { timeoutMs: 300 },
  },
];

describe('render limits', () => {
  it.each(hostileTemplates)(
    'should stop $name with a TemplateError naming its limit',
    ({ template, limit, line, limits }) => {
      const started = performance.now();
      const error = renderFailure(template, limits);
      expect(performance.now() - started).toBeLessThan(endsWithinMs);
      expect(TemplateError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ phase: 'render', templateName: 'hostile', line });
      expect(String(error)).toMatch(
        new RegExp(`"hostile" failed while rendering at line ${line}: .*raise limits\\.${limit}`),
      );
    },
    endsWithinMs * 2,
  );

  it('should refuse a huge range before building it, whatever the loop does with it', () => {
    expect(String(renderFailure('{{ range(10**9) | length }}'))).toMatch(
      /range\(\) would make 1000000000 numbers, more than the 100000 loop iterations a render may run/,
    );
  });

  it('should refuse a filter whose width multiplies its output before it runs', () => {
    // Built, the JSON would take gigabytes: nested joins of 100-million-space lines abort the
    // process for want of memory before any string is long enough to check.
    expect(String(renderFailure('{{ messages | tojson(indent=100000000) }}'))).toMatch(
      /the tojson filter would build a string of at least 100000003 characters, more than the 10000000/,
    );
    const template = createChatTemplate({
      template: "{{ messages | tojson(indent=2) }}|{{ 'a\\nb' | indent(2) }}",
    });
    expect(template.render(hello)).toBe(
      '[\n  {\n    "role": "user",\n    "content": "Hello"\n  }\n]|a\n  b',
    );
  });

  it('should end a range whose step is lost to float rounding', () => {
    const template = createChatTemplate({
      template: '{% for i in range(10**20, 10**20 + 50000) %}x{% endfor %}',
    });
    expect(template.render(hello).length).toBeLessThanOrEqual(100_000);
  });

  it('should stop a template from a model folder, naming its file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-hostile-model-'));
    await writeFile(
      join(folder, 'chat_template.jinja'),
      '{% for i in range(1000000000) %}x{% endfor %}',
    );
    const template = await loadChatTemplate({ path: folder });
    expect(() => template.render(hello)).toThrow(/chat_template\.jinja" failed while rendering/);
  });

  it('should apply the limits given to loadChatTemplate and createChatTemplate', async () => {
    const loop =
      '{% for m in messages %}{{ m.content }}{% endfor %}{% for m in messages %}{% endfor %}';
    const folder = await mkdtemp(join(tmpdir(), 's1-limited-model-'));
    await writeFile(join(folder, 'chat_template.jinja'), loop);
    const loaded = await loadChatTemplate({ path: folder, limits: { maxIterations: 4 } });
    const created = createChatTemplate({ template: loop, limits: { maxOutputLength: 5 } });
    const twoMessages = [...hello, { role: 'assistant' as const, content: 'Hi' }];

    expect(loaded.render(twoMessages)).toBe('HelloHi');
    expect(() => loaded.render([...twoMessages, ...hello])).toThrow(
      /a loop over 3 items takes the render past 4 loop iterations; .*raise limits\.maxIterations/,
    );
    expect(created.render(hello)).toBe('Hello');
    expect(() => created.render(twoMessages)).toThrow(/string of 7 characters, more than the 5/);
  });

  it('should refuse unknown and non-positive limits when the template is created', () => {
    const create = (limits: unknown) =>
      createChatTemplate({ preset: 's1', limits: limits as RenderLimits });
    expect(() => create({ maxLoops: 10 })).toThrow(InvalidArgumentError);
    expect(() => create({ maxLoops: 10 })).toThrow(/Invalid limits:[\s\S]*maxLoops/);
    expect(() => create({ maxIterations: 0 })).toThrow(/maxIterations: a limit must be above 0/);
    expect(() => create({ timeoutMs: 1.5 })).toThrow(/timeoutMs: a limit must be a whole number/);
  });
});

describe('render limits on real chat templates', () => {
  const tools: ToolDefinition[] = Array.from({ length: 20 }, (_, index) => ({
    type: 'function',
    function: {
      name: `tool_${index}`,
      description: 'Looks something up.',
      parameters: { type: 'object', properties: { query: { type: 'string' } } },
    },
  }));
  // About 200,000 tokens: more than any of these models' context.
  const longConversation: ChatMessage[] = [
    { role: 'system', content: 'Be thorough.' },
    ...Array.from({ length: 200 }, (_, index): ChatMessage[] => [
      { role: 'user', content: `Question ${index}: ${'why is the sky blue? '.repeat(200)}` },
      {
        role: 'assistant',
        content: `Answer ${index}: ${'Rayleigh scattering. '.repeat(200)}`,
        reasoning_content: 'Short wavelengths scatter more. '.repeat(50),
      },
    ]).flat(),
  ];

  it.each(Object.entries(chatTemplatePresets))(
    'should render a long conversation with tools under the %s preset exactly as the unguarded library does',
    (name, preset) => {
      const options: RenderOptions = { tools, addGenerationPrompt: true, start_thinking: true };
      const rendered = createChatTemplate({ preset: name as 's1' }).render(
        longConversation,
        options,
      );
      const unguarded = new Template(preset.template).render({
        ...preset.specialTokens,
        messages: longConversation,
        tools,
        documents: null,
        add_generation_prompt: true,
        start_thinking: true,
      });
      expect(rendered.length).toBeGreaterThan(800_000);
      expect(rendered).toBe(unguarded);
    },
  );
});
