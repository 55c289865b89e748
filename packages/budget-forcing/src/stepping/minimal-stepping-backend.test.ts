import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { testBackend } from '../testing/vitest/index';
import { minimalSteppingBackend } from './minimal-stepping-backend.test-support';

const tokenizer = await qwen25Tokenizer();

// The guide's example is a whole backend: segments, streaming, stops and aborts come from
// createSteppingBackend.
testBackend({
  name: 'the minimal stepping backend of the guide',
  create: () => minimalSteppingBackend(tokenizer),
});
