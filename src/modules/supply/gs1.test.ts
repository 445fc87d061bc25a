import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, gs1Date, hasValidCheckDigit, normaliseGtin, parseGs1 } from './gs1.js';

const GS = '\u001d';
// 09506000134352 is GS1's own example GTIN (check digit 2).
const GTIN = '09506000134352';

describe('GS1 check digits', () => {
  it.each([
    ['0950600013435', 2],
    ['629104150021', 3],
    ['400638133393', 1],
    ['9638507', 4],
    ['00000000000000000', 0],
    ['10614141123456789', 7],
  ])('the check digit of %s is %i', (body, digit) => expect(gs1CheckDigit(body)).toBe(digit));

  it('normalises GTIN-8/12/13 to GTIN-14 and names the expected digit when it is wrong', () => {
    expect(normaliseGtin('96385074')).toEqual({ gtin: '00000096385074' });
    expect(normaliseGtin('6291041500213')).toEqual({ gtin: '06291041500213' });
    expect(normaliseGtin('6291041500214')).toEqual({ error: 'GTIN 6291041500214 has a wrong check digit: 4 (expected 3)' });
    expect(normaliseGtin('12345')).toMatchObject({ error: expect.stringContaining('8, 12, 13 or 14 digits') as string });
    expect(hasValidCheckDigit(GTIN)).toBe(true);
    expect(hasValidCheckDigit('09506000134353')).toBe(false);
  });
});

describe('GS1 dates', () => {
  it.each([
    ['251231', '2025-12-31'],
    ['260200', '2026-02-28'],
    ['280200', '2028-02-29'],
    ['250400', '2025-04-30'],
    ['990101', '1999-01-01'],
    ['740101', '2074-01-01'],
    ['750101', '1975-01-01'],
  ])('%s is %s (day 00 = end of month; century by the 50-year window from 2024)', (raw, iso) => expect(gs1Date(raw, '17', 2024)).toBe(iso));

  it.each([
    ['251301', 'there is no month 13'],
    ['250001', 'there is no month 00'],
    ['250230', '2025-02 has 28 days'],
    ['250431', '2025-04 has 30 days'],
    ['2512', 'must be 6 digits'],
    ['25AB01', 'must be 6 digits'],
  ])('refuses %s: %s', (raw, message) => expect(() => gs1Date(raw, '17', 2024)).toThrow(message));
});

describe('parseGs1', () => {
  it('reads the bracketed form', () => {
    expect(parseGs1(`(01)${GTIN}(17)271130(10)AB-123(21)SER9`, 2025)).toMatchObject({ gtin: GTIN, expiry: '2027-11-30', lot: 'AB-123', serial: 'SER9' });
  });

  it('reads what a scanner types: fixed-length AIs run on, variable ones end at the group separator', () => {
    expect(parseGs1(`01${GTIN}17271100` + `10LOT42${GS}21XYZ`, 2025)).toMatchObject({ gtin: GTIN, expiry: '2027-11-30', lot: 'LOT42', serial: 'XYZ' });
    // Variable field last needs no separator; the lot may come before the expiry.
    expect(parseGs1(`01${GTIN}10LOT42${GS}17270131`, 2025)).toMatchObject({ lot: 'LOT42', expiry: '2027-01-31' });
  });

  it('strips the symbology identifier and a leading FNC1, and accepts the visible GS picture a keyboard wedge may type', () => {
    expect(parseGs1(`]d2${GS}01${GTIN}10A1${GS}21S1`, 2025)).toMatchObject({ gtin: GTIN, lot: 'A1', serial: 'S1' });
    expect(parseGs1(`]C101${GTIN}10A1\u241d21S1`, 2025)).toMatchObject({ lot: 'A1', serial: 'S1' });
    expect(parseGs1(`  (01)${GTIN}(10)A1  `, 2025)).toMatchObject({ lot: 'A1' });
  });

  it('reads SSCC, counts, best-before and production dates, and ignores company-internal AIs', () => {
    expect(parseGs1(`(00)106141411234567897(02)${GTIN}(37)48(15)260315(11)250101(91)INTERNAL`, 2025)).toMatchObject({ sscc: '106141411234567897', containedGtin: GTIN, quantity: 48, bestBefore: '2026-03-15', productionDate: '2025-01-01', gtin: null });
    expect(parseGs1(`01${GTIN}3012`, 2025).quantity).toBe(12);
  });

  it.each([
    [`(01)09506000134353(17)271130`, 'AI (01) GTIN 09506000134353 has a wrong check digit: 3 (expected 2)'],
    [`0109506000134353`, 'wrong check digit'],
    [`(00)106141411234567890`, 'AI (00) SSCC 106141411234567890 has a wrong check digit'],
    [`(01)${GTIN}(17)271331`, 'AI (17) date "271331" is impossible: there is no month 13'],
    [`01${GTIN}17270230`, '2027-02 has 28 days'],
    [`(01)${GTIN}(10)ABCDEFGHIJKLMNOPQRSTU`, 'AI (10) lot is too long: 21 characters, at most 20 allowed'],
    [`01${GTIN}10ABCDEFGHIJKLMNOPQRSTUVWXYZ`, 'AI (10) lot is too long'],
    [`(01)${GTIN}(21)${'S'.repeat(21)}`, 'AI (21) serial is too long'],
    [`(01)${GTIN}(44)X`, 'unknown or unsupported AI (44)'],
    [`01${GTIN}4412`, 'unknown or unsupported AI at "4412"'],
    [`(01)0950600013435`, 'AI (01) GTIN must be exactly 14 characters (got 13'],
    [`01095060001343`, 'AI (01) GTIN must be exactly 14 characters'],
    [`(01)${GTIN}(10)`, 'AI (10) lot is empty'],
    [`(01)${GTIN}(10)AB CD`, 'has characters GS1 does not allow'],
    [`(01)${GTIN}(01)${GTIN}`, 'AI (01) GTIN appears twice'],
    [`(01)${GTIN}junk`, 'AI (01) GTIN must be exactly 14 characters (got 18'],
    [`(01${GTIN}`, 'malformed bracketed element string'],
    [`ABC`, 'is not a GS1 element string'],
    [``, 'the scan is empty'],
    [`(30)12A`, 'AI (30) count "12A" must be digits only'],
  ])('refuses %j: %s', (input, message) => expect(() => parseGs1(input, 2025)).toThrow(message));
});
