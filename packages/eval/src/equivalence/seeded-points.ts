import { createSeededRandom } from '@s1/errors';

/**
 * `count` deterministic sample points from a seed, half of them negative, kept away from 0 and
 * ±1 where many expressions coincide by accident.
 */
export function seededPoints(seed: number, count: number): number[] {
  const random = createSeededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const magnitude = 1.1 + 1.7 * random.uniform();
    return index % 2 === 0 ? magnitude : -magnitude;
  });
}
