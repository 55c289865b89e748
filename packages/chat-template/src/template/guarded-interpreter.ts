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
// A filter as `applyFilter` receives it: `name` or `name(args)`.
type FilterNode =
  | { type: 'Identifier'; value: string }
  | { type: 'CallExpression'; callee: { type: string; value?: string }; args: Node[] };
// The two private methods every filter, in an expression or a `{% filter %}` block, goes through.
interface FilterInternals {
  applyFilter(operand: RuntimeValue, filter: FilterNode, environment: Environment): RuntimeValue;
  evaluateArguments(
    args: Node[],
    environment: Environment,
  ): [RuntimeValue[], Map<string, RuntimeValue>];
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
    // `applyFilter` is private to the library, so it is wrapped on the instance: a library that
    // renamed it fails here, on every render, rather than leaving filters unbounded.
    const internals = this as unknown as FilterInternals;
    const applyFilter = internals.applyFilter.bind(this);
    internals.applyFilter = (operand, filter, filterEnvironment) => {
      this.checkFilterOutput(operand, filter, filterEnvironment);
      return applyFilter(operand, filter, filterEnvironment);
    };
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

  // The filters whose output a width or separator argument multiplies, counted before they run.
  // Their arguments are evaluated here and again by the filter: they are literals in practice.
  private checkFilterOutput(
    operand: RuntimeValue,
    filter: FilterNode,
    environment: Environment,
  ): void {
    if (filter.type !== 'CallExpression' || filter.callee.type !== 'Identifier') return;
    const name = filter.callee.value;
    if (name !== 'indent' && name !== 'tojson') return;
    const internals = this as unknown as FilterInternals;
    const [args, kwargs] = internals.evaluateArguments(filter.args, environment);
    if (name === 'indent') {
      const width = (args[0] ?? kwargs.get('width'))?.value;
      if (typeof operand.value !== 'string' || typeof width !== 'number') return;
      const lines = operand.value.split('\n').length;
      this.budget.checkFilterOutput(name, operand.value.length + lines * Math.max(0, width));
      return;
    }
    const indent = kwargs.get('indent')?.value;
    const separators = kwargs.get('separators')?.value;
    const [itemSeparator, keySeparator] = Array.isArray(separators)
      ? separators.map((separator: RuntimeValue) => String(separator.value).length)
      : [2, 2];
    const width = typeof indent === 'number' ? Math.max(0, indent) : 0;
    const padding = this.jsonPadding(operand, width, itemSeparator ?? 0, keySeparator ?? 0, 0);
    this.budget.checkFilterOutput(name, padding);
  }

  // The characters `tojson` adds around the items of `value`: a line break and indentation per
  // item at its depth, and separators. Stops counting past the output limit.
  private jsonPadding(
    value: RuntimeValue,
    indent: number,
    itemSeparator: number,
    keySeparator: number,
    depth: number,
  ): number {
    const items: RuntimeValue[] | undefined = Array.isArray(value.value)
      ? value.value
      : value.value instanceof Map
        ? [...value.value.values()]
        : undefined;
    if (items === undefined || items.length === 0) return 0;
    const keys = value.value instanceof Map ? items.length : 0;
    let total =
      items.length * (1 + indent * (depth + 1) + itemSeparator) +
      keys * keySeparator +
      indent * depth;
    // Each level counts towards the nesting limit, so a namespace that holds itself ends.
    this.budget.enter();
    try {
      for (const item of items) {
        this.budget.checkFilterOutput('tojson', total);
        total += this.jsonPadding(item, indent, itemSeparator, keySeparator, depth + 1);
      }
    } finally {
      this.budget.leave();
    }
    return total;
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
