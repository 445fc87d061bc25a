/**
 * Failed sign-ins per account and per address in a sliding window. Past the
 * limit, further attempts are refused until the window passes, whatever the
 * password: guessing is slowed without telling which emails exist.
 * Kept in memory: one server process; a restart forgets, which errs on the
 * side of letting people in after an outage.
 */
export interface ThrottleOptions {
  maxPerAccount: number;
  maxPerAddress: number;
  windowMs: number;
}

export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly options: ThrottleOptions = { maxPerAccount: 5, maxPerAddress: 30, windowMs: 15 * 60_000 }) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.options.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** Seconds until another attempt is allowed, or 0 if allowed now. */
  retryAfter(email: string, address: string, now = Date.now()): number {
    const account = this.recent(`a:${email}`, now);
    const ip = this.recent(`i:${address}`, now);
    const blocked = [
      account.length >= this.options.maxPerAccount ? account[0] : undefined,
      ip.length >= this.options.maxPerAddress ? ip[0] : undefined,
    ].filter((t): t is number => t !== undefined);
    if (blocked.length === 0) return 0;
    return Math.ceil((Math.max(...blocked) + this.options.windowMs - now) / 1000);
  }

  fail(email: string, address: string, now = Date.now()): void {
    for (const key of [`a:${email}`, `i:${address}`]) this.failures.set(key, [...this.recent(key, now), now]);
  }

  succeed(email: string): void {
    this.failures.delete(`a:${email}`);
  }
}
