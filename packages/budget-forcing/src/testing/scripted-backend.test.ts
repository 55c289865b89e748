import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { createCyclicModel, createScriptedBackend, createThinkingScript } from './index';
import { testBackend } from './vitest/index';

const tokenizer = await qwen25Tokenizer();
const counting = createThinkingScript({
  tokenizer,
  thoughts: ['\nOne, two, three, four, five, six, seven, eight, nine, ten.\n'],
  answer: 'Done.',
});

for (const variant of ['both', 'stepping', 'segments'] as const) {
  testBackend({
    name: `scripted (${variant})`,
    create: () => createScriptedBackend({ model: counting, tokenizer, variant }),
  });
}

testBackend({
  name: 'scripted cyclic model',
  create: () =>
    createScriptedBackend({
      model: createCyclicModel(tokenizer.encode(' one two three')),
      tokenizer,
    }),
});
