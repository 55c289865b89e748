import type { z } from 'zod';

interface SchemaDefinition {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: readonly z.ZodType[];
  getter?: () => z.ZodType;
}

const definitionOf = (schema: z.ZodType) => schema._zod.def as unknown as SchemaDefinition;

/**
 * The keys the object schema at `path` inside `schema` knows, looking through wrappers (optional,
 * default, pipe, lazy…), arrays and the object options of unions; empty where there is no object.
 */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  // Each step goes into a wrapper or one level down the path, so the walk ends.
  const visit = (current: z.ZodType, depth: number): void => {
    const definition = definitionOf(current);
    const inner = definition.innerType ?? definition.in ?? definition.getter?.();
    if (inner !== undefined) {
      visit(inner, depth);
      return;
    }
    for (const option of definition.options ?? []) visit(option, depth);
    if (depth === path.length) {
      for (const key of Object.keys(definition.shape ?? {})) keys.add(key);
      return;
    }
    const step = path[depth];
    const next =
      definition.type === 'array' && typeof step === 'number'
        ? definition.element
        : definition.shape?.[String(step)];
    if (next !== undefined) visit(next, depth + 1);
  };
  visit(schema, 0);
  return [...keys];
}
