import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { attemptTimeout } from './attempt-timeout';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('attemptTimeout', () => {
  it('should fire after its time, not counting the time a reader was waited for', async () => {
    const timeout = attemptTimeout(1000);
    vi.advanceTimersByTime(400);
    let release = () => {};
    const reader = timeout.excluding(
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    // A reader slower than the whole limit does not use it up.
    vi.advanceTimersByTime(5000);
    expect(timeout.signal.aborted).toBe(false);
    release();
    await reader;
    vi.advanceTimersByTime(599);
    expect(timeout.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(timeout.signal.aborted).toBe(true);
  });

  it('should not fire once cleared', () => {
    const timeout = attemptTimeout(1000);
    timeout.clear();
    vi.advanceTimersByTime(2000);
    expect(timeout.signal.aborted).toBe(false);
  });
});
