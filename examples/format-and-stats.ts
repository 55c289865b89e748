/**
 * Formats your own reasoning records for SFT as s1 trains on them: the s1 training text, tokens
 * with the completion-only loss mask, a Parquet file TRL reads, and the length statistics that
 * tell which block size keeps the end of thinking (the paper's Table 8). The records are
 * examples/data/reasoning-pool.jsonl (fields `prompt`, `reasoning`, `solution`), or the
 * selection that select-new-dataset.ts wrote; the tokenizer is the real Qwen2.5 one.
 *
 *   npx tsx examples/format-and-stats.ts                                 # into a new temporary folder
 *   npx tsx examples/format-and-stats.ts --input selection/selected.jsonl --out formatted
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadTokenizer } from '@s1/chat-template';
import { resolveQwen25TokenizerFolder } from '@s1/errors';
import {
  formatDataset,
  formatS1,
  formatStatisticsTable,
  ignoreIndex,
  readRecords,
  tokenizeForSft,
  writeJsonl,
} from '@s1/sft-data';

const { values } = parseArgs({
  options: {
    input: {
      type: 'string',
      default: fileURLToPath(new URL('data/reasoning-pool.jsonl', import.meta.url)),
    },
    out: { type: 'string' },
  },
});
const out = values.out ?? (await mkdtemp(join(tmpdir(), 's1-format-')));
const tokenizerFolder = resolveQwen25TokenizerFolder(import.meta.url);

// formatDataset reads s1K, s1K-1.1 or the generic { question, thinking, answer }: map your
// field names onto the generic record first.
const { records } = await readRecords(values.input);
const toGeneric = (row: Record<string, unknown>) => ({
  question: row.prompt,
  thinking: row.reasoning,
  answer: row.solution,
});
const generic = join(out, 'generic.jsonl');
await writeJsonl(generic, records.map(toGeneric));

const result = await formatDataset({
  input: generic,
  out: join(out, 'tokenized.parquet'), // text, input_ids, labels, attention_mask
  tokenizer: tokenizerFolder,
  onInvalid: 'skip', // a row without a trace or a solution is left out and listed, not fatal
  blockSizes: [64, 128, 256], // these traces are short; for s1K's, keep the default 4,096–32,768
  statisticsPath: join(out, 'stats.json'),
});
console.log(`${result.examples} examples formatted, ${result.report.rowsSkipped} rows skipped`);
for (const { row, path, message } of result.report.skipped) {
  console.log(`  row ${row}, ${path}: ${message}`);
}
console.log(`\n${formatStatisticsTable(result.statistics)}`);

// The loss mask of one example: nothing up to "<|im_start|>assistant\n" is trained.
const tokenizer = await loadTokenizer(tokenizerFolder);
const { inputIds, labels } = tokenizeForSft(formatS1(toGeneric(records[0] ?? {})), tokenizer);
const trainedFrom = labels.findIndex((label) => label !== ignoreIndex);
console.log('\nmasked: ', JSON.stringify(tokenizer.decode(inputIds.slice(0, trainedFrom))));
console.log('trained:', JSON.stringify(tokenizer.decode(inputIds.slice(trainedFrom))));
console.log(`\nwritten: ${join(out, 'tokenized.parquet')}, ${join(out, 'stats.json')}`);
