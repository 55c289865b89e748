import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { UncacheableValueError } from './uncacheable-value-error';

/**
 * The content hash that names a call in the cache: sha256 (hex) of the canonical JSON of its
 * description (model id, prompt, sampling, …), so equal calls share an entry.
 *
 * @example
 * callKeyHash({ model: 'qwen7b', prompt: 'Hi', sampling: { temperature: 0.05 } }); // '3f1c…'
 */
export function callKeyHash(key: unknown): string {
  const json = canonicalJson(key);
  if (json === undefined) throw new UncacheableValueError('key');
  return createHash('sha256').update(json).digest('hex');
}
