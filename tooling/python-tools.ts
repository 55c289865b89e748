import { spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';

// Tests against Python references (Jinja2, NumPy, the fixture scripts) need python3 and some
// modules. Where they are missing such a test is skipped on a developer's machine, but fails in CI
// (`CI` set), so that a CI machine without them cannot silently test less.

const probes = new Map<string, string | undefined>();

/** Why python3 cannot import `modules` here (with how to install them), or undefined when it can. */
export function missingPython(modules: readonly string[]): string | undefined {
  const key = modules.join(',');
  if (!probes.has(key)) probes.set(key, probe(modules));
  return probes.get(key);
}

function probe(modules: readonly string[]): string | undefined {
  const source = modules.length === 0 ? 'pass' : `import ${modules.join(', ')}`;
  const result = spawnSync('python3', ['-c', source], { encoding: 'utf8' });
  if (result.error !== undefined) {
    return `python3 is not on PATH (${result.error.message}): install Python 3.11 or newer (apt-get install python3)`;
  }
  if (result.status === 0) return undefined;
  const reason = result.stderr.trim().split('\n').at(-1);
  return `python3 cannot import ${modules.join(', ')} (${reason}): install with python3 -m pip install ${modules.join(' ')}`;
}

function inCI(): boolean {
  const flag = process.env.CI;
  return flag !== undefined && flag !== '' && flag !== 'false' && flag !== '0';
}

function requirementName(modules: readonly string[]): string {
  return modules.length === 0 ? 'python3' : `python3 with ${modules.join(', ')}`;
}

function failure(missing: string): () => never {
  return () => {
    throw new Error(`${missing}. CI must run every test against a Python reference.`);
  };
}

/**
 * A `describe` block whose tests run python3 with `modules`. Where they are missing it is
 * skipped, or, under CI, replaced by one failing test that says what to install.
 */
export function describeWithPython(
  modules: readonly string[],
  name: string,
  body: () => void,
): void {
  const missing = missingPython(modules);
  if (missing === undefined) describe(name, body);
  else if (inCI()) {
    describe(name, () => it(`needs ${requirementName(modules)}`, failure(missing)));
  } else describe.skip(`${name} (needs ${requirementName(modules)})`, body);
}

/** One test that runs python3 with `modules`; skipped or failing where they are missing, as above. */
export function itWithPython(
  modules: readonly string[],
  name: string,
  test: () => Promise<void> | void,
  timeout?: number,
): void {
  const missing = missingPython(modules);
  if (missing === undefined) it(name, test, timeout);
  else if (inCI()) it(`${name} (needs ${requirementName(modules)})`, failure(missing));
  else it.skip(`${name} (needs ${requirementName(modules)})`, test);
}
