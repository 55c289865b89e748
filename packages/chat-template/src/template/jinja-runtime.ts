import { Environment, Interpreter, type Template } from '@huggingface/jinja';

/**
 * Renders a parsed template with our own globals. `Template.render` installs fixed
 * `raise_exception` and `strftime_now` globals that variables cannot replace, so this builds the
 * environment itself: Jinja's constants, `range`, then the caller's variables.
 */
export function renderTemplate(template: Template, variables: Record<string, unknown>): string {
  const environment = new Environment();
  const globals: Record<string, unknown> = {
    true: true,
    false: false,
    none: null,
    True: true,
    False: false,
    None: null,
    range: pythonRange,
  };
  for (const [name, value] of Object.entries({ ...globals, ...variables })) {
    environment.set(name, value);
  }
  return new Interpreter(environment).run(template.parsed).value as string;
}

function pythonRange(start: number, stop?: number, step = 1): number[] {
  const [from, to] = stop === undefined ? [0, start] : [start, stop];
  if (step === 0) throw new Error('range() arg 3 must not be zero');
  const values: number[] = [];
  for (let value = from; step > 0 ? value < to : value > to; value += step) values.push(value);
  return values;
}
