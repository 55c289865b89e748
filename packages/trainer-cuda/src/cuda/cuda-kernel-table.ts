import { z } from 'zod';
import { CudaKernelTableError } from './cuda-kernel-table-error';

/** `tensor(float)`, `seq(tensor(int64))`, `sparse_tensor(double)`: a type as OperatorKernels.md writes it. */
const typeName = z.string().regex(/^[a-z_]+\(.+\)$/);
/** `name:T` or `name:tensor(int64)`: a formal input or output and its type (constraint or literal). */
const parameter = z.string().regex(/^[^:]+:[^:]+$/);

const kernelRangeSchema = z
  .strictObject({
    since: z.number().int().positive(),
    /** The last opset of a closed range; null for "since+", which ONNX Runtime matches only exactly. */
    until: z.number().int().positive().nullable(),
    types: z.record(z.string().min(1), z.array(typeName).min(1)),
  })
  .refine((range) => range.until === null || range.until >= range.since, 'until is before since');

const signatureSchema = z.strictObject({
  inputs: z.array(parameter),
  outputs: z.array(parameter),
});

const recordSchema = z.strictObject({
  domain: z.string().min(1),
  op: z.string().regex(/^\w+$/),
  /** The doc's parameter lists: one per form the op took across its versions. */
  signatures: z.array(signatureSchema).min(1),
  kernels: z.array(kernelRangeSchema).min(1),
});

const versionsSchema = z.strictObject({
  domain: z.string().min(1),
  op: z.string().regex(/^\w+$/),
  versions: z.array(z.number().int().positive()).min(1),
});

const sourceSchema = z.strictObject({
  repository: z.string().min(1),
  revision: z.string().min(1),
  path: z.string().min(1),
  note: z.string().optional(),
});

const kernelsHeaderSchema = sourceSchema.extend({
  executionProvider: z.string().min(1),
  /** The onnxruntime-node version the list was made for. */
  onnxruntimeNode: z.string().min(1),
});

export type KernelRange = z.infer<typeof kernelRangeSchema>;
export type KernelSignature = z.infer<typeof signatureSchema>;
export type CudaKernelRecord = z.infer<typeof recordSchema>;
export type OnnxOpVersions = z.infer<typeof versionsSchema>;
export type CudaKernelsHeader = z.infer<typeof kernelsHeaderSchema>;
export type OnnxVersionsHeader = z.infer<typeof sourceSchema>;

/** The CUDA execution provider's kernels, and the ONNX operator versions that pick among them. */
export interface CudaKernelTable {
  header: CudaKernelsHeader;
  versionsHeader: OnnxVersionsHeader;
  records: readonly CudaKernelRecord[];
  /** A record by `${domain}/${op}`. */
  kernel(domain: string, op: string): CudaKernelRecord | undefined;
  /** The opsets at which ONNX defined a new version of an op; undefined where unknown. */
  versions(domain: string, op: string): readonly number[] | undefined;
}

const regenerateHint =
  'Regenerate the fixtures with packages/trainer-cuda/scripts/cuda-kernels/extract-cuda-kernels.ts (its header says how)';

/** Parses the two JSON Lines fixtures (a header line, then one record per line); `files` name them in errors. */
export function parseCudaKernelTable(
  texts: { kernels: string; versions: string },
  files = { kernels: 'cuda-kernels.jsonl', versions: 'onnx-op-versions.jsonl' },
): CudaKernelTable {
  const kernels = parseJsonLines(texts.kernels, files.kernels, kernelsHeaderSchema, recordSchema);
  const versions = parseJsonLines(texts.versions, files.versions, sourceSchema, versionsSchema);
  const byKey = indexByOp(kernels.records, files.kernels);
  const versionsByKey = indexByOp(versions.records, files.versions);
  return {
    header: kernels.header,
    versionsHeader: versions.header,
    records: kernels.records,
    kernel: (domain, op) => byKey.get(`${domain}/${op}`),
    versions: (domain, op) => versionsByKey.get(`${domain}/${op}`)?.versions,
  };
}

function parseJsonLines<Header, Record>(
  text: string,
  file: string,
  headerSchema: z.ZodType<Header>,
  recordSchema: z.ZodType<Record>,
): { header: Header; records: Record[] } {
  const lines = text
    .split('\n')
    .map((content, index) => ({ content, number: index + 1 }))
    .filter(({ content }) => content.trim() !== '');
  const parseLine = <T>({ content, number }: (typeof lines)[number], schema: z.ZodType<T>): T => {
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (cause) {
      throw new CudaKernelTableError({
        file,
        line: number,
        problem: 'not JSON',
        remedy: regenerateHint,
        cause,
      });
    }
    const result = schema.safeParse(value);
    if (!result.success) {
      throw new CudaKernelTableError({
        file,
        line: number,
        problem: z.prettifyError(result.error).replaceAll('\n', ' '),
        remedy: regenerateHint,
      });
    }
    return result.data;
  };
  const [first, ...rest] = lines;
  if (first === undefined) {
    throw new CudaKernelTableError({ file, problem: 'the file is empty', remedy: regenerateHint });
  }
  const header = parseLine(first, z.strictObject({ header: headerSchema })).header;
  return { header, records: rest.map((line) => parseLine(line, recordSchema)) };
}

function indexByOp<T extends { domain: string; op: string }>(
  records: readonly T[],
  file: string,
): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const record of records) {
    const key = `${record.domain}/${record.op}`;
    if (byKey.has(key)) {
      throw new CudaKernelTableError({
        file,
        problem: `${key} has two records`,
        remedy: regenerateHint,
      });
    }
    byKey.set(key, record);
  }
  return byKey;
}
