// The backend conformance suite from the packed package, run by the consumer's own vitest.

import { createScriptedBackend, createThinkingScript } from '@s1/budget-forcing/testing';
import { testBackend } from '@s1/budget-forcing/testing/vitest';
import { loadTokenizer } from '@s1/chat-template';
import { resolveQwen25TokenizerFolder } from '@s1/errors';

const tokenizer = await loadTokenizer(resolveQwen25TokenizerFolder(import.meta.url));
const model = createThinkingScript({
  tokenizer,
  thoughts: ['\nOne, two, three, four, five, six, seven, eight, nine, ten.\n'],
  answer: 'Done.',
});

testBackend({ name: 'scripted', create: () => createScriptedBackend({ model, tokenizer }) });
