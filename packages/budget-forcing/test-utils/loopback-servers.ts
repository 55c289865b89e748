import { afterEach } from 'vitest';
import {
  createThinkingScript,
  type ScriptedModel,
  startVllmCompatibleServer,
} from '../src/testing/index';
import { qwen25Tokenizer } from './qwen25';

/** What the served model thinks about 17 × 3, round by round, before answering "The answer is 51." */
export const thoughts = ['\nFirst, 17 × 3 = 51.\n', ' Check: 50 + 1 = 51.\n', ' Sure.\n'];

type Faults = Parameters<typeof startVllmCompatibleServer>[0]['faults'];

/**
 * Returns a starter of loopback vLLM-compatible servers over the thinking script, or `model` (the
 * real Qwen2.5 tokenizer), and closes the servers a test started after it.
 */
export function loopbackServers() {
  const started: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });
  return async (faults?: Faults, options: { maxModelLen?: number; model?: ScriptedModel } = {}) => {
    const { maxModelLen } = options;
    const tokenizer = await qwen25Tokenizer();
    const model =
      options.model ?? createThinkingScript({ tokenizer, thoughts, answer: 'The answer is 51.' });
    const server = await startVllmCompatibleServer({ model, tokenizer, faults, maxModelLen });
    started.push(server);
    return server;
  };
}
