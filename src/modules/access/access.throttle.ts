import { createHash } from 'node:crypto';

/**
 * Keeps password guessing slow without handing anyone a way to lock a user out.
 *
 * An attempt on an account comes from a source: a device that signed in to
 * that account before (its cb_device cookie), an address that did, or an
 * unknown one. Failures count per (account, source) in a sliding window:
 *  - after a few free failures each further attempt waits a growing delay
 *    (1 s, 2 s, 4 s …): a typo costs nothing, guessing gets slow;
 *  - an unknown source is refused after `pairLimit` failures; a known one is
 *    only slowed, its delay never longer than `knownMaxDelayMs`, and failures
 *    from elsewhere never touch it: an attacker cannot lock the owner out of
 *    the device or office they sign in from;
 *  - failures from unknown sources also count per account (a guesser spread
 *    over many addresses is slowed) and, per address, as distinct accounts
 *    (spraying one password over many accounts is refused; an office NAT
 *    whose people mistype their own passwords is not).
 * Known sources are remembered on success. Everything lives in memory: one
 * server process; a restart forgets failures and known sources alike.
 */
export interface ThrottleOptions {
  windowMs: number;
  /** Failures per (account, source) answered at once before delays start. */
  freeFailures: number;
  /** Failures per (account, unknown source) after which it is refused until the window passes. */
  pairLimit: number;
  /** The delay doubles from this after each failure past the free ones. */
  baseDelayMs: number;
  /** Longest delay for a source that has signed in to the account before. */
  knownMaxDelayMs: number;
  /** Failures on an account from all unknown sources before they are slowed. */
  accountFreeFailures: number;
  /** Longest delay an account under attack imposes on unknown sources. */
  accountMaxDelayMs: number;
  /** Distinct accounts an address may fail on (from unknown sources) before it is refused for others. */
  addressAccountLimit: number;
  /** Addresses and devices remembered per account (the oldest forgotten first). */
  rememberPerAccount: number;
  clock: () => number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  windowMs: 15 * 60_000,
  freeFailures: 3,
  pairLimit: 10,
  baseDelayMs: 1_000,
  knownMaxDelayMs: 60_000,
  accountFreeFailures: 10,
  accountMaxDelayMs: 5 * 60_000,
  addressAccountLimit: 20,
  rememberPerAccount: 20,
  clock: Date.now,
};

/** Where an attempt comes from: the client's address (as the trusted proxy reports it) and its device cookie, if any. */
export interface SignInSource {
  address: string;
  device: string | undefined;
}

type Kind = 'device' | 'address' | 'unknown';

const hashDevice = (device: string): string => createHash('sha256').update(device).digest('base64url');

export class SignInThrottle {
  private readonly options: ThrottleOptions;
  /** Failure times by key: `p:` (account, source) pairs, `u:` an account's unknown-source failures. */
  private readonly failures = new Map<string, number[]>();
  /** Per address, the accounts that failed from it (unknown sources) and when last. */
  private readonly addressAccounts = new Map<string, Map<string, number>>();
  private readonly known = new Map<string, { addresses: Set<string>; devices: Set<string> }>();
  private sweepAt = 10_000;

  constructor(options: Partial<ThrottleOptions> = {}) {
    this.options = { ...DEFAULT_THROTTLE, ...options };
  }

  /** Seconds until this source may try this account again, or 0 if it may now. */
  retryAfter(email: string, source: SignInSource): number {
    const now = this.options.clock();
    const { kind, key } = this.classify(email, source);
    const o = this.options;
    const pair = this.recent(key, now);
    const until: number[] = [];
    if (pair.length >= o.freeFailures) until.push(this.delayedFrom(pair, o.freeFailures, kind === 'unknown' ? o.windowMs : o.knownMaxDelayMs));
    if (kind === 'unknown') {
      if (pair.length >= o.pairLimit) until.push((pair[pair.length - o.pairLimit] ?? now) + o.windowMs);
      const account = this.recent(`u:${email}`, now);
      if (account.length >= o.accountFreeFailures) until.push(this.delayedFrom(account, o.accountFreeFailures, o.accountMaxDelayMs));
      const accounts = this.accountsFailedFrom(source.address, now);
      if (!accounts.has(email) && accounts.size >= o.addressAccountLimit) {
        const times = [...accounts.values()].sort((a, b) => a - b);
        until.push((times[times.length - o.addressAccountLimit] ?? now) + o.windowMs);
      }
    }
    return Math.max(0, Math.ceil((Math.max(now, ...until) - now) / 1000));
  }

  fail(email: string, source: SignInSource): void {
    const now = this.options.clock();
    const { kind, key } = this.classify(email, source);
    this.push(key, now);
    if (kind === 'unknown') {
      this.push(`u:${email}`, now);
      const accounts = this.addressAccounts.get(source.address) ?? new Map<string, number>();
      accounts.set(email, now);
      this.addressAccounts.set(source.address, accounts);
    }
    if (this.failures.size + this.addressAccounts.size > this.sweepAt) this.sweep(now);
  }

  /**
   * Forgets the failures of the source that just succeeded (only those: the
   * owner signing in on their device does not wipe what a guesser at their
   * office address has used up) and remembers its address and device as known.
   */
  succeed(email: string, source: SignInSource & { device: string }): void {
    const { kind, key } = this.classify(email, source);
    this.failures.delete(key);
    if (kind !== 'device') this.addressAccounts.get(source.address)?.delete(email);
    const known = this.known.get(email) ?? { addresses: new Set<string>(), devices: new Set<string>() };
    this.remember(known.addresses, source.address);
    this.remember(known.devices, hashDevice(source.device));
    this.known.set(email, known);
  }

  private classify(email: string, source: SignInSource): { kind: Kind; key: string } {
    const known = this.known.get(email);
    const device = source.device === undefined ? undefined : hashDevice(source.device);
    if (device !== undefined && known?.devices.has(device) === true) return { kind: 'device', key: `p:${email}\nd:${device}` };
    return { kind: known?.addresses.has(source.address) === true ? 'address' : 'unknown', key: `p:${email}\na:${source.address}` };
  }

  /** When the next attempt is allowed after `times` failures, `free` of them without delay. */
  private delayedFrom(times: number[], free: number, maxDelayMs: number): number {
    const last = times[times.length - 1] ?? 0;
    return last + Math.min(this.options.baseDelayMs * 2 ** (times.length - free), maxDelayMs);
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.options.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  private push(key: string, now: number): void {
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  private accountsFailedFrom(address: string, now: number): Map<string, number> {
    const accounts = this.addressAccounts.get(address);
    if (accounts === undefined) return new Map();
    for (const [email, at] of accounts) if (now - at >= this.options.windowMs) accounts.delete(email);
    if (accounts.size === 0) this.addressAccounts.delete(address);
    return accounts;
  }

  /** Most recent last: a set keeps insertion order, so the first is the oldest. */
  private remember(set: Set<string>, value: string): void {
    set.delete(value);
    set.add(value);
    const oldest = set.values().next().value;
    if (set.size > this.options.rememberPerAccount && oldest !== undefined) set.delete(oldest);
  }

  /** Drops expired entries so a flood of made-up accounts and addresses cannot grow memory without end. */
  private sweep(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now);
    for (const address of [...this.addressAccounts.keys()]) this.accountsFailedFrom(address, now);
    this.sweepAt = Math.max(10_000, 2 * (this.failures.size + this.addressAccounts.size));
  }
}
