import {
  type ChatMessage,
  type ChatTemplate,
  createChatTemplate,
  formatAssistantTurn,
  type ReasoningFormat,
  type ReasoningFormatName,
} from '@s1/chat-template';
import type { SftRecord } from '../records/s1k-schemas';
import { type S1K11Traces, toSftRecord } from '../records/to-sft-record';

/** Options of {@link formatS1}. */
export interface FormatOptions {
  /** Renders the conversation. @default the Qwen2.5 chat template, as s1 trains with */
  template?: ChatTemplate | undefined;
  /** How thinking and answer are delimited. @default 's1' */
  format?: ReasoningFormatName | ReasoningFormat | undefined;
  /** A system prompt; without one the template writes its default (Qwen's). */
  system?: string | undefined;
  /** For s1K-1.1 rows. @default 'deepseek' */
  traces?: S1K11Traces | undefined;
}

let qwen25: ChatTemplate | undefined;
const defaultTemplate = () => {
  qwen25 ??= createChatTemplate({ preset: 'qwen2.5' });
  return qwen25;
};

/** The conversation of one record: optional system prompt, the question, the assistant turn. */
export function trainingMessages(
  record: SftRecord,
  options: Pick<FormatOptions, 'format' | 'system'> = {},
): ChatMessage[] {
  const system = options.system ?? record.system;
  return [
    ...(system === undefined ? [] : [{ role: 'system', content: system }]),
    { role: 'user', content: record.question },
    {
      role: 'assistant',
      content: formatAssistantTurn(
        { thinking: record.thinking, answer: record.answer },
        options.format,
      ),
    },
  ];
}

/**
 * The training text of one record. With no options it is exactly the `text` column of
 * `simplescaling/s1K_tokenized`, as s1's `data/tokenization.py` (github.com/simplescaling/s1)
 * builds it: Qwen2.5's default system prompt, the question,
 * and `<|im_start|>think\n…\n<|im_start|>answer\nAnswer: …<|im_end|>\n`.
 *
 * @example
 * formatS1(s1KRow);                                // s1K: the Gemini traces
 * formatS1(s1K11Row);                              // s1K-1.1: the DeepSeek-R1 traces
 * formatS1({ question, thinking, answer }, { format: 'think-tags' });
 */
export function formatS1(record: unknown, options: FormatOptions = {}): string {
  const sftRecord = toSftRecord(record, { traces: options.traces });
  const template = options.template ?? defaultTemplate();
  return template.render(trainingMessages(sftRecord, options));
}
