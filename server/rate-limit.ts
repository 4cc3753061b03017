/** A token bucket: `capacity` commands at once, refilled at `perSecond`. */
export class RateLimiter {
  private tokens: number;
  private last: number;
  /** Commands refused so far; a client that keeps flooding is disconnected. */
  refused = 0;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    this.refused++;
    return false;
  }
}
