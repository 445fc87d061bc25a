import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, as GitHub and Stripe sign theirs: HMAC-SHA256 with the webhook's secret over
 * `<timestamp>.<raw body>`, sent as `X-Carebridge-Signature: sha256=<hex>` with `X-Carebridge-Timestamp: <unix s>`.
 * The timestamp is inside the signed text, so a receiver that also refuses old timestamps cannot be replayed to.
 */
export const SIGNATURE_HEADER = 'x-carebridge-signature';
export const TIMESTAMP_HEADER = 'x-carebridge-timestamp';
export const EVENT_HEADER = 'x-carebridge-event';
export const DELIVERY_HEADER = 'x-carebridge-delivery';

export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('hex')}`;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute the signature, compare in constant time, refuse timestamps older than the tolerance. */
export function verifyWebhook(secret: string, headers: { signature: string | undefined; timestamp: string | undefined }, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const ts = Number(headers.timestamp);
  if (headers.signature === undefined || !Number.isInteger(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * A webhook URL must be http(s), with a host and no credentials in it: the server posts to it, so other schemes
 * (file:, gopher:, data:) are refused outright. Returns the problem in a sentence, or undefined.
 */
export function webhookUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL; give one such as https://example.org/hooks/carebridge';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `only http:// and https:// addresses are accepted (got ${parsed.protocol})`;
  if (parsed.username !== '' || parsed.password !== '') return 'must not contain a user name or password; the signature authenticates each delivery';
  if (parsed.hostname === '') return 'must name a host';
  return undefined;
}
