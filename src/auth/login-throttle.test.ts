import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.ts';

describe('LoginThrottle', () => {
  it('blocks a key after the maximum failures inside the window, then lets it go', () => {
    const sut = new LoginThrottle({ maximumFailures: 3, windowMilliseconds: 1000 });
    for (const time of [0, 100, 200]) sut.recordFailure('user|ip', time);
    expect(sut.retryAfter('user|ip', 300)).toBe(700);
    expect(sut.retryAfter('other|ip', 300)).toBe(0);
    expect(sut.retryAfter('user|ip', 1001)).toBe(0);
  });

  it('forgets failures after a success', () => {
    const sut = new LoginThrottle({ maximumFailures: 2, windowMilliseconds: 1000 });
    sut.recordFailure('key', 0);
    sut.recordFailure('key', 1);
    sut.reset('key');
    expect(sut.retryAfter('key', 2)).toBe(0);
  });
});
