/**
 * `count` deterministic sample points from a seed (mulberry32), half of them negative, kept
 * away from 0 and ±1 where many expressions coincide by accident.
 */
export function seededPoints(seed: number, count: number): number[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, (_, index) => {
    const magnitude = 1.1 + 1.7 * next();
    return index % 2 === 0 ? magnitude : -magnitude;
  });
}
