export interface LoginThrottleOptions {
  maximumFailures?: number;
  windowMilliseconds?: number;
}

// Beyond this many tracked keys, stale ones are swept so a flood of usernames cannot exhaust memory.
const SWEEP_THRESHOLD = 10_000;

/**
 * Counts failed sign-ins per username and IP address in memory and blocks the pair after too many.
 * One process only: behind several servers each keeps its own count, which is still a useful brake.
 */
export class LoginThrottle {
  readonly maximumFailures: number;
  readonly windowMilliseconds: number;
  private readonly failures = new Map<string, number[]>();

  constructor({ maximumFailures = 10, windowMilliseconds = 15 * 60 * 1000 }: LoginThrottleOptions = {}) {
    this.maximumFailures = maximumFailures;
    this.windowMilliseconds = windowMilliseconds;
  }

  /** Milliseconds until the key may try again, or 0 when it is not blocked. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.recentFailures(key, now);
    if (recent.length < this.maximumFailures) return 0;
    return recent[recent.length - this.maximumFailures] + this.windowMilliseconds - now;
  }

  recordFailure(key: string, now = Date.now()): void {
    if (this.failures.size >= SWEEP_THRESHOLD) this.sweep(now);
    this.failures.set(key, [...this.recentFailures(key, now), now]);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recentFailures(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((time) => time > now - this.windowMilliseconds);
  }

  private sweep(now: number): void {
    for (const key of this.failures.keys()) {
      if (this.recentFailures(key, now).length === 0) this.failures.delete(key);
    }
  }
}
