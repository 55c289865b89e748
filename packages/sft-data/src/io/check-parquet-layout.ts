import { type FileMetaData, parquetSchema, type SchemaTree } from 'hyparquet';
import { damagedParquetError } from './damaged-parquet-error';

/**
 * Checks the column layout the footer describes before any column is read: names unique among
 * siblings in the schema, and in each row group a row count and exactly one column chunk per
 * leaf column. hyparquet starts reading every chunk of a row group at once but waits only for
 * the chunks the schema leads it to, so a chunk it cannot place (a damaged path, a duplicate)
 * would be read with nothing waiting for it, and its failure would be an unhandled rejection.
 */
export function checkParquetLayout(file: string, metadata: FileMetaData): void {
  const fail = (problem: string): never => {
    throw damagedParquetError(file, `not a valid Parquet file: ${problem}`);
  };
  const leaves = leafColumns(parquetSchema(metadata), fail);
  for (const [index, rowGroup] of metadata.row_groups.entries()) {
    const rows = rowGroup.num_rows;
    if (!(typeof rows === 'bigint' || Number.isSafeInteger(rows)) || rows < 0) {
      fail(`row group ${index} has ${String(rows)} rows`);
    }
    const unread = new Map(leaves);
    for (const chunk of rowGroup.columns) {
      const path = chunk.meta_data?.path_in_schema;
      const key = JSON.stringify(path);
      if (unread.delete(key)) continue;
      const name = JSON.stringify(path?.join('.') ?? null);
      fail(
        leaves.has(key)
          ? `row group ${index} has two column chunks for ${name}`
          : `row group ${index} has a column chunk for ${name}, a column the schema does not have`,
      );
    }
    for (const name of unread.values())
      fail(`row group ${index} has no column chunk for "${name}"`);
  }
}

/** The leaf columns of `schema`, by their path as JSON, each with its dotted name. */
function leafColumns(schema: SchemaTree, fail: (reason: string) => never): Map<string, string> {
  const leaves = new Map<string, string>();
  const pending = [schema];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const names = node.children.map((child) => child.element.name);
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated !== undefined)
      fail(`the schema has two columns named "${node.path.concat(repeated).join('.')}"`);
    if (node.children.length === 0 && node !== schema)
      leaves.set(JSON.stringify(node.path), node.path.join('.'));
    pending.push(...node.children);
  }
  return leaves;
}
