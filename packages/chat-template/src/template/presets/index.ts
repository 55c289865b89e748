import type { SpecialTokens } from '../special-tokens';
import { qwen25ChatTemplate } from './qwen2-5';
import { s1ChatTemplate } from './s1';

// Qwen2.5-Instruct's special tokens (tokenizer_config.json): no BOS, <|im_end|> ends a turn.
const qwen25SpecialTokens: SpecialTokens = {
  eos_token: '<|im_end|>',
  pad_token: '<|endoftext|>',
  additional_special_tokens: [
    '<|im_start|>',
    '<|im_end|>',
    '<|object_ref_start|>',
    '<|object_ref_end|>',
    '<|box_start|>',
    '<|box_end|>',
    '<|quad_start|>',
    '<|quad_end|>',
    '<|vision_start|>',
    '<|vision_end|>',
    '<|vision_pad|>',
    '<|image_pad|>',
    '<|video_pad|>',
  ],
};

/**
 * The bundled chat templates, with Qwen2.5-Instruct's special tokens: `qwen2.5` (Qwen2.5-Instruct's
 * template) and `s1` (the template of the s1 models).
 */
export const chatTemplatePresets = {
  /** Qwen2.5-Instruct's chat template. */
  'qwen2.5': {
    /** The Jinja source. */
    template: qwen25ChatTemplate,
    /** Qwen2.5-Instruct's special tokens. */
    specialTokens: qwen25SpecialTokens,
  },
  /** The s1 models' chat template. */
  s1: {
    /** The Jinja source. */
    template: s1ChatTemplate,
    /** Qwen2.5-Instruct's special tokens. */
    specialTokens: qwen25SpecialTokens,
  },
} as const satisfies Record<string, { template: string; specialTokens: SpecialTokens }>;

/** Names of the bundled chat templates. */
export type ChatTemplatePresetName = keyof typeof chatTemplatePresets;
