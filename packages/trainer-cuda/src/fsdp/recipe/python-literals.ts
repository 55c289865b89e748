/** A finite number as a Python float literal: `1e-5` → `0.00001`, `1` → `1.0`. */
export function pythonFloat(value: number): string {
  const text = String(value);
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}

export function pythonBool(value: boolean): string {
  return value ? 'True' : 'False';
}

/** JSON's string escapes (`\"`, `\\`, `\n`, `\uXXXX`) mean the same in Python's string literals. */
export function pythonString(value: string): string {
  return JSON.stringify(value);
}
