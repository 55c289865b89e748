import { describe, expect, it } from 'vitest';
import { qwen25Tokenizer, qwen25TokenizerFolder } from '../../test-utils/qwen25';
import { createSelection } from '../pipeline/create-selection';
import { fieldAccessors } from '../s1k-accessors';
import { ranksByLength } from './sampling-stage';
import { traceLengthStage } from './trace-length-stage';

const rows = [
  { question: 'one', thinking: 'Let me think. 1 + 1 = 2.' },
  { question: 'two' },
  { question: 'three', thinking: 'Wait, recount: 3 × 3 = 9, not 6.' },
];
const accessors = fieldAccessors({ question: 'question', trace: 'thinking' });
const run = async (stage: ReturnType<typeof traceLengthStage>) => {
  const { selected, dropped } = await createSelection({ accessors, stages: [stage] }).run(rows);
  return { selected: selected.map(({ id, features }) => ({ id, features })), dropped };
};

describe('traceLengthStage', () => {
  it('should count from a folder as with a loaded tokenizer, dropping records without a trace', async () => {
    const fromFolder = await run(traceLengthStage({ tokenizer: qwen25TokenizerFolder }));
    expect(fromFolder).toEqual(await run(traceLengthStage({ tokenizer: await qwen25Tokenizer() })));
    expect(fromFolder.selected.map(({ features }) => features.traceLength)).toEqual([
      expect.any(Number),
      expect.any(Number),
    ]);
    expect(fromFolder.dropped).toEqual([
      expect.objectContaining({ stage: 'trace length', reason: 'missing feature: traceLength' }),
    ]);
  }, 60_000);

  it('should drop the same records without counting or loading the tokenizer', async () => {
    const counted = await run(traceLengthStage({ tokenizer: qwen25TokenizerFolder }));
    const uncounted = await run(
      traceLengthStage({ tokenizer: '/no/such/tokenizer', count: false }),
    );
    expect(uncounted.dropped).toEqual(counted.dropped);
    expect(uncounted.selected).toEqual(counted.selected.map(({ id }) => ({ id, features: {} })));
  }, 60_000);
});

describe('ranksByLength', () => {
  it('should hold for the samplers that read trace lengths', () => {
    const methods = ['s1', 'random', 'diverse', 'longest', 'full'] as const;
    expect(methods.filter(ranksByLength)).toEqual(['s1', 'longest']);
  });
});
