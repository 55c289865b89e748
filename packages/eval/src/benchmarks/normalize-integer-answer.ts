/**
 * The AIME gold as the s1 harness compares it (`process_results` in
 * `eval/lm-evaluation-harness/lm_eval/tasks/aime/utils.py` of github.com/simplescaling/s1): a
 * digit string loses its leading
 * zeros (`"073"` → `"73"`, Python's `str(int(answer))`); anything else is kept as written.
 *
 * @example
 * ```ts
 * normalizeIntegerAnswer('073'); // '73'
 * normalizeIntegerAnswer(204); // '204'
 * normalizeIntegerAnswer('-5'); // '-5' (not a digit string)
 * ```
 */
export function normalizeIntegerAnswer(answer: string | number): string {
  const text = String(answer);
  // BigInt keeps digit strings of any length exact, as Python's int does.
  return /^[0-9]+$/.test(text) ? BigInt(text).toString() : text;
}
