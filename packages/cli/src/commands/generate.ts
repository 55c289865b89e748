import {
  type BudgetForcingEvent,
  type BudgetForcingResult,
  createBudgetForcing,
} from '@s1/budget-forcing';
import { createOpenAICompatibleBackend } from '@s1/budget-forcing/openai';
import { type ChatMessage, loadChatTemplate, loadTokenizer, validate } from '@s1/chat-template';
import { type CliIO, dim, readAll } from '../cli-io';
import { type GenerateOptions, generateOptionsSchema } from './generate-options';

/** `s1 generate`: one budget-forced generation against an OpenAI-compatible server. */
export async function generate(rawOptions: Record<string, unknown>, io: CliIO): Promise<void> {
  const options = validate(generateOptionsSchema, rawOptions, 's1 generate options');
  const prompt =
    options.prompt ?? (io.stdin === undefined ? undefined : (await readAll(io.stdin)).trim());
  if (prompt === undefined || prompt === '') {
    throw new Error('Nothing to ask: pass --prompt "…" or pipe the prompt into standard input.');
  }
  const tokenizer =
    options.tokenizer === undefined ? undefined : await loadTokenizer(options.tokenizer);
  const template =
    options.chatTemplate === undefined
      ? undefined
      : await loadChatTemplate({ path: options.chatTemplate });
  const backend = createOpenAICompatibleBackend({
    baseURL: options.baseUrl,
    model: options.model,
    apiKey: options.apiKey ?? io.env.S1_API_KEY ?? io.env.OPENAI_API_KEY,
    server: options.server,
    tokenizer,
  });
  const controller = createBudgetForcing({
    backend,
    format: options.format,
    template,
    mode: options.mode,
    thinking: {
      max: options.maxThinking,
      min: options.minThinking,
      ignoreEnd: options.ignore,
      continuation: options.continuation,
      onBudget: options.onBudget,
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
    io.stderr.write(`warning: ${warning.feature}: ${warning.details}\n`);
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
  throw new Error('the generation stream ended without a result');
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
