import { InvalidArgumentError } from '@s1/errors';
import type { SchemaElement } from 'hyparquet';

/** The Parquet value types the writer writes: strings, booleans, 32- and 64-bit ints, doubles. */
export type ParquetScalarType = 'string' | 'boolean' | 'int32' | 'int64' | 'double';
/** `list<int32>` is the type of tokenized columns (`input_ids`, `labels`, `attention_mask`). */
export type ParquetColumnType = ParquetScalarType | `list<${ParquetScalarType}>`;

/** A column of a Parquet file to write: its name and type. */
export interface ParquetColumn {
  /** The column's name (a key of the rows). */
  name: string;
  /** Its type; every value may also be null. */
  type: ParquetColumnType;
}

const int32Range = { min: -(2 ** 31), max: 2 ** 31 - 1 };

const leafElements: Readonly<Record<ParquetScalarType, Omit<SchemaElement, 'name'>>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  boolean: { type: 'BOOLEAN' },
  int32: { type: 'INT32' },
  int64: { type: 'INT64' },
  double: { type: 'DOUBLE' },
};

/**
 * The Parquet schema of `columns`, every field nullable as pyarrow writes it. Lists use the
 * standard three-level LIST layout (`<name> (LIST) { repeated group list { element } }`) that
 * pyarrow and Hugging Face `datasets` read as `list<item>`.
 */
export function parquetSchemaElements(columns: readonly ParquetColumn[]): SchemaElement[] {
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }];
  for (const { name, type } of columns) {
    const elementType = listElementType(type);
    if (elementType === undefined) {
      schema.push({
        name,
        repetition_type: 'OPTIONAL',
        ...leafElements[type as ParquetScalarType],
      });
      continue;
    }
    schema.push(
      {
        name,
        repetition_type: 'OPTIONAL',
        converted_type: 'LIST',
        logical_type: { type: 'LIST' },
        num_children: 1,
      },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', repetition_type: 'OPTIONAL', ...leafElements[elementType] },
    );
  }
  return schema;
}

function listElementType(type: ParquetColumnType): ParquetScalarType | undefined {
  return /^list<(.+)>$/.exec(type)?.[1] as ParquetScalarType | undefined;
}

/**
 * Column types for `rows`: columns in first-seen key order, each typed from all its values.
 * Integers are int32 when every value fits, else int64; other numbers are double.
 */
export function inferParquetColumns(rows: readonly Record<string, unknown>[]): ParquetColumn[] {
  const types = new Map<string, InferredType | undefined>();
  for (const [index, row] of rows.entries()) {
    for (const [name, value] of Object.entries(row)) {
      const where = { name, row: index + 1 };
      types.set(name, widen(types.get(name), typeOfValue(value, where), where));
    }
  }
  // Nulls and empty lists only leave the type open; string and int32 are the usual ones.
  return [...types].map(([name, type]) => ({
    name,
    type: type === emptyList ? 'list<int32>' : (type ?? 'string'),
  }));
}

// The type of `[]`: a list of any element type.
const emptyList = 'list<?>';
type InferredType = ParquetColumnType | typeof emptyList;

interface ValueLocation {
  name: string;
  row: number;
}

function typeOfValue(value: unknown, where: ValueLocation): InferredType | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    let elementType: InferredType | undefined;
    for (const element of value)
      elementType = widen(elementType, typeOfValue(element, where), where);
    if (elementType?.startsWith('list<')) refuse(where, 'lists of lists are not supported');
    return elementType === undefined ? emptyList : `list<${elementType as ParquetScalarType}>`;
  }
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'bigint') return 'int64';
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'double';
    return value >= int32Range.min && value <= int32Range.max ? 'int32' : 'int64';
  }
  return refuse(
    where,
    `cannot store ${typeof value === 'object' ? 'an object' : typeof value} in Parquet here; JSON.stringify it first`,
  );
}

const numberWidth: Readonly<Partial<Record<ParquetScalarType, number>>> = {
  int32: 0,
  int64: 1,
  double: 2,
};

function widen(
  current: InferredType | undefined,
  next: InferredType | undefined,
  where: ValueLocation,
): InferredType | undefined {
  if (current === undefined || next === undefined || current === next) return current ?? next;
  if (current === emptyList && next.startsWith('list<')) return next;
  if (next === emptyList && current.startsWith('list<')) return current;
  const currentElement = listElementType(current as ParquetColumnType) ?? current;
  const nextElement = listElementType(next as ParquetColumnType) ?? next;
  const bothLists = currentElement !== current && nextElement !== next;
  const bothScalars = currentElement === current && nextElement === next;
  const currentWidth = numberWidth[currentElement as ParquetScalarType];
  const nextWidth = numberWidth[nextElement as ParquetScalarType];
  if ((bothLists || bothScalars) && currentWidth !== undefined && nextWidth !== undefined) {
    const wider = currentWidth >= nextWidth ? currentElement : nextElement;
    return bothLists ? `list<${wider as ParquetScalarType}>` : wider;
  }
  return refuse(where, `mixes ${current} and ${next} values; give the column type in \`columns\``);
}

function refuse(where: ValueLocation, message: string): never {
  throw new InvalidArgumentError({
    argument: 'Parquet rows',
    issues: [{ path: `row ${where.row}.${where.name}`, message }],
  });
}

/**
 * `value` as hyparquet-writer takes it for a column of `type` (int64 as bigint), after checking
 * it fits, so a wrong value fails here with its row and column instead of being written.
 */
export function toParquetValue(
  value: unknown,
  type: ParquetColumnType,
  where: ValueLocation,
): unknown {
  if (value === null || value === undefined) return null;
  const elementType = listElementType(type);
  if (elementType !== undefined) {
    if (!Array.isArray(value)) refuse(where, `expected a list for ${type}`);
    return value.map((element) => toParquetValue(element, elementType, where));
  }
  const fits = fitsScalar(value, type as ParquetScalarType);
  if (!fits) refuse(where, `${JSON.stringify(String(value)).slice(0, 40)} does not fit ${type}`);
  return type === 'int64' ? BigInt(value as number | bigint) : value;
}

function fitsScalar(value: unknown, type: ParquetScalarType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'double':
      return typeof value === 'number';
    case 'int32':
      return (
        Number.isInteger(value) &&
        (value as number) >= int32Range.min &&
        (value as number) <= int32Range.max
      );
    case 'int64':
      return typeof value === 'bigint' || Number.isSafeInteger(value);
  }
}
