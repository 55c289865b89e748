import { startVllmCompatibleServer } from '@s1/budget-forcing/testing';
import { afterEach } from 'vitest';
import { answeringModel, gradingModel, solverAnswers } from './difficulty-fixture';
import { qwen25Tokenizer } from './qwen25';

type Faults = Parameters<typeof startVllmCompatibleServer>[0]['faults'];
type Server = Awaited<ReturnType<typeof startVllmCompatibleServer>>;

/** Loopback vLLM-compatible servers for each solver of the fixture and for the grader. */
export interface DifficultyServers {
  qwen7b: Server;
  qwen32b: Server;
  grader: Server;
}

/**
 * Returns a starter of the fixture's loopback servers (the real Qwen2.5 tokenizer), and closes
 * the servers a test started after it.
 */
export function difficultyServers() {
  const started: Server[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });
  return async (faults?: Faults): Promise<DifficultyServers> => {
    const tokenizer = await qwen25Tokenizer();
    const start = async (
      servedModelName: string,
      model: Parameters<typeof startVllmCompatibleServer>[0]['model'],
    ) => {
      const server = await startVllmCompatibleServer({ model, tokenizer, faults, servedModelName });
      started.push(server);
      return server;
    };
    return {
      qwen7b: await start('qwen7b', answeringModel(tokenizer, solverAnswers.qwen7b)),
      qwen32b: await start('qwen32b', answeringModel(tokenizer, solverAnswers.qwen32b)),
      grader: await start('judge', gradingModel(tokenizer)),
    };
  };
}
