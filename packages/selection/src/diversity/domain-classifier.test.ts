import { createScriptedBackend } from '@s1/budget-forcing/testing';
import type { Tokenizer } from '@s1/chat-template';
import { describe, expect, it } from 'vitest';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { createDomainClassifier } from './domain-classifier';

const header = '<|im_start|>assistant\n';

/**
 * A scripted classifier: it reads the question in the rendered prompt and answers with a reason
 * and a code: 11 for primes, 91 for games, 00 for anything else. On seeds listed in `mumbleOn`
 * it writes a reply with no code.
 */
function scriptedClassifier(tokenizer: Tokenizer, mumbleOn: readonly number[] = []) {
  const eos = tokenizer.idOf('<|im_end|>');
  return createScriptedBackend({
    tokenizer,
    model: (context, sampling) => {
      const text = tokenizer.decode(context);
      const prompt = text.slice(0, text.lastIndexOf(header));
      const question = prompt.slice(prompt.indexOf('## Question\n'), prompt.indexOf('## Classif'));
      const code = question.includes('prime') ? '11' : question.includes('game') ? '91' : '00';
      const reply = mumbleOn.includes(sampling?.seed ?? 0)
        ? 'Hard to say.'
        : `It is about ${question.includes('prime') ? 'primes' : 'something'}.\n${code}`;
      const written = text.slice(text.lastIndexOf(header) + header.length);
      const rest = reply.startsWith(written) ? reply.slice(written.length) : '';
      return [rest === '' ? eos : (tokenizer.encode(rest)[0] as number), eos];
    },
  });
}

describe('createDomainClassifier', () => {
  it('should ask with the system rule and the rubrics, and return the title of the code', async () => {
    const tokenizer = await qwen25Tokenizer();
    const backend = scriptedClassifier(tokenizer);
    const classify = createDomainClassifier({ backend, retries: 0 });
    expect(await classify('Which primes divide 91?')).toBe('Number theory');
    const call = backend.calls.at(-1);
    const prompt = call?.kind === 'open' ? call.promptIds : (call?.prompt ?? '');
    const asked = typeof prompt === 'string' ? prompt : tokenizer.decode(prompt);
    expect(asked).toMatch(/^<\|im_start\|>system\n.*two-digit code.*<\|im_end\|>\n/s);
    expect(asked).toContain('<|im_start|>user\n## Question\nWhich primes divide 91?\n\n');
    expect(asked).toContain('### Number theory\n* Code: 11\n* Description: ');
    expect(asked).toMatch(
      /\* Code: 97\n\* Description: [^\n]*<\|im_end\|>\n<\|im_start\|>assistant\n$/,
    );
  });

  it('should ask again after an unparsable reply, with the next seed', async () => {
    const tokenizer = await qwen25Tokenizer();
    const backend = scriptedClassifier(tokenizer, [0]);
    const classify = createDomainClassifier({ backend, retries: 1 });
    expect(await classify('Is 2^61 - 1 prime?')).toBe('Number theory');
    expect(backend.calls.filter((call) => call.kind === 'generate')).toHaveLength(2);
  });

  it('should give up after the retries', async () => {
    const tokenizer = await qwen25Tokenizer();
    const backend = scriptedClassifier(tokenizer, [0, 1, 2]);
    const classify = createDomainClassifier({ backend, retries: 2 });
    expect(await classify('Is 2^61 - 1 prime?')).toBeUndefined();
    expect(backend.calls.filter((call) => call.kind === 'generate')).toHaveLength(3);
  });

  it('should give no domain for a code s1 does not use', async () => {
    const tokenizer = await qwen25Tokenizer();
    const classify = createDomainClassifier({ backend: scriptedClassifier(tokenizer), retries: 2 });
    expect(await classify('What is a set?')).toBeUndefined();
  });

  it("should use s1's labels when asked to", async () => {
    const tokenizer = await qwen25Tokenizer();
    const backend = scriptedClassifier(tokenizer);
    const official = createDomainClassifier({ backend, retries: 0 });
    const s1 = createDomainClassifier({ backend, retries: 0, labels: 's1' });
    expect(await official('Who wins this game?')).toBe(
      'Game theory, economics, finance, and other social and behavioral sciences',
    );
    expect(await s1('Who wins this game?')).toBe(
      'Game theory, economics, social and behavioral sciences',
    );
  });

  it('should refuse a negative retry count', async () => {
    const tokenizer = await qwen25Tokenizer();
    expect(() =>
      createDomainClassifier({ backend: scriptedClassifier(tokenizer), retries: -1 }),
    ).toThrow(/retries/);
  });
});
