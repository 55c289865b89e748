import { createTokenizer } from '@s1/chat-template';
import { createByteTokenizer, type TokenizerFiles } from '@s1/model-io';
import { formatS1 } from '@s1/sft-data';

// The template's text around one example, and the word budget forcing writes into a thinking.
const templateText = `${formatS1({ question: 'Max Min', thinking: '', answer: '' })}\nWait`;

/** The merges that make `word` one token from where `made` is: `a n`, `an s`, `ans w`, … */
function chainOf(word: string, made: ReadonlySet<string>): [string, string][] {
  const chain: [string, string][] = [];
  for (let end = 2; end <= word.length; end++) {
    if (!made.has(word.slice(0, end))) chain.push([word.slice(0, end - 1), word.charAt(end - 1)]);
  }
  return chain;
}

/**
 * Merges that make each word one token. Byte-pair encoding applies merges by rank across a
 * word, so one word's merge can split another (`s t` of "start" inside "system"): a word whose
 * chain would break a word already merged, or not hold itself, is left in pieces.
 */
function mergesFor(words: Iterable<string>): [string, string][] {
  let merges: [string, string][] = [];
  const whole: string[] = [];
  const made = new Set<string>();
  for (const word of [...words].sort((a, b) => b.length - a.length)) {
    const candidate = [...merges, ...chainOf(word, made)];
    const tokenizer = createTokenizer(createByteTokenizer({ merges: candidate }));
    if ([...whole, word].every((text) => tokenizer.encode(text).length === 1)) {
      merges = candidate;
      whole.push(word);
      for (let end = 2; end <= word.length; end++) made.add(word.slice(0, end));
    }
  }
  return merges;
}

/**
 * The demo model's tokenizer: the 256 bytes and s1's special tokens (`createByteTokenizer`),
 * plus one token for each word of the s1 template ("system", " Qwen", "assistant", "think",
 * "answer", …). Qwen2.5's 151,665 tokens would make a tiny model almost all embedding and output
 * head, and bytes alone spend most of each training example on the template's fixed words: with
 * them merged, an example is less than half as long as in bytes. Digits stay one token each, as
 * Qwen2.5 splits numbers, so a thinking budget counts the same steps.
 */
export function demoTokenizer(): TokenizerFiles {
  const text = templateText.replaceAll(/<\|[a-z_]+\|>/g, '\n');
  // Pre-tokenization keeps a word with the space before it (" Qwen"), so each is merged with it.
  return createByteTokenizer({ merges: mergesFor(new Set(text.match(/ ?\p{L}+/gu))) });
}
