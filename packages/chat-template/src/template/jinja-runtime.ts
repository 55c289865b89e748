import { Environment, type Template } from '@huggingface/jinja';
import { boundedRange } from './bounded-range';
import { GuardedInterpreter } from './guarded-interpreter';
import { RenderBudget } from './render-budget';
import type { ResolvedRenderLimits } from './render-limits';

/**
 * Renders a parsed template with our own globals, within `limits`. `Template.render` installs
 * fixed `raise_exception` and `strftime_now` globals that variables cannot replace, and an
 * unbounded `range`, so this builds the environment itself: Jinja's constants, `range`, then
 * the caller's variables.
 */
export function renderTemplate(
  template: Template,
  variables: Record<string, unknown>,
  limits: ResolvedRenderLimits,
): string {
  const budget = new RenderBudget(limits);
  const environment = new Environment();
  const globals: Record<string, unknown> = {
    true: true,
    false: false,
    none: null,
    True: true,
    False: false,
    None: null,
    range: boundedRange(budget),
  };
  for (const [name, value] of Object.entries({ ...globals, ...variables })) {
    environment.set(name, value);
  }
  return new GuardedInterpreter(environment, budget).run(template.parsed).value as string;
}
