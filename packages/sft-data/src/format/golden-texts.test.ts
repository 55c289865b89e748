import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testGoldenFreshness } from '../../../../tooling/golden-freshness';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import type { S1K11Traces } from '../records/to-sft-record';
import { ignoreIndex } from '../tokenize/completion-only-labels';
import { tokenizeForSft } from '../tokenize/tokenize-for-sft';
import { formatS1 } from './format-s1';

interface GoldenText {
  file: 's1k.jsonl' | 's1k-1.1.jsonl';
  row: number;
  traces: S1K11Traces;
  text: string;
  /** Character offset just after the first `<|im_start|>assistant\n`. */
  assistantStart: number;
}

const fixture = (name: string) => new URL(`../__fixtures__/${name}`, import.meta.url);
const goldens = JSON.parse(readFileSync(fixture('golden-texts.json'), 'utf8')) as GoldenText[];
const rows = (file: string) =>
  readFileSync(fixture(file), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
const rowsOf = { 's1k.jsonl': rows('s1k.jsonl'), 's1k-1.1.jsonl': rows('s1k-1.1.jsonl') };

// Golden texts come from scripts/golden-texts.py: the text of s1's data/tokenization.py
// (github.com/simplescaling/s1) in Python, rendered by Jinja2.
describe.each(goldens)('$file row $row ($traces traces)', (golden) => {
  it('should format exactly the golden s1 training text', () => {
    expect(formatS1(rowsOf[golden.file][golden.row - 1], { traces: golden.traces })).toBe(
      golden.text,
    );
  });

  it('should mask every label before the first token after <|im_start|>assistant\\n and keep every later one', async () => {
    const tokenizer = await qwen25Tokenizer();
    const { inputIds, labels } = tokenizeForSft(golden.text, tokenizer);
    const { offsets } = tokenizer.decodeWithOffsets(inputIds);
    const firstTrained = offsets.findIndex((offset) => offset >= golden.assistantStart);
    expect(firstTrained).toBeGreaterThan(0);
    expect(labels.slice(0, firstTrained).every((label) => label === ignoreIndex)).toBe(true);
    expect(labels.slice(firstTrained)).toEqual(inputIds.slice(firstTrained));
  });
});

testGoldenFreshness({
  script: 'scripts/golden-texts.py',
  modules: ['jinja2'],
  cwd: fileURLToPath(new URL('../..', import.meta.url)),
});
