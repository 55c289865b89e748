import { z } from 'zod';

const contentPartSchema = z.looseObject({
  /** The part's kind, e.g. `text` (with `text`) or `image`. */
  type: z.string().min(1),
});

const messageContentSchema = z.union([z.string(), z.array(contentPartSchema), z.null()], {
  error: 'content must be a string, a list of content parts ({ type: "text", text }), or null',
});

const functionCallSchema = z.looseObject({
  /** The function's name. */
  name: z.string().min(1),
  /** An object, or a JSON string as OpenAI-style APIs return it. */
  arguments: z.union([z.record(z.string(), z.unknown()), z.string()]),
});

// Templates accept `{ function: { name, arguments } }` (OpenAI style) and bare `{ name, arguments }`.
const toolCallSchema = z.union([
  z.looseObject({
    /** The call's id, which the tool message's `tool_call_id` answers. */
    id: z.string().optional(),
    /** Always `function`. */
    type: z.literal('function').optional(),
    /** The function called and its arguments. */
    function: functionCallSchema,
  }),
  functionCallSchema,
]);

const roleSchema = z
  .string()
  .regex(
    /^[A-Za-z][\w-]*$/,
    'role must be an identifier such as "system", "user", "assistant" or "tool"',
  );

/**
 * One chat message, as Hugging Face `apply_chat_template` receives it. Unknown fields are kept
 * and reach the template, because templates read fields such as `name` or `tool_call_id`.
 * `reasoning_content` holds an assistant turn's thinking (the convention of vLLM and of the
 * Qwen3 / DeepSeek-R1 templates); the `s1` preset renders it in the s1 think/answer format.
 */
export const chatMessageSchema = z
  .looseObject({
    /** Who speaks: an identifier such as `system`, `user`, `assistant` or `tool`. */
    role: roleSchema,
    /**
     * The text, a list of content parts (`{ type: 'text', text }`), or null; a tool message needs
     * text.
     */
    content: messageContentSchema.optional(),
    /** An assistant turn's thinking (assistant messages only). */
    reasoning_content: z.string().optional(),
    /** The tools an assistant turn calls (assistant messages only). */
    tool_calls: z.array(toolCallSchema).optional(),
  })
  .superRefine((message, context) => {
    if (message.tool_calls !== undefined && message.role !== 'assistant') {
      context.addIssue({
        code: 'custom',
        path: ['tool_calls'],
        message: `only assistant messages carry tool_calls (this one has role "${message.role}")`,
      });
    }
    if (message.reasoning_content !== undefined && message.role !== 'assistant') {
      context.addIssue({
        code: 'custom',
        path: ['reasoning_content'],
        message: `only assistant messages carry reasoning_content (this one has role "${message.role}")`,
      });
    }
    if (message.role === 'tool' && typeof message.content !== 'string') {
      context.addIssue({
        code: 'custom',
        path: ['content'],
        message: 'a tool message needs string content (the tool result)',
      });
    }
  });

export const chatMessagesSchema = z
  .array(chatMessageSchema)
  .min(1, 'at least one message is needed');

/**
 * One chat message, as Hugging Face `apply_chat_template` receives it: a `role`, its `content`,
 * and for assistant turns `reasoning_content` and `tool_calls`. Other fields are kept and reach
 * the template (`name`, `tool_call_id`, …).
 *
 * @useDeclaredType
 */
export type ChatMessage = z.input<typeof chatMessageSchema>;
/**
 * A tool call of an assistant message: OpenAI style `{ id?, type?: 'function', function: { name,
 * arguments } }` or bare `{ name, arguments }`; `arguments` is an object or a JSON string.
 *
 * @useDeclaredType
 */
export type ToolCall = z.input<typeof toolCallSchema>;

/** A tool definition in the JSON-schema form templates expect (`{ type: 'function', function: {...} }`). */
export const toolDefinitionSchema = z.record(z.string(), z.unknown());
/**
 * A tool definition in the JSON-schema form templates expect (`{ type: 'function', function: {...} }`).
 *
 * @useDeclaredType
 */
export type ToolDefinition = z.input<typeof toolDefinitionSchema>;

/** A retrieval document for RAG templates, usually `{ title, text }`. */
export const documentSchema = z.record(z.string(), z.unknown());
/**
 * A retrieval document for RAG templates, usually `{ title, text }`.
 *
 * @useDeclaredType
 */
export type ChatDocument = z.input<typeof documentSchema>;
