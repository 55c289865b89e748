import {
  type BackendV1,
  type BudgetForcingEvent,
  type BudgetForcingResult,
  createBudgetForcing,
  segmentGenerator,
} from '@s1/budget-forcing';
import type { ChatMessage, ChatTemplate } from '@s1/chat-template';
import { InvalidStateError } from '@s1/errors';
import { type CliIO, dim, readAll } from '../cli-io';
import { parseFlags, UsageError } from '../flags';
import { watchGeneration } from '../generation-progress';
import { createCliBackend } from './create-cli-backend';
import { type GenerateOptions, generateOptionsSchema } from './generate-options';
import { loadModelFiles } from './model-files';
import { thinkingOptionsOf } from './thinking-flags';

/** `s1 generate`: one budget-forced generation, on an OpenAI-compatible server or in-process. */
export async function generate(rawOptions: Record<string, unknown>, io: CliIO): Promise<void> {
  const options = parseFlags(generateOptionsSchema, rawOptions);
  const prompt =
    options.prompt ?? (io.stdin === undefined ? undefined : (await readAll(io.stdin)).trim());
  if (prompt === undefined || prompt === '') {
    throw new UsageError(
      'Nothing to ask: pass --prompt "…" or pipe the prompt into standard input.',
    );
  }
  const { tokenizer, template } = await loadModelFiles(options);
  const backend = await createCliBackend(options, tokenizer, io);
  // Streamed text is its own progress; otherwise a long generation reports on stderr.
  const progress = options.stream ? undefined : await watchGeneration(backend, io);
  try {
    const watched = progress?.backend ?? backend;
    if (options.raw) return await rawCompletion(watched, prompt, options, io);
    await budgetForced(watched, prompt, template, options, io);
  } finally {
    progress?.stop();
    await backend.close?.();
  }
}

// The flags behind the controller options that warnings name.
const warningFlags: Record<string, string> = {
  'thinking.max': '--max-thinking',
  minTokens: 'min_tokens',
  wordBoundary: '--word-boundary',
};

async function budgetForced(
  backend: BackendV1,
  prompt: string,
  template: ChatTemplate | undefined,
  options: GenerateOptions,
  io: CliIO,
): Promise<void> {
  const controller = createBudgetForcing({
    backend,
    format: options.format,
    template,
    mode: options.mode,
    thinking: {
      ...thinkingOptionsOf(options),
      forcedEndText: options.forcedEndText,
      wordBoundary: options.wordBoundary,
    },
    answer: { maxTokens: options.maxAnswer },
    sampling: { temperature: options.temperature, topP: options.topP, seed: options.seed },
  });
  const messages: ChatMessage[] = [
    ...(options.system === undefined ? [] : [{ role: 'system', content: options.system }]),
    { role: 'user', content: prompt },
  ];

  let result: BudgetForcingResult;
  if (options.stream && !options.json) {
    result = await printStream(controller.stream({ messages }), io);
  } else {
    result = await controller.generate({ messages });
    if (!options.json) printResult(result, io);
  }
  if (options.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else io.stderr.write(`${summary(result, options)}\n`);
  for (const warning of result.warnings)
    io.stderr.write(
      `warning: ${warningFlags[warning.feature] ?? warning.feature}: ${warning.details}\n`,
    );
}

// --raw: the prompt as is, no template and no thinking control.
async function rawCompletion(
  backend: BackendV1,
  prompt: string,
  options: GenerateOptions,
  io: CliIO,
): Promise<void> {
  const result = await segmentGenerator(backend)({
    prompt: { text: prompt },
    maxTokens: options.maxTokens ?? 256,
    sampling: { temperature: options.temperature, topP: options.topP, seed: options.seed },
    onDelta: options.stream && !options.json ? ({ text }) => io.stdout.write(text) : undefined,
  });
  if (options.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else io.stdout.write(options.stream ? '\n' : `${result.text}\n`);
}

async function printStream(
  events: AsyncIterable<BudgetForcingEvent>,
  io: CliIO,
): Promise<BudgetForcingResult> {
  let answering = false;
  for await (const event of events) {
    switch (event.type) {
      case 'thinking-delta':
        io.stdout.write(dim(io, event.text));
        break;
      case 'continuation':
        io.stdout.write(dim(io, event.text));
        break;
      case 'budget-exhausted':
        io.stdout.write(dim(io, ` [budget of thinking reached at ${event.thinkingTokens} tokens]`));
        break;
      case 'answer-delta':
        // The model's own newline after the end delimiter is replaced by a blank line.
        io.stdout.write(answering ? event.text : `\n\n${event.text.replace(/^\n+/, '')}`);
        answering = true;
        break;
      case 'done':
        io.stdout.write('\n');
        return event.result;
    }
  }
  throw new InvalidStateError({ message: 'the generation stream ended without a result' });
}

function printResult(result: BudgetForcingResult, io: CliIO): void {
  io.stdout.write(`${dim(io, result.thinking)}\n\n${result.answer}\n`);
}

function summary(result: BudgetForcingResult, options: GenerateOptions): string {
  const parts = [
    `${result.thinkingTokens} thinking tokens`,
    `${result.rounds} round${result.rounds === 1 ? '' : 's'}`,
    result.hitBudget
      ? 'budget reached'
      : `thinking ended by ${result.thinkingEnd === 'eos' ? 'EOS' : 'the model'}`,
    `${result.answerTokens} answer tokens`,
    `${result.usage.requests} request${result.usage.requests === 1 ? '' : 's'}`,
    `mode ${options.mode}`,
  ];
  return parts.join(' · ');
}
