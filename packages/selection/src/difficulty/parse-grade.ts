/**
 * Reads the grader's verdict strictly, as s1 did: the last line must be exactly `Yes` or `No`
 * (no spaces, no punctuation, no trailing newline). Anything else gives undefined: no verdict.
 *
 * @example
 * parseGrade('The attempt gets 51, as expected.\nYes'); // true
 * parseGrade('The attempt gets 52.\nNo'); // false
 * parseGrade('Yes.'); // undefined
 */
export function parseGrade(reply: string): boolean | undefined {
  const lastLine = reply.slice(reply.lastIndexOf('\n') + 1);
  if (lastLine === 'Yes') return true;
  if (lastLine === 'No') return false;
  return undefined;
}
