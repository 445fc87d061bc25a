import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt is memory-hard: N=2^15, r=8 needs 32 MiB per hash, which makes
// guessing on GPUs expensive while a sign-in still takes ~0.1 s here.
let PARAMS: { readonly N: number; readonly r: number; readonly p: number } = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err === null ? resolve(key) : reject(err))));
}

/** Hashes a password as `scrypt$N$r$p$salt$key` (base64url), parameters kept so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;

/** A hash no password matches, verified against when the email is unknown so both answers take the same time. */
export function dummyPasswordHash(): Promise<string> {
  return (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));
}

/**
 * For test suites only (test/support/setup.ts), as Django's test settings swap in a fast hasher: the suite signs in
 * and creates users thousands of times, and at 32 MiB and ~0.1 s a hash that was minutes of a CI run. Hashes carry
 * their parameters, so what a test stores is verified at its own cost; nothing in src/ calls this.
 */
export function usePasswordCostForTests(N: number): void {
  PARAMS = { ...PARAMS, N };
  dummyHash = undefined;
}
