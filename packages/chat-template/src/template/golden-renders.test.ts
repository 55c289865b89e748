import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testGoldenFreshness } from '../../../../tooling/golden-freshness';
import type { ChatMessage } from '../messages/chat-message';
import { createChatTemplate } from './create-chat-template';
import type { SpecialTokens } from './special-tokens';

// Rendered by scripts/render-golden.py with Python's Jinja2, configured as transformers does.
interface GoldenCase {
  name: string;
  template: 'qwen2.5' | 's1' | 'custom';
  template_source?: string;
  special_tokens?: SpecialTokens;
  messages: ChatMessage[];
  options?: {
    tools?: Record<string, unknown>[];
    documents?: Record<string, unknown>[];
    add_generation_prompt?: boolean;
    continue_final_message?: boolean;
    variables?: Record<string, unknown>;
  };
  expected: string;
  generation_spans?: { start: number; end: number }[];
}

const cases: GoldenCase[] = readFileSync(
  new URL('./__fixtures__/golden-renders.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));

// Where @huggingface/jinja is known to differ from Python's Jinja2. `it.fails` keeps these
// cases honest: the test suite flags the day they start to pass.
const knownDivergences: Record<string, string> = {
  'custom-tojson-float-exponent':
    'floats print with JavaScript number formatting (0.0000015), not Python repr (1.5e-06)',
};

// The golden script freezes strftime_now at this local time.
const frozenNow = () => new Date(2024, 6, 26, 9, 5, 7);

function templateFor(goldenCase: GoldenCase) {
  return goldenCase.template === 'custom'
    ? createChatTemplate({
        template: goldenCase.template_source ?? '',
        specialTokens: goldenCase.special_tokens,
        now: frozenNow,
      })
    : createChatTemplate({ preset: goldenCase.template, now: frozenNow });
}

function renderOptions({ options = {} }: GoldenCase) {
  return {
    ...options.variables,
    tools: options.tools,
    documents: options.documents,
    addGenerationPrompt: options.add_generation_prompt,
    continueFinalMessage: options.continue_final_message,
  };
}

describe('golden renders against Python Jinja2', () => {
  it('covers at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  const matching = cases.filter((goldenCase) => !(goldenCase.name in knownDivergences));
  const diverging = cases.filter((goldenCase) => goldenCase.name in knownDivergences);

  it.each(matching.map((goldenCase) => [goldenCase.name, goldenCase] as const))(
    'should render %s byte for byte',
    (_name, goldenCase) => expectGoldenRender(goldenCase),
  );

  it.fails.each(diverging.map((goldenCase) => [goldenCase.name, goldenCase] as const))(
    'known divergence: %s',
    (_name, goldenCase) => expectGoldenRender(goldenCase),
  );
});

function expectGoldenRender(goldenCase: GoldenCase) {
  const { text, generationSpans } = templateFor(goldenCase).renderWithGenerationSpans(
    goldenCase.messages,
    renderOptions(goldenCase),
  );
  expect(text).toBe(goldenCase.expected);
  expect(generationSpans).toEqual(goldenCase.generation_spans ?? []);
}

testGoldenFreshness({
  script: 'scripts/render-golden.py',
  modules: ['jinja2'],
  cwd: fileURLToPath(new URL('../..', import.meta.url)),
});
