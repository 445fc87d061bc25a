/**
 * Splits an amount (already rounded to cents) between a project's sectors by
 * their percentages, in whole cents, so the parts add up exactly to the amount:
 * each sector gets the floor of its share, and the cents left over go to the
 * largest remainders (ties to the earlier sector). Percentages are in
 * hundredths of a percent (they sum to 10,000).
 */
export function splitCents(cents: bigint, shares: readonly { code: string; hundredths: number }[]): { code: string; cents: bigint }[] {
  if (shares.length === 0) return [];
  if (shares.length === 1) return [{ code: (shares[0] as { code: string }).code, cents }];
  const parts = shares.map((s, i) => {
    const exact = cents * BigInt(s.hundredths);
    return { code: s.code, cents: exact / 10_000n, remainder: exact % 10_000n, order: i };
  });
  let left = cents - parts.reduce((sum, p) => sum + p.cents, 0n);
  for (const p of [...parts].sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.order - b.order))) {
    if (left <= 0n) break;
    p.cents += 1n;
    left -= 1n;
  }
  return parts.map(({ code, cents: c }) => ({ code, cents: c }));
}
