/**
 * Writes src/io/__fixtures__/zstd.parquet: a few s1K-like rows with pages compressed by the
 * system `zstd` binary (an encoder independent of the reader's fzstd), and zstd.expected.json
 * with the rows the file must read back as.
 *
 * Run from the package folder: npx tsx scripts/write-zstd-fixture.ts
 */
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { writeParquet } from '../src/io/write-records';

const fixtures = new URL('../src/io/__fixtures__/', import.meta.url);

const rows = [
  {
    question: 'Find $x$ such that $x^2 = 4$.',
    solution: '$x = \\pm 2$',
    cot_type: 'math',
    source_type: 'qfq/openaimath/Algebra',
    metadata:
      "{'problem': 'Find $x$ such that $x^2 = 4$.', 'level': 'Level 3', 'type': 'Algebra', 'unique_id': 'test/algebra/1.json', 'answer': '\\\\pm 2'}",
    thinking_trajectories: ['We need $x^2 = 4$.\nSo $x = 2$ or $x = -2$.'],
    attempt: 'The answer is $\\boxed{\\pm 2}$.',
    input_ids: [151644, 8948, 198, 2610, 525, 1207, 16948, 13],
  },
  {
    question: 'Évaluer $\\int_0^1 x\\,dx$ — «intégrale».',
    solution: '$\\frac{1}{2}$',
    cot_type: 'math',
    source_type: 'AI-MO/NuminaMath-CoT/olympiads',
    metadata: "{'source': 'olympiads', 'messages': [{'content': \"It's ½\", 'role': 'user'}]}",
    thinking_trajectories: ['', 'Antiderivative: $x^2/2$.\n\nAt 1: ½; at 0: 0.'],
    attempt: '½ 😀',
    input_ids: [],
  },
  {
    question: 'Is 2 prime?',
    solution: 'Yes',
    cot_type: 'science',
    source_type: 'idavidrein/gpqa',
    metadata: '{}',
    thinking_trajectories: ['Its only divisors are 1 and 2.'],
    attempt: 'Yes.',
    input_ids: Array.from({ length: 300 }, (_, index) => (index * 7919) % 151_665),
  },
];

function zstdCompress(bytes: Uint8Array): Uint8Array {
  const result = spawnSync('zstd', ['-c', '-q'], { input: bytes, maxBuffer: 1 << 30 });
  if (result.status !== 0) {
    throw new Error(`zstd failed (${result.error?.message ?? result.stderr.toString()})`);
  }
  return new Uint8Array(result.stdout);
}

await writeParquet(new URL('zstd.parquet', fixtures).pathname, rows, {
  columns: [
    { name: 'question', type: 'string' },
    { name: 'solution', type: 'string' },
    { name: 'cot_type', type: 'string' },
    { name: 'source_type', type: 'string' },
    { name: 'metadata', type: 'string' },
    { name: 'thinking_trajectories', type: 'list<string>' },
    { name: 'attempt', type: 'string' },
    { name: 'input_ids', type: 'list<int32>' },
  ],
  codec: 'ZSTD',
  compressors: { ZSTD: zstdCompress },
});
await writeFile(new URL('zstd.expected.json', fixtures), `${JSON.stringify(rows, null, 2)}\n`);
