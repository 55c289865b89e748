import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOpenAICompatibleBackend } from '@s1/budget-forcing/openai';
import { describe, expect, it } from 'vitest';
import { flakyGraderMark, mutedGraderMark } from '../../test-utils/difficulty-fixture';
import { difficultyServers } from '../../test-utils/difficulty-servers';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { createCallCache } from '../cache/create-call-cache';
import { createLlmGrader } from './create-llm-grader';
import { gradingSystemPrompt } from './grading-prompt';
import { parseGrade } from './parse-grade';

const servers = difficultyServers();

async function graderOnLoopback(options: { retries?: number; cacheFolder?: string } = {}) {
  const { grader: server } = await servers();
  const backend = createOpenAICompatibleBackend({
    baseURL: server.baseURL,
    model: 'judge',
    tokenizer: await qwen25Tokenizer(),
  });
  const cache =
    options.cacheFolder === undefined ? undefined : createCallCache<string>(options.cacheFolder);
  return { server, grade: createLlmGrader({ backend, retries: options.retries, cache }) };
}

describe('createLlmGrader', () => {
  it('should ask with the grading system prompt and the s1 user message, and read the verdict', async () => {
    const { server, grade } = await graderOnLoopback();
    const question = 'What is 17 x 3?';
    expect(await grade({ question, attempt: 'The answer is 51.', solution: '51' })).toBe(true);
    expect(await grade({ question, attempt: 'The answer is 52.', solution: '51' })).toBe(false);
    const [request] = server.completions();
    expect(request?.body).toMatchObject({ max_tokens: 8192, temperature: 1, seed: 0 });
    expect(request?.body.prompt).toBe(
      `<|im_start|>system\n${gradingSystemPrompt}<|im_end|>\n` +
        '<|im_start|>user\n## Problem\nWhat is 17 x 3?\n\n## Attempt\nThe answer is 51.\n\n## Correct answer\n51<|im_end|>\n' +
        '<|im_start|>assistant\n',
    );
  });

  it('should ask again with the next seed when the last line is not exactly Yes or No', async () => {
    const { server, grade } = await graderOnLoopback();
    const question = `What is 2 to the 10th power? ${flakyGraderMark}`;
    expect(await grade({ question, attempt: 'The answer is 1024.', solution: '1024' })).toBe(true);
    const calls = server.completions();
    expect(calls.map((call) => call.body.seed)).toEqual([0, 1]);
    expect(calls[0]?.body.prompt).toBe(calls[1]?.body.prompt);
    expect(parseGrade(calls[0]?.text ?? '')).toBeUndefined();
    expect(calls[0]?.text).toBe('The attempt looks right: Yes.');
  });

  it('should give null after the retries when no reply has a verdict', async () => {
    const { server, grade } = await graderOnLoopback({ retries: 2 });
    const question = `What is 1 + 1? ${mutedGraderMark}`;
    expect(await grade({ question, attempt: 'The answer is 2.', solution: '2' })).toBeNull();
    expect(server.completions().map((call) => call.body.seed)).toEqual([0, 1, 2]);
  });

  it('should give null without a call when there is no solution', async () => {
    const { server, grade } = await graderOnLoopback();
    const request = { question: 'Sort a list.', attempt: 'sorted()' };
    expect(await grade({ ...request, solution: undefined })).toBeNull();
    expect(await grade({ ...request, solution: null })).toBeNull();
    expect(server.requests).toHaveLength(0);
  });

  it('should replay cached replies, the unparsable one included, without calling again', async () => {
    const cacheFolder = await mkdtemp(join(tmpdir(), 's1-grader-'));
    const request = {
      question: `What is 2 to the 10th power? ${flakyGraderMark}`,
      attempt: 'The answer is 1000.',
      solution: '1024',
    };
    const first = await graderOnLoopback({ cacheFolder });
    expect(await first.grade(request)).toBe(false);
    const second = await graderOnLoopback({ cacheFolder });
    expect(await second.grade(request)).toBe(false);
    expect(first.server.completions()).toHaveLength(2);
    expect(second.server.requests).toHaveLength(0);
  });
});
