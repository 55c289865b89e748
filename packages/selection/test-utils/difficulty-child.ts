// Computes the fixture's difficulty features against the loopback servers named on the command
// line, through a call cache, and writes them to a file; the resume test SIGKILLs it mid-run.
import { writeFile } from 'node:fs/promises';
import { createOpenAICompatibleBackend } from '@s1/budget-forcing/openai';
import { createCallCache } from '../src/cache/create-call-cache';
import { createBackendSolver } from '../src/difficulty/create-backend-solver';
import { createLlmGrader } from '../src/difficulty/create-llm-grader';
import { difficultyFeatures } from '../src/difficulty/difficulty-features';
import { fixtureAccessors, fixtureItems } from './difficulty-fixture';
import { qwen25Tokenizer } from './qwen25';

const [cacheFolder, output, qwen7bURL, qwen32bURL, graderURL] = process.argv.slice(2) as string[];
const tokenizer = await qwen25Tokenizer();
const cache = createCallCache<string>(cacheFolder as string);
// Stalled requests are left for the parent to kill us on, not retried.
const retry = { timeoutMs: 60_000, initialDelayMs: 5, maxDelayMs: 20 };
const backend = (baseURL: string, model: string) =>
  createOpenAICompatibleBackend({ baseURL, model, tokenizer, retry });

const features = await difficultyFeatures(fixtureItems, {
  solvers: {
    qwen7b: createBackendSolver({ backend: backend(qwen7bURL as string, 'qwen7b'), cache }),
    qwen32b: createBackendSolver({ backend: backend(qwen32bURL as string, 'qwen32b'), cache }),
  },
  grader: createLlmGrader({ backend: backend(graderURL as string, 'judge'), cache }),
  accessors: fixtureAccessors,
  concurrency: 2,
});
await writeFile(output as string, JSON.stringify(features));
