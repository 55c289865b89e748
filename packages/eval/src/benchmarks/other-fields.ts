/** The fields of `row` other than `used`, for `BenchmarkProblem.meta`. */
export function otherFields(
  row: Record<string, unknown>,
  used: readonly string[],
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !used.includes(key)));
}
