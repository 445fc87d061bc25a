/**
 * Retry delays for anything sent out (emails, webhook deliveries) or worked out (outbox events): 30 s, 2 min,
 * 8 min, 32 min, about 2 h, then every 6 h, so a receiver that is down for an afternoon still gets everything.
 */
export function retryAt(now: Date, attempts: number): string {
  const ms = Math.min(30_000 * 4 ** Math.max(0, attempts - 1), 6 * 3_600_000);
  return new Date(now.getTime() + ms).toISOString();
}

/** The attempt after which a delivery is given up (status failed) and an event is set aside. */
export const MAX_ATTEMPTS = { webhook: 6, email: 5, event: 8 } as const;

/** An error as one short line for a log column (never a stack). */
export const errorLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, 500);
