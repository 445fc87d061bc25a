/**
 * Exact decimal arithmetic on strings for money: values are parsed into a
 * BigInt scaled by 10^SCALE, so no amount ever passes through a float.
 */

/** Fixed working precision: 18 decimal places keeps rate divisions exact far beyond a cent. */
export const SCALE = 18;
const ONE = 10n ** BigInt(SCALE);

/** A plain decimal: optional minus, digits, optional fraction. No exponents, no thousands separators. */
export const DECIMAL_PATTERN = '^-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,18})?$';
const DECIMAL = new RegExp(DECIMAL_PATTERN);

export function isDecimal(text: string): boolean {
  return DECIMAL.test(text);
}

/** Parses a decimal string into a scaled BigInt; throws on anything else. */
export function parseDecimal(text: string): bigint {
  if (!isDecimal(text)) throw new RangeError(`"${text}" is not a decimal number`);
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const scaled = BigInt(whole) * ONE + BigInt(fraction.padEnd(SCALE, '0'));
  return negative ? -scaled : scaled;
}

/** Divides with round-half-to-even, so repeated rounding has no upward bias. */
function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  const twiceRest = (n % d) * 2n;
  if (twiceRest > d || (twiceRest === d && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

export function multiply(a: bigint, b: bigint): bigint {
  return divideHalfEven(a * b, ONE);
}

export function divide(a: bigint, b: bigint): bigint {
  return divideHalfEven(a * ONE, b);
}

/** Rounds a scaled value to `places` decimals, half to even (banker's rounding). */
export function roundTo(value: bigint, places: number): bigint {
  const step = 10n ** BigInt(SCALE - places);
  return divideHalfEven(value, step) * step;
}

/** Formats a scaled value with exactly `places` decimals (the value should already be rounded to them). */
export function formatDecimal(value: bigint, places: number): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / ONE;
  const fraction = (abs % ONE).toString().padStart(SCALE, '0').slice(0, places);
  return `${negative ? '-' : ''}${whole.toString()}${places > 0 ? `.${fraction}` : ''}`;
}

/** Formats without trailing zeros, for rates. */
export function formatPlain(value: bigint): string {
  const text = formatDecimal(value, SCALE);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
