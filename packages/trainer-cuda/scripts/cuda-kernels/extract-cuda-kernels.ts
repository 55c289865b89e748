/**
 * Writes the CUDA kernel fixtures of src/cuda/__fixtures__ from two public sources:
 *   cuda-kernels.jsonl      the CUDAExecutionProvider section of ONNX Runtime's docs/OperatorKernels.md
 *   onnx-op-versions.jsonl  the op versions of ONNX's onnx/defs/operator_sets.h
 * Use the revisions that match the installed onnxruntime-node: its release tag, and the ONNX
 * release that tag builds with (cmake/deps.txt of ONNX Runtime names it).
 *
 *   npx tsx packages/trainer-cuda/scripts/cuda-kernels/extract-cuda-kernels.ts \
 *     --operator-kernels path/to/OperatorKernels.md --onnxruntime-revision v1.30.0 \
 *     --operator-sets path/to/operator_sets.h --onnx-revision v1.20.0 [--note "…"]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { parseCudaKernelTable } from '../../src/cuda/cuda-kernel-table.ts';
import { parseOperatorKernels } from '../../src/cuda/parse-operator-kernels.ts';
import { parseOperatorSets } from '../../src/cuda/parse-operator-sets.ts';

const { values } = parseArgs({
  options: {
    'operator-kernels': { type: 'string' },
    'onnxruntime-revision': { type: 'string' },
    'operator-sets': { type: 'string' },
    'onnx-revision': { type: 'string' },
    note: { type: 'string' },
  },
});
const required = [
  'operator-kernels',
  'onnxruntime-revision',
  'operator-sets',
  'onnx-revision',
] as const;
const missing = required.filter((name) => values[name] === undefined);
if (missing.length > 0) {
  console.error(
    `Missing ${missing.map((name) => `--${name}`).join(', ')}; see this script's header.`,
  );
  process.exit(1);
}
const [operatorKernels, onnxruntimeRevision, operatorSets, onnxRevision] = required.map(
  (name) => values[name] as string,
) as [string, string, string, string];

const executionProvider = 'CUDAExecutionProvider';
const onnxruntimeNode: string = createRequire(import.meta.url)(
  'onnxruntime-node/package.json',
).version;
const kernels = parseOperatorKernels(readFileSync(operatorKernels, 'utf8'), {
  executionProvider,
  file: operatorKernels,
});
const versions = parseOperatorSets(readFileSync(operatorSets, 'utf8'), { file: operatorSets });

const jsonLines = (header: object, records: readonly object[]) =>
  `${[{ header }, ...records].map((line) => JSON.stringify(line)).join('\n')}\n`;
const texts = {
  kernels: jsonLines(
    {
      repository: 'microsoft/onnxruntime',
      revision: onnxruntimeRevision,
      path: 'docs/OperatorKernels.md',
      executionProvider,
      onnxruntimeNode,
      ...(values.note === undefined ? {} : { note: values.note }),
    },
    kernels,
  ),
  versions: jsonLines(
    { repository: 'onnx/onnx', revision: onnxRevision, path: 'onnx/defs/operator_sets.h' },
    versions,
  ),
};
// What the check reads back must parse: fail here rather than in the tests.
parseCudaKernelTable(texts);

const fixtures = new URL('../../src/cuda/__fixtures__/', import.meta.url);
writeFileSync(new URL('cuda-kernels.jsonl', fixtures), texts.kernels);
writeFileSync(new URL('onnx-op-versions.jsonl', fixtures), texts.versions);
const count = (domain: string) => kernels.filter((record) => record.domain === domain).length;
const domains = [...new Set(kernels.map((record) => record.domain))];
console.log(
  `${executionProvider}: ${kernels.length} ops (${domains.map((domain) => `${domain} ${count(domain)}`).join(', ')}); ONNX: ${versions.length} ops`,
);
