import { z } from 'zod';

/**
 * `'reference'` reproduces the s1 harness (S1-SPEC §4.2–4.5) bit for bit, quirks included;
 * `'fixed'` repairs the quirks the spec lists (§9).
 */
export type ExtractionFidelity = 'reference' | 'fixed';

export const fidelityOptionsSchema = z.strictObject({
  fidelity: z.enum(['reference', 'fixed']).optional(),
});

export interface FidelityOptions {
  /** @default 'fixed' */
  fidelity?: ExtractionFidelity | undefined;
}
