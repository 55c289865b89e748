import { z } from 'zod';

/**
 * A strict object schema over `Shape`. Declaring a schema with this type, and naming the shape
 * through `typeof`, keeps the TSDoc of the shape's properties in declaration files, where the
 * inferred type of a schema drops it.
 */
export type StrictSchema<Shape extends z.core.$ZodShape> = z.ZodObject<Shape, z.core.$strict>;

/** The options type that a strict object schema over `Shape` accepts, with the shape's TSDoc. */
export type OptionsOf<Shape extends z.core.$ZodShape> = z.input<StrictSchema<Shape>>;

/**
 * A function option; zod can check only that it is one, so its signature is given as `Fn`;
 * `what` names it in the message.
 */
export function functionSchema<Fn>(what = 'a function') {
  return z.custom<Fn>((value) => typeof value === 'function', `must be ${what}`);
}

/**
 * An object option that zod cannot describe (a module, a class instance, a structural interface
 * checked where it is used); `what` names it in the message.
 */
export function objectSchema<Value>(what: string) {
  return z.custom<Value>((value) => typeof value === 'object' && value !== null, `must be ${what}`);
}
