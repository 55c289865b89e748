import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { OutputExistsError } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { itWithPython } from '../../../../tooling/python-tools';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { record, sweepRecords as records } from '../../test-utils/report-records';
import { referenceThinkingTokens } from './reference-thinking-tokens';
import { scalingPoints } from './scaling-plot';
import { summarizeResults } from './summarize-results';
import { writeReport } from './write-report';

describe('summarizeResults', () => {
  it('should give accuracy, thinking tokens, maj@k / cov@k and Control / Scaling / Performance', () => {
    const summary = summarizeResults(records);
    const [small, large] = summary.configs;
    // max=8: first samples 1 (a correct) and 5 (b wrong) → 50%; 8 tokens on average.
    // maj@2: a → 1 (correct), b → 5 then 3 tie, first wins → 5 (wrong) → 50%; cov@2: a yes, b yes → 100%.
    // maj@4: a → 1,1,2,2 tie → 1 (correct); b → 5,3,3,5 tie → 5 (wrong) → 50%; cov@4 100%.
    expect(small).toMatchObject({
      config: 'max=8',
      problems: 2,
      samples: 8,
      accuracy: 0.5,
      thinkingTokens: 8,
    });
    expect(small?.voting).toEqual([
      { k: 2, majority: 0.5, coverage: 1 },
      { k: 4, majority: 0.5, coverage: 1 },
    ]);
    // max=32: both first samples correct → 100%; tokens (4 × 32 + 4 × 16) / 8 = 24.
    expect(large).toMatchObject({ accuracy: 1, thinkingTokens: 24 });
    // Scaling: (100 − 50) points over log2(24 / 8) doublings.
    expect(summary.scaling.perLog2Tokens).toBeCloseTo(50 / Math.log2(3), 6);
    expect(summary.performance).toBe(1);
    expect(summary.control).toBe(1);
  });

  it('should leave a configuration that counts 0 thinking tokens out of the metrics, with its row and the reason', async () => {
    const tokenizer = await qwen25Tokenizer();
    // Thinking on one line: compute_sample_stats.py drops its first and last line, so it counts 0.
    const oneLine = ['1', '3'].map((answer, index) => ({
      ...record('max=2', 2, index === 0 ? 'a' : 'b', 0, answer, answer, 2),
      text: `<|im_start|>think 1 + 2<|im_start|>answer\n${answer}`,
    }));
    const summary = summarizeResults([...oneLine, ...records], { tokenizer });
    expect(summary.configs[0]).toMatchObject({
      config: 'max=2',
      accuracy: 1,
      thinkingTokens: 2,
      referenceThinkingTokens: 0,
    });
    expect(summary.leftOut).toEqual([
      {
        config: 'max=2',
        reason: expect.stringMatching(
          /^average thinking tokens 0: compute_sample_stats\.py counts 0 .*the controller counted 2\.0\); log2 of 0 is undefined$/,
        ),
      },
    ]);
    const without = summarizeResults(records, { tokenizer });
    expect([summary.control, summary.scaling, summary.performance]).toEqual([
      without.control,
      without.scaling,
      without.performance,
    ]);
    expect(scalingPoints(summary).map((point) => point.label)).not.toContain('max=2');
  });

  it('should order configurations by max (no cap last), then ignored ends, then name', () => {
    const config = (name: string, max: number | undefined) => ({
      ...record(name, max ?? 1, 'a', 0, '1', '1', 4),
      max,
    });
    const shuffled = [
      config('max=none', undefined),
      config('max=32,ignore=10', 32),
      config('max=8', 8),
      config('max=32,ignore=2,continuation=Wait', 32),
      config('max=32,ignore=2', 32),
      config('max=32', 32),
    ];
    expect(summarizeResults(shuffled).configs.map((summary) => summary.config)).toEqual([
      'max=8',
      'max=32',
      'max=32,ignore=2',
      'max=32,ignore=2,continuation=Wait',
      'max=32,ignore=10',
      'max=none',
    ]);
  });

  it('should count thinking tokens as compute_sample_stats.py does when given a tokenizer', async () => {
    const tokenizer = await qwen25Tokenizer();
    const text = '<|im_start|>think\nline one\nline two\npartial<|im_start|>answer\nAnswer: 3';
    expect(referenceThinkingTokens(text, tokenizer)).toBe(
      tokenizer.encode('line one\nline two').length,
    );
    const summary = summarizeResults(records.slice(0, 8), { tokenizer });
    // 'step\n' × 8 splits into the think line, 8 'step' lines and an empty last line; both ends go.
    expect(summary.configs[0]?.referenceThinkingTokens).toBe(
      tokenizer.encode(Array(8).fill('step').join('\n')).length,
    );
  });
});

describe('writeReport', () => {
  it('should write an SVG, a PNG that decodes, Markdown, JSON and an HTML page', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-report-'));
    const files = await writeReport(folder, summarizeResults(records), { title: 'scripted sweep' });
    expect(await readFile(files.svg, 'utf8')).toMatch(/^<svg/);
    const png = await readFile(files.png);
    const { width, height, pixels } = decodePng(png);
    expect(width).toBeGreaterThan(200);
    expect(pixels.length).toBe(height * (1 + width * 4));
    expect(await readFile(files.markdown, 'utf8')).toContain('| max=32 | 2 | 8 | 100.0% | 24.0 |');
    expect(JSON.parse(await readFile(files.json, 'utf8')).performance).toBe(1);
  });

  itWithPython([], "should write an SVG that Python's XML parser reads", async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-report-'));
    const files = await writeReport(folder, summarizeResults(records), { title: 'scripted sweep' });
    const xml = spawnSync(
      'python3',
      ['-c', 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])', files.svg],
      { encoding: 'utf8' },
    );
    expect(xml.stderr).toBe('');
    expect(xml.status).toBe(0);
  });

  it('should replace an earlier report as one set, leaving nothing beside it', async () => {
    const parent = await mkdtemp(join(tmpdir(), 's1-report-'));
    const folder = join(parent, 'report');
    await writeReport(folder, summarizeResults(records), { title: 'first' });
    const files = await writeReport(folder, summarizeResults(records.slice(0, 8)), {
      title: 'second',
    });
    expect(await readFile(files.markdown, 'utf8')).toContain('second');
    expect(await readFile(files.markdown, 'utf8')).not.toContain('max=32');
    expect((await readdir(folder)).sort()).toEqual([
      'accuracy.png',
      'accuracy.svg',
      'report.html',
      'report.md',
      'summary.json',
    ]);
    expect(await readdir(parent)).toEqual(['report']);
  });

  it('should refuse a folder that holds other files, which replacing it would delete', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-report-'));
    await writeFile(join(folder, 'results.jsonl'), '{}\n');
    const error = await writeReport(folder, summarizeResults(records), { title: 'x' }).catch(
      (e) => e,
    );
    expect(OutputExistsError.isInstance(error) && error.reason).toBe('other-files');
    expect(await readdir(folder)).toEqual(['results.jsonl']);
  });

  it('should keep each Markdown table row on one line when a configuration holds a line break or a pipe', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-report-'));
    const odd = records.map((sample) =>
      sample.config === 'max=8' ? { ...sample, config: 'max=8 ignore=1 "Wait\n|Hmm"' } : sample,
    );
    const files = await writeReport(folder, summarizeResults(odd), { title: 'scripted sweep' });
    const table = (await readFile(files.markdown, 'utf8'))
      .split('\n')
      .filter((line) => line.startsWith('|'));
    expect(table).toHaveLength(4);
    expect(table).toContainEqual(
      expect.stringMatching(/^\| max=8 ignore=1 "Wait\\n\\\|Hmm" \| 2 \|/),
    );
  });

  it('should list configurations in sweep order in Markdown, HTML, JSON and the plot', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-report-'));
    // The large budget finishes first, so the results file holds it first.
    const summary = summarizeResults([...records.slice(8), ...records.slice(0, 8)]);
    const files = await writeReport(folder, summary, { title: 'scripted sweep' });
    const order = (text: string, cells: readonly string[]) =>
      cells.map((cell) => text.indexOf(cell));
    const markdown = await readFile(files.markdown, 'utf8');
    const markdownOrder = order(markdown, ['| max=8 |', '| max=32 |']);
    expect(markdownOrder).toEqual([...markdownOrder].sort((a, b) => a - b));
    const html = await readFile(files.html, 'utf8');
    const htmlOrder = order(html, ['<td>max=8</td>', '<td>max=32</td>']);
    expect(htmlOrder).toEqual([...htmlOrder].sort((a, b) => a - b));
    const json = JSON.parse(await readFile(files.json, 'utf8'));
    expect(json.configs.map((config: { config: string }) => config.config)).toEqual([
      'max=8',
      'max=32',
    ]);
    expect(
      scalingPoints(summary)
        .filter((point) => point.method.startsWith('sequential'))
        .map((point) => point.label),
    ).toEqual(['max=8', 'max=32']);
  });

  it('should write the report when no configuration has thinking tokens, naming each', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-report-'));
    const summary = summarizeResults(
      records.map((sample) => ({ ...sample, thinkingTokens: 0, text: 'answer only' })),
    );
    const files = await writeReport(folder, summary, { title: 'no thinking' });
    const markdown = await readFile(files.markdown, 'utf8');
    expect(markdown).toContain('Control n/a · Scaling n/a');
    expect(markdown).toContain('| max=32 | 2 | 8 | 100.0% | 0.0 |');
    expect(markdown).toContain(
      '- max=8: average thinking tokens 0: the controller counted no thinking token; log2 of 0 is undefined',
    );
    expect(JSON.parse(await readFile(files.json, 'utf8')).leftOut).toHaveLength(2);
    expect(await readFile(files.html, 'utf8')).toContain('<li>max=32: average thinking tokens 0');
  });
});

/** Reads a PNG's header and inflates its image data: enough to know that it decodes. */
function decodePng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') [width, height] = [body.readUInt32BE(0), body.readUInt32BE(4)];
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  return { width, height, pixels: inflateSync(Buffer.concat(data)) };
}
