import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tooling/tsup-library.ts';

export default defineConfig(
  libraryBuild(
    {
      index: 'src/index.ts',
      'openai/index': 'src/openai/index.ts',
      'testing/index': 'src/testing/index.ts',
      'testing/vitest/index': 'src/testing/vitest/index.ts',
      'onnxruntime/index': 'src/onnxruntime/index.ts',
      'llama-cpp/index': 'src/llama-cpp/index.ts',
      'transformers/index': 'src/transformers/index.ts',
      'ai-sdk/index': 'src/ai-sdk/index.ts',
    },
    // The conformance suite (testing/vitest) registers tests with the caller's vitest; runtimes
    // are the user's.
    { external: ['vitest', 'onnxruntime-node', 'node-llama-cpp', '@huggingface/transformers'] },
  ),
);
