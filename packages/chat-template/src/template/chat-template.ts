import { Template } from '@huggingface/jinja';
import { validate } from '@s1/errors';
import strftime from 'strftime';
import { z } from 'zod';
import { TemplateError } from '../errors/template-error';
import {
  type ChatDocument,
  type ChatMessage,
  chatMessagesSchema,
  documentSchema,
  type ToolDefinition,
  toolDefinitionSchema,
} from '../messages/chat-message';
import { cutAfterFinalMessage } from './continue-final-message';
import {
  extractMarkedSpans,
  generationEndVariable,
  generationStartVariable,
  hasGenerationBlocks,
  markGenerationBlocks,
  pickMarkers,
  type TextSpan,
} from './generation-blocks';
import { renderTemplate } from './jinja-runtime';
import { instrumentTemplate, lineProbeVariable, locateSyntaxError } from './locate-template-error';
import { type RenderLimits, type ResolvedRenderLimits, resolveRenderLimits } from './render-limits';
import type { SpecialTokens } from './special-tokens';

/**
 * Options of `ChatTemplate.render`, named as in Hugging Face `apply_chat_template`. Any other key
 * is passed to the template as a variable (e.g. `enable_thinking`, `start_thinking`).
 */
export interface RenderOptions {
  /** Tool definitions (JSON schema form); the template sees `tools`. */
  tools?: ToolDefinition[] | undefined;
  /** Documents for retrieval-augmented templates; the template sees `documents`. */
  documents?: ChatDocument[] | undefined;
  /** Append the header of a new assistant turn. @default false */
  addGenerationPrompt?: boolean | undefined;
  /**
   * Leave the final message open so generation continues it: the text is cut right after its
   * content. Cannot be combined with `addGenerationPrompt`. @default false
   */
  continueFinalMessage?: boolean | undefined;
  [variable: string]: unknown;
}

const renderOptionsSchema = z
  .looseObject({
    tools: z.array(toolDefinitionSchema).optional(),
    documents: z.array(documentSchema).optional(),
    addGenerationPrompt: z.boolean().optional(),
    continueFinalMessage: z.boolean().optional(),
  })
  .refine((options) => !(options.addGenerationPrompt && options.continueFinalMessage), {
    message:
      'addGenerationPrompt and continueFinalMessage cannot both be true: use addGenerationPrompt to start a new assistant turn, continueFinalMessage to extend the last one',
  });

/** A compiled chat template. Create one with `createChatTemplate` or `loadChatTemplate`. */
export interface ChatTemplate {
  /** Where the template came from (a preset name or a file), used in error messages. */
  readonly name: string;
  /** The Jinja source; for the list-of-named-templates form, the source of `default`. */
  readonly source: string;
  /** Names of all templates when the source holds several (`default`, `tool_use`, …). */
  readonly templateNames: readonly string[];
  /** Special-token variables passed to the template (`bos_token`, `eos_token`, …). */
  readonly specialTokens: Readonly<SpecialTokens>;
  /** Whether the template marks assistant output with `{% generation %}` blocks. */
  readonly hasGenerationBlocks: boolean;
  /** Renders the messages to the prompt text. */
  render(messages: readonly ChatMessage[], options?: RenderOptions): string;
  /**
   * Renders like `render` and also returns the character spans of the `{% generation %}`
   * blocks (empty when the template has none).
   */
  renderWithGenerationSpans(
    messages: readonly ChatMessage[],
    options?: RenderOptions,
  ): {
    /** The rendering, as `render` returns it. */
    text: string;
    /** Character ranges of the `{% generation %}` blocks in `text`, in order. */
    generationSpans: TextSpan[];
  };
}

/** How a chat template is compiled: which named template, the clock, the render limits. */
export interface CompileOptions {
  /** Which of several named templates to use; by default `tool_use` when tools are given, else `default`. */
  templateName?: string | undefined;
  /** The clock behind `strftime_now`. @default () => new Date() */
  now?: (() => Date) | undefined;
  /**
   * Bounds on each render (loop iterations, string length, nesting, time), so that a template
   * from an untrusted model folder fails with a `TemplateError` instead of hanging or crashing
   * the process. The defaults never bother a real chat template.
   */
  limits?: RenderLimits | undefined;
}

interface CompiledSource {
  source: string;
  template: Template;
  marked: Template | undefined;
  instrumented: Template | undefined;
}

export function compileChatTemplate({
  name,
  templates,
  specialTokens,
  templateName,
  now = () => new Date(),
  limits,
}: {
  name: string;
  templates: ReadonlyMap<string, string>;
  specialTokens: SpecialTokens;
} & CompileOptions): ChatTemplate {
  const renderLimits = resolveRenderLimits(limits);
  const compiled = new Map<string, CompiledSource>();
  for (const [key, source] of templates) {
    const displayName = templateDisplayName(name, key, templates.size);
    compiled.set(key, {
      source,
      template: parseTemplate(source, displayName),
      marked: hasGenerationBlocks(source) ? parseMarkedTemplate(source, displayName) : undefined,
      instrumented: undefined,
    });
  }

  const pick = (options: RenderOptions): [string, CompiledSource] => {
    const key =
      templateName ??
      (options.tools !== undefined && compiled.has('tool_use') ? 'tool_use' : 'default');
    const chosen = compiled.get(key);
    if (chosen === undefined) {
      throw new TemplateError({
        phase: 'render',
        templateName: name,
        line: undefined,
        lineText: undefined,
        reason: `there is no template named "${key}" (available: ${[...compiled.keys()].join(', ')}); pass templateName`,
      });
    }
    return [key, chosen];
  };

  const renderDetailed = (
    messages: readonly ChatMessage[],
    options: RenderOptions,
    withSpans: boolean,
  ) => {
    const validMessages = validate(chatMessagesSchema, messages, 'messages');
    const validOptions = validate(renderOptionsSchema, options, 'render options');
    const { tools, documents, addGenerationPrompt, continueFinalMessage, ...variables } =
      validOptions;
    const [key, chosen] = pick(validOptions);
    const displayName = templateDisplayName(name, key, compiled.size);
    const context: Record<string, unknown> = {
      strftime_now: (format: string) => strftime(format, now()),
      raise_exception: (message: unknown) => {
        throw new RaisedByTemplate(String(message));
      },
      ...specialTokens,
      ...variables,
      messages: validMessages,
      tools: tools ?? null,
      documents: documents ?? null,
      add_generation_prompt: addGenerationPrompt ?? false,
    };

    let text: string;
    let generationSpans: TextSpan[] = [];
    try {
      if (chosen.marked === undefined || !withSpans) {
        text = renderTemplate(chosen.template, context, renderLimits);
      } else {
        const markers = pickMarkers(JSON.stringify(context) + chosen.source);
        const marked = renderTemplate(
          chosen.marked,
          {
            ...context,
            [generationStartVariable]: markers.start,
            [generationEndVariable]: markers.end,
          },
          renderLimits,
        );
        ({ text, spans: generationSpans } = extractMarkedSpans(marked, markers));
      }
    } catch (error) {
      throw renderError(error, chosen, context, displayName, renderLimits);
    }

    if (continueFinalMessage) {
      const finalMessage = validMessages[validMessages.length - 1] as ChatMessage;
      const cut = cutAfterFinalMessage(text, finalMessage);
      if ('error' in cut) {
        throw new TemplateError({
          phase: 'render',
          templateName: displayName,
          line: undefined,
          lineText: undefined,
          reason: `continueFinalMessage: ${cut.error}`,
        });
      }
      text = cut.text;
      generationSpans = generationSpans
        .filter((span) => span.start < text.length)
        .map((span) => ({ start: span.start, end: Math.min(span.end, text.length) }));
    }
    return { text, generationSpans };
  };

  const defaultSource = compiled.get('default') ?? [...compiled.values()][0];
  return {
    name,
    source: defaultSource?.source ?? '',
    templateNames: [...compiled.keys()],
    specialTokens,
    hasGenerationBlocks: [...compiled.values()].some((entry) => entry.marked !== undefined),
    render: (messages, options = {}) => renderDetailed(messages, options, false).text,
    renderWithGenerationSpans: (messages, options = {}) => renderDetailed(messages, options, true),
  };
}

class RaisedByTemplate extends Error {}

function templateDisplayName(name: string, key: string, count: number): string {
  return count > 1 ? `${name} [${key}]` : name;
}

function parseTemplate(source: string, displayName: string): Template {
  try {
    return new Template(source);
  } catch (error) {
    throw syntaxError(source, source, displayName, error, '');
  }
}

// The template with its `{% generation %}` tags as blocks. A tag where no block can stand (inside
// an expression or another tag) leaves the template parseable as text, but not as a block.
function parseMarkedTemplate(source: string, displayName: string): Template {
  const marked = markGenerationBlocks(source);
  try {
    return new Template(marked);
  } catch (error) {
    throw syntaxError(
      marked,
      source,
      displayName,
      error,
      ' (with its {% generation %} and {% endgeneration %} tags read as blocks); put each of these tags where a block tag can stand, not inside an expression or another tag',
    );
  }
}

// `parsed` has the lines of `source` (markGenerationBlocks keeps them), so a line found in one
// is shown from the other.
function syntaxError(
  parsed: string,
  source: string,
  displayName: string,
  error: unknown,
  advice: string,
): TemplateError {
  const reason = error instanceof Error ? error.message : String(error);
  const line = locateSyntaxError(parsed, reason);
  return new TemplateError({
    phase: 'syntax',
    templateName: displayName,
    line,
    lineText: line === undefined ? undefined : source.split('\n')[line - 1],
    reason: reason + advice,
    cause: error,
  });
}

// Replays the failing render on an instrumented copy of the template to find the line of the
// last tag that ran before the error. The replay gets a tenth of the time limit, so a render
// that ran out of time costs 1.1 times the limit, not twice; a replay that runs out of time
// too stops inside the same spinning loop or recursion, which is the line to name.
function renderError(
  error: unknown,
  compiled: CompiledSource,
  context: Record<string, unknown>,
  displayName: string,
  limits: ResolvedRenderLimits,
): TemplateError {
  const reason =
    error instanceof RaisedByTemplate
      ? `the template raised an exception: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
  let line: number | undefined;
  try {
    compiled.instrumented ??= new Template(instrumentTemplate(compiled.source));
    renderTemplate(
      compiled.instrumented,
      {
        ...context,
        [lineProbeVariable]: (probeLine: number) => {
          line = probeLine;
          return false;
        },
      },
      { ...limits, timeoutMs: Math.ceil(limits.timeoutMs / 10) },
    );
    line = undefined; // the replay did not fail, so its last line says nothing
  } catch {
    // expected: the replay fails where the original did
  }
  return new TemplateError({
    phase: 'render',
    templateName: displayName,
    line,
    lineText: line === undefined ? undefined : compiled.source.split('\n')[line - 1],
    reason,
    cause: error,
  });
}
