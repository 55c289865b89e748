import type { Tokenizer } from '@s1/chat-template';
import { traceLength } from '../difficulty/trace-length';
import type { SelectionStage } from '../pipeline/selection-stage';
import { featureStage } from './feature-stage';

/**
 * Measures each trace in tokens (feature `traceLength`, as s1's `gemini_length` in
 * `data/featurization.py`, github.com/simplescaling/s1); records without a trace
 * are dropped.
 *
 * @example
 * traceLengthStage({ tokenizer: await loadTokenizer('./Qwen2.5-32B-Instruct') });
 */
export function traceLengthStage<Row>(options: { tokenizer: Tokenizer }): SelectionStage<Row> {
  return featureStage<Row, number>('trace length', 'traceLength', (item, fields) => {
    const trace = fields.trace(item.row);
    return trace === undefined ? undefined : traceLength(trace, options.tokenizer);
  });
}
