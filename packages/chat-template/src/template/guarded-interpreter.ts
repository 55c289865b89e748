import { type Environment, Interpreter } from '@huggingface/jinja';
import type { RenderBudget } from './render-budget';

// @huggingface/jinja exports neither its AST classes nor its runtime values, so these are
// derived from `evaluate`, plus the two AST fields the guard reads.
type Node = NonNullable<Parameters<Interpreter['evaluate']>[0]>;
type RuntimeValue = ReturnType<Interpreter['evaluate']>;
interface ForNode {
  iterable: Node;
}
interface SelectNode {
  lhs: Node;
}

/**
 * An `Interpreter` that reports every step to a `RenderBudget`. `evaluate` is the library's one
 * public hook: every statement, expression, loop body and macro call goes through it, so
 * overriding it alone bounds nesting, time, loop iterations and the size of every string and
 * list a template builds, without touching how anything renders.
 */
export class GuardedInterpreter extends Interpreter {
  // A loop evaluates its iterable, then builds a scope per item, then runs: charging the
  // iterable's items as it is evaluated stops a long loop before it allocates anything.
  private readonly loopSources = new WeakSet<Node>();

  constructor(
    environment: Environment,
    private readonly budget: RenderBudget,
  ) {
    super(environment);
  }

  override evaluate(node: Node | undefined, environment: Environment): RuntimeValue {
    this.budget.enter();
    try {
      if (node?.type === 'For') this.loopSources.add(loopSource(node as unknown as ForNode));
      const value = super.evaluate(node, environment);
      this.inspect(value);
      if (node !== undefined && this.loopSources.has(node)) this.budget.startLoop(itemCount(value));
      return value;
    } catch (error) {
      if (error instanceof RangeError && error.message === 'Invalid string length') {
        throw this.budget.stringTooLongForJavaScript();
      }
      throw error;
    } finally {
      this.budget.leave();
    }
  }

  private inspect(value: RuntimeValue): void {
    if (typeof value.value === 'string') this.budget.checkString(value.value.length);
    else if (Array.isArray(value.value)) this.budget.checkList(value.value.length);
  }
}

// `{% for x in xs if test %}` parses its iterable as a select expression over `xs`.
function loopSource(node: ForNode): Node {
  return node.iterable.type === 'SelectExpression'
    ? (node.iterable as unknown as SelectNode).lhs
    : node.iterable;
}

function itemCount(value: RuntimeValue): number {
  if (Array.isArray(value.value)) return value.value.length;
  return value.value instanceof Map ? value.value.size : 0;
}
